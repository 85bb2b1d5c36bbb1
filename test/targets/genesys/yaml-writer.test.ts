/**
 * The fast Archy YAML writer (src/targets/genesys/emit/yaml-writer.ts) against the `yaml` library's
 * Document with the same options, the writer the Genesys emitter used before: on random data trees
 * with hostile strings, the fast writer either declines (undefined) or writes the very same bytes.
 * And it must not decline the files ivrflow actually writes, or it would speed nothing up.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, toYamlByDocument } from '../../../src/targets/genesys/emit/serialize.js';
import {
  ARCHY_YAML_OPTIONS,
  ARCHY_YAML_WRITE_OPTIONS,
  isPlainAsIs,
  writeArchyYaml,
} from '../../../src/targets/genesys/emit/yaml-writer.js';
import { ROOT } from '../../helpers/fixtures.js';
import { HOSTILE_STRINGS } from '../../fuzz/mutants.js';

const byDocument = (data: unknown) => new Document(data, ARCHY_YAML_OPTIONS).toString(ARCHY_YAML_WRITE_OPTIONS);

/** Words YAML 1.1 or 1.2 reads as something other than text, numbers in their many spellings, indicators. */
const TRICKY_WORDS = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'true', 'False', '0x1F', '0o17', '017', '1_000', '0b101', '1e3', '.5', '-.inf',
  '.NaN', '12:30:00', '2026-01-01', '2026-01-01T10:00:00Z', '- item', '? key', 'a: b', 'a #b', '#c', '@x', '`x`', '|', '>', "'", '"',
  '[a]', '{a}', 'a, b', '*a', '&a', '!tag', '%x', '---', '...', '--- x', 'x ', ' x', 'x:', ':x', 'Flow.a == "b"', "it's", 'k'.repeat(1030),
]; // prettier-ignore

const stringArbitrary = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS, ...TRICKY_WORDS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', ' ', ':', '#', '-', '\n', "'", '"', '\\', '\t', '1', '.', '\u0085', '\u2028'), maxLength: 8 }),
);
const scalarArbitrary = fc.oneof(
  stringArbitrary,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
);
const { tree } = fc.letrec((self) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArbitrary, self('array'), self('object')),
  array: fc.array(self('tree'), { maxLength: 4 }),
  object: fc.dictionary(stringArbitrary, self('tree'), { maxKeys: 4 }),
}));
const documentArbitrary = fc.dictionary(stringArbitrary, tree, { maxKeys: 5 });

/** Text that starts like a word, then anything the plain-or-not decision turns on. */
const wordLikeArbitrary = fc
  .tuple(
    fc.constantFrom('a', 'Z', 'y', 'N', 'o', 'T', 'F', 'n', 'e', 'E', 'Flow', 'x'),
    fc.string({
      unit: fc.constantFrom(
        ...[
          'a',
          'e',
          's',
          'o',
          'N',
          'L',
          'f',
          'F',
          ' ',
          ':',
          '#',
          '-',
          '"',
          "'",
          '\\',
          '{',
          '}',
          '[',
          ']',
          ',',
          '&',
          '*',
          '!',
          '|',
          '>',
          '%',
          '@',
          '`',
        ],
        ...[
          '\t',
          '\n',
          '\r',
          '\u0000',
          '\u0007',
          '\u001b',
          '\u007f',
          '\u0085',
          '\u009f',
          '\u00a0',
          '\u2028',
          '\u2029',
          '\ufeff',
          '\ud83d',
          '\ude00',
        ],
        ...['é', 'ß', '中', '😀', '\u202e', '{{', '}}', '0', '1', '9', '.', '_', '?', '=', '(', ')', '$', '+', 'e', 'E'],
      ),
      maxLength: 10,
    }),
  )
  .map(([start, rest]) => start + rest);

const libraryValue = (text: string) => stringify(text, { ...ARCHY_YAML_OPTIONS, ...ARCHY_YAML_WRITE_OPTIONS });

describe('the plain-as-is decision of the fast writer', () => {
  const words = [
    ...HOSTILE_STRINGS,
    ...TRICKY_WORDS,
    ...['Y', 'YES', 'Yes', 'N', 'NO', 'On', 'ON', 'Off', 'TRUE', 'True', 'FALSE', 'NULL', 'nulls', 'yes!', 'Nope', 'onward', 'offset'],
    ...['a:b', 'a :b', 'a: b', 'a:', 'a #b', 'a#b', 'a  b', 'a ', 'a\t', 'a\u00a0', 'x'.repeat(20_000), 'Ünïcödé', 'é'.repeat(3000)],
    ...['Welcome to Example Bank. To help us serve you, we will verify your identity.', '{{general_queue}}', 'a {{placeholder}}'],
    ...['Flow.x == "b"', "it's", 'ToAudioBlank(100)', 'Call.Ani', 'x, y', 'x [y]', 'x {y}', 'x\u2028y', 'x\u0085y', 'x\ud800'],
  ];

  it('is what the library writes, as a value and as a key, for every string it takes (hostile ones too)', () => {
    const check = (text: string) => {
      if (!isPlainAsIs(text)) return false;
      const label = JSON.stringify(text.slice(0, 40));
      expect(libraryValue(text), label).toBe(`${text}\n`);
      // A key longer than 1,024 characters is explicit (`? key`); the writer declines it before asking.
      const data = text.length > 1024 ? { key: text, nested: [{ key: [text] }] } : { [text]: text, nested: [{ [text]: [text] }] };
      const key = text.length > 1024 ? 'key' : text;
      expect(byDocument(data), label).toBe(`${key}: ${text}\nnested:\n  - ${key}:\n      - ${text}\n`);
      return true;
    };
    let taken = words.filter(check).length;
    fc.assert(
      fc.property(fc.oneof(wordLikeArbitrary, stringArbitrary), (text) => {
        if (check(text)) taken += 1;
      }),
      { numRuns: 20_000, seed: 20_261_203 },
    );
    // Not vacuous: a good share of the strings is taken.
    expect(taken).toBeGreaterThan(3_000);
  });

  it('leaves to the library every word YAML 1.1 or 1.2 reads as a boolean or null, and text the library quotes', () => {
    for (const word of ['y', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'NULL', 'n', 'e0', 'E5', 'e-3', 'E+12345678'])
      expect(isPlainAsIs(word), word).toBe(false);
    for (const text of ['a: b', 'a #b', 'a ', 'a:', 'tab\there', 'x\ny', 'x\u0085', '- x', '1a', ' a', '😀', ''])
      expect(isPlainAsIs(text), JSON.stringify(text)).toBe(false);
    // And the library agrees that none of those is written as it is.
    for (const word of ['y', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'NULL', 'n', 'e0', 'E+5', 'a: b', 'a #b', 'a ', 'a:'])
      expect(libraryValue(word), word).not.toBe(`${word}\n`);
  });
});

describe('the fast Archy YAML writer', () => {
  it('writes what the yaml Document writes, or declines', () => {
    let written = 0;
    fc.assert(
      fc.property(documentArbitrary, (data) => {
        const fast = writeArchyYaml(data);
        if (fast === undefined) return;
        written += 1;
        expect(fast).toBe(byDocument(data));
      }),
      { numRuns: 3000, seed: 20_261_202 },
    );
    // Most random trees hold nothing that makes the writer decline: the comparison is not vacuous.
    expect(written).toBeGreaterThan(800);
  });

  it('declines a multi-line string, a document marker, a long key and data that is not plain', () => {
    for (const data of [{ a: 'two\nlines' }, { a: '--- x' }, { ['k'.repeat(1100)]: 1 }, { a: new Date(0) }, { a: [undefined] }, ['top']])
      expect(writeArchyYaml(data)).toBeUndefined();
  });

  it('writes a nesting deeper than the call stack', () => {
    let data: Record<string, unknown> = { leaf: 'x' };
    for (let level = 0; level < 2_000; level++) data = { [`k${level % 3}`]: [data] };
    expect(() => byDocument(data)).toThrow(RangeError);
    expect(writeArchyYaml(data)?.split('\n')).toHaveLength(2_000 + 2);
  });

  it('writes what the Document writes past the nesting whose line starts it remembers', () => {
    // 160 levels of a mapping in a sequence item: 320 nesting levels, beyond the 256 remembered.
    let data: Record<string, unknown> = { leaf: 'x', other: [1, 'two'] };
    for (let level = 0; level < 160; level++) data = { [`k${level % 3}`]: [data, { sibling: level }], after: 'y' };
    expect(writeArchyYaml(data)).toBe(byDocument(data));
  });

  it('writes the same after more keys than it remembers (its caches are forgotten and filled again)', () => {
    const keys = Array.from({ length: 12_000 }, (_, index) => `key${index}`);
    const mapping = Object.fromEntries(keys.map((key, index) => [key, index % 2 === 0 ? `value ${index}` : index]));
    const data = { top: mapping, nested: [{ deeper: mapping }], again: mapping };
    const expected = byDocument(data);
    expect(writeArchyYaml(data)).toBe(expected);
    expect(writeArchyYaml(data)).toBe(expected);
  });

  it('writes every Archy YAML file of the goldens itself, byte for byte', () => {
    const files = goldenArchyFiles();
    expect(files.length).toBeGreaterThanOrEqual(8);
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const [header, body] = splitHeader(text);
      const data: unknown = parse(body, { version: '1.1' });
      const written = writeArchyYaml(data);
      // A file with a block literal (a multi-line prompt) or key comments is written by the Document.
      if (written === undefined || /^\s*#/m.test(body)) continue;
      fast += 1;
      expect(written, file).toBe(body);
      expect(toYaml(data, header), file).toBe(text);
    }
    expect(fast).toBeGreaterThanOrEqual(files.length - 2);
  });
});

/** Comment texts: what the options file writes, and what the library marks differently (empty, line breaks). */
const commentArbitrary = fc.oneof(
  fc.constantFrom(
    'used in genesys/inbound-call.yaml, genesys/secure-call.yaml',
    'used in genesys/data-actions/x.json; not substituted in data action JSON: fill it with `ivrflow generate --env`',
    ...['', ' ', '#', '# x', 'a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'trailing ', '  lead', 'é 中 😀', '\u0085', 'a: b', "'\"'"],
  ),
  fc.string({ maxLength: 10 }),
  stringArbitrary,
);

/** Every mapping key of the data, outer first, each once. */
function keysOf(data: unknown, found = new Set<string>()): string[] {
  if (Array.isArray(data)) for (const item of data) keysOf(item, found);
  else if (typeof data === 'object' && data !== null)
    for (const [key, value] of Object.entries(data)) {
      found.add(key);
      keysOf(value, found);
    }
  return [...found];
}

describe('the fast writer with key comments (the options file)', () => {
  const header = ['Generated by ivrflow from x.yaml: Archy options-file stub. Do not edit.', 'Fill one copy per environment.'];
  const bothWriters = (data: unknown, comments: ReadonlyMap<string, string>) => {
    expect(toYaml(data, header, comments)).toBe(toYamlByDocument(data, header, comments));
    return writeArchyYaml(data, comments) !== undefined;
  };

  it('writes what the Document writes on options-file data with varied keys, values and comments, or declines', () => {
    let fast = 0;
    const options = fc.tuple(
      fc.array(fc.tuple(stringArbitrary, stringArbitrary, fc.option(commentArbitrary)), { maxLength: 6 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(options, ([entries, empty]) => {
        const substitutions = Object.fromEntries(entries.map(([key, value]) => [key, empty ? '' : value]));
        const comments = new Map(entries.flatMap(([key, , comment]) => (comment === null ? [] : [[key, comment] as const])));
        if (bothWriters({ substitutions }, comments)) fast += 1;
      }),
      { numRuns: 2000, seed: 20_261_204 },
    );
    expect(fast).toBeGreaterThan(600);
  });

  it('writes what the Document writes on random trees with comments on their keys, or declines', () => {
    let fast = 0;
    fc.assert(
      fc.property(documentArbitrary, fc.array(fc.option(commentArbitrary), { maxLength: 12 }), (data, drawn) => {
        const comments = new Map(keysOf(data).flatMap((key, index) => (drawn[index] ? [[key, drawn[index]] as const] : [])));
        if (bothWriters(data, comments)) fast += 1;
      }),
      { numRuns: 2000, seed: 20_261_205 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('writes every options file of the goldens itself, byte for byte', () => {
    const files = goldenArchyFiles(true);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const [header, body] = splitHeader(readFileSync(file, 'utf8'));
      // Each `  # comment` line is the comment of the key on the line below it.
      const lines = body.split('\n');
      const comments = new Map(
        lines.flatMap((line, index) =>
          /^ +# /.test(line) ? [[lines[index + 1]!.trim().split(':')[0]!, line.trim().slice(2)] as const] : [],
        ),
      );
      expect(comments.size, file).toBeGreaterThan(0);
      expect(writeArchyYaml(parse(body, { version: '1.1' }), comments), file).toBe(body);
      expect(toYamlByDocument(parse(body, { version: '1.1' }), header, comments), file).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('takes the options file ivrflow writes', () => {
    const comments = new Map([
      ['general_queue', 'used in genesys/inbound-call.yaml, genesys/secure-call.yaml'],
      [
        'identity_base_url',
        'used in genesys/data-actions/verifyIdentity.json; not substituted in data action JSON: fill it with `ivrflow generate --env`',
      ],
    ]);
    const data = { substitutions: { general_queue: '', identity_base_url: 'https://id.example.com/v1' } };
    expect(writeArchyYaml(data, comments)).toBe(
      'substitutions:\n  # used in genesys/inbound-call.yaml, genesys/secure-call.yaml\n  general_queue: ""\n' +
        `  # ${comments.get('identity_base_url')}\n  identity_base_url: https://id.example.com/v1\n`,
    );
  });
});

function goldenArchyFiles(options = false): string[] {
  const base = join(ROOT, 'test/golden/flows');
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\/genesys\/[^/]+\.yaml$/.test(path) && path.endsWith('archy-options.yaml') === options)
    .map((path) => join(base, path));
}

/** The `# ...` lines and the blank line toYaml writes first, as header lines; the rest is the body. */
function splitHeader(text: string): [string[], string] {
  const end = text.indexOf('\n\n');
  const header = text
    .slice(0, end)
    .split('\n')
    .map((line) => line.replace(/^# /, ''));
  return [header, text.slice(end + 2)];
}
