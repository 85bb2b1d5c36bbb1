import fc from 'fast-check';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, stringify, type ToStringOptions } from 'yaml';
import { readCleanYaml, type CleanReadOptions } from '../../src/flowspec/fast-yaml.js';
import { INPUT_LIMITS } from '../../src/flowspec/limits.js';
import { LineIndex } from '../../src/flowspec/line-index.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { firstTooDeep } from '../../src/flowspec/nesting.js';
import { quickLocator } from '../../src/flowspec/quick-locate.js';
import { locate, spanAt, type SpecSource } from '../../src/flowspec/source.js';
import type { SpecPath } from '../../src/diagnostics/diagnostic.js';
import { readEnvironmentFile } from '../../src/cli/environment-file.js';
import { compileSpec } from '../../src/pipeline.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

// The fast path must never change what a spec means: whenever it answers, the `yaml` library (the
// parser every position comes from) reads the same text without an error, a warning or a duplicate
// key, and to the same data, and the checks load.ts runs around `yaml` (the nesting measure of
// nesting.ts, the input limits, the forbidden keys) find nothing. The reference below is `yaml`
// itself with its own duplicate-key check. FAST_YAML_RUNS=200000 runs a campaign of that many
// mutants per property (the suite runs a few hundred), FAST_YAML_SEED=n other ones.

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const RUNS = Number(process.env.FAST_YAML_RUNS ?? 0);
const runs = (suite: number) => (RUNS > 0 ? RUNS : suite);
/** FAST_YAML_SEED moves a campaign to other mutants than the suite's. */
const seed = (suite: number) => suite + Number(process.env.FAST_YAML_SEED ?? 0);

function read(text: string, holdsSteps = true): Record<string, unknown> | undefined {
  const options: CleanReadOptions = { forbiddenKeys: FORBIDDEN, holdsSteps };
  return readCleanYaml(text, options);
}

/** What `yaml` alone makes of a text, with the loader's options and yaml's own duplicate-key check. */
function readWithYaml(text: string): { clean: boolean; data?: unknown; lineStarts: number[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', merge: false });
  const clean = document.errors.length === 0 && document.warnings.length === 0;
  if (!clean) return { clean, lineStarts: lineCounter.lineStarts };
  return { clean, data: document.toJS({ maxAliasCount: 100 }), lineStarts: lineCounter.lineStarts };
}

/** JSON with the numbers JSON cannot tell apart (NaN, ±Infinity, -0) spelled out. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    typeof item === 'number' && (!Number.isFinite(item) || Object.is(item, -0))
      ? `number:${Object.is(item, -0) ? '-0' : String(item)}`
      : item,
  );
}

/**
 * The first input limit (limits.ts) plain data crosses, or undefined: the limits load.ts checks on
 * yaml's Document, written out again over data as the reference of the reader's own counting.
 */
function limitCrossed(data: unknown, holdsSteps: boolean): string | undefined {
  const pending: { value: unknown; topLevelKey?: string }[] = [{ value: data }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, topLevelKey } = item;
    if (typeof value === 'string') {
      if (value.length > INPUT_LIMITS.stringLength) return 'stringLength';
    } else if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS[topLevelKey === 'scenarios' ? 'scenarios' : 'itemsPerList']) return 'items';
      for (const element of value) pending.push({ value: element });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length > INPUT_LIMITS[topLevelKey === 'steps' && holdsSteps ? 'steps' : 'keysPerMapping']) return 'keys';
      for (const [key, child] of entries) {
        if (key.length > INPUT_LIMITS.stringLength) return 'stringLength';
        if (FORBIDDEN.has(key)) return 'forbidden key';
        pending.push({ value: child, ...(value === data ? { topLevelKey: key } : {}) });
      }
    }
  }
  return undefined;
}

function agrees(text: string, holdsSteps = true): 'fast' | 'fallback' {
  const fast = read(text, holdsSteps);
  if (fast === undefined) return 'fallback';
  const reference = readWithYaml(text);
  expect(reference.clean, `yaml reports problems in a text the fast path read:\n${text}`).toBe(true);
  expect(canonical(fast), text).toBe(canonical(reference.data));
  expect(Object.keys(fast), text).toEqual(Object.keys(reference.data as object));
  expect(LineIndex.of(text).lineStarts, text).toEqual(reference.lineStarts);
  expect(firstTooDeep(text, INPUT_LIMITS.nestingDepth), `nesting.ts finds a text the fast path read too deep:\n${text}`).toBeUndefined();
  expect(limitCrossed(reference.data, holdsSteps), text).toBeUndefined();
  return 'fast';
}

const REPO_YAML = globSync(['flows/**/*.yaml', 'test/**/*.yaml', 'docs/**/*.yaml', 'templates/**/*.yaml'], { cwd: ROOT });
const FLOW_FILES = globSync(['flows/**/*.yaml'], { cwd: ROOT });
/** Every file under flows/ and every spec and scenario fixture of the tests: what users write. */
const SPEC_TEXTS = [...FLOW_FILES, ...globSync(['test/**/spec*.yaml', 'test/**/*.test.yaml'], { cwd: ROOT })].map(readRepoFile);
const EXAMPLES = ['flows/identity-promotion.yaml', 'flows/international-otp.yaml', 'flows/pin-with-summary.yaml'].map(readRepoFile);

/** Plain scalars the core schema reads as something else than text, or nearly does. */
const NUMBER_LIKE = [
  '0x1F',
  '0x',
  '0X1F',
  '1e3',
  '1E-3',
  '1e',
  '.inf',
  '-.inf',
  '+.inf',
  '.Inf',
  '.NaN',
  '.nan',
  '.NAN',
  '.nAn',
  '-0',
  '+1',
  '+0.5',
  '0o17',
  '0o8',
  '017',
  '1_000',
  '0b1',
  '0b101',
  '1.',
  '.5',
  '.',
  '12:30',
  '2026-12-02',
  '1,5',
  '12345678901234567890',
  'True',
  'TRUE',
  'tRue',
  'true',
  'False',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '<<',
  '=',
  '-',
  '--',
  '---',
  '...',
  '- a',
  '-a',
  '?a',
  ':a',
  'a:b',
  '@a',
  '`a',
  '%a',
];

/** Quoted scalars with every escape YAML has, some invalid, some spanning lines. */
const QUOTED = [
  '"a\\"b"',
  '"a\\\\b"',
  '"\\x41"',
  '"\\u00e9"',
  '"\\U0001F600"',
  '"\\N"',
  '"\\_"',
  '"\\L\\P"',
  '"\\0\\a\\b\\e\\f\\n\\r\\t\\v"',
  '"\\ \\/"',
  '"\\q"',
  '"\\x4"',
  '"\\xZZ"',
  '"\\U00110000"',
  '"\\uD800"',
  '"a\\\n  b"',
  '"a\n  b"',
  "'it''s'",
  "'a\n  b'",
  "''",
  '""',
  '"a # b"',
  "'a: b'",
  '"- a"',
  '"#"',
  "'#'",
  '"\\"',
  "'\\'",
  '"a"b',
  "'a'b",
  '"a" #c',
  '"a"#c',
  '"{a}"',
  "'[a]'",
  '"\u00e9"',
];

/** Punctuation and text where a hand-written reader is most likely to part from yaml. */
const TRICKY = [
  ...NUMBER_LIKE,
  ...QUOTED,
  "'",
  '"',
  '\\',
  '#',
  ' #',
  ' # c',
  '#c',
  ':',
  ': ',
  ' : ',
  '::',
  '-',
  '- ',
  '- - ',
  '[',
  ']',
  '{',
  '}',
  ',',
  ', ',
  ', [',
  ', "',
  ', {',
  ',&',
  '?',
  '? ',
  '|',
  '>',
  '>-',
  '|-',
  '|+',
  '>+',
  '|2',
  '>1-',
  '&a',
  '*a',
  '!!str',
  '!x',
  '%YAML 1.2',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '---',
  '...',
  '[a, b]',
  '[a,b]',
  '[a, b,]',
  '[a,, b]',
  '{a: 1}',
  '{a:1}',
  '{a: }',
  '{"a": b}',
  '{a: [b, {c: d}]}',
  '[a: b]',
  '[]',
  '{}',
  '[[[]]]',
  'key: value',
  'key:value',
  'k: v: w',
  '\u00e9',
  '\u{1F600}',
  '\u2028',
  '\u0085',
  '\ufeff',
  '\u00a0',
  '\f',
  '\v',
  '\x01',
  '\x7f',
];

const INDENT_STEPS = [-4, -3, -2, -1, 1, 2, 3, 4];

/** One edit of a text: a token inserted or written over, or a line's layout changed. */
type Edit = { kind: number; at: number; token: string; replace: number; step: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.nat({ max: 15 }),
  at: fc.nat(),
  token: fc.constantFrom(...TRICKY),
  replace: fc.nat({ max: 3 }),
  step: fc.constantFrom(...INDENT_STEPS),
});

/** The line that holds offset `at` of a text (wrapped), as [start, end). */
function lineAt(text: string, at: number): [number, number] {
  const offset = at % (text.length + 1);
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const feed = text.indexOf('\n', offset);
  return [start, feed === -1 ? text.length : feed];
}

function applyEdit(text: string, { kind, at, token, replace, step }: Edit): string {
  const offset = at % (text.length + 1);
  const [start, end] = lineAt(text, at);
  const line = text.slice(start, end);
  const colon = line.indexOf(': ');
  const spliced = (from: number, to: number, insert: string) => text.slice(0, from) + insert + text.slice(to);
  switch (kind) {
    case 0: // indentation shifted
      return step > 0
        ? spliced(start, start, ' '.repeat(step))
        : spliced(start, start + Math.min(-step, line.length - line.trimStart().length), '');
    case 1: // a value written over
      return colon === -1 ? spliced(end, end, ` ${token}`) : spliced(start + colon + 2, end, token);
    case 2: // trailing spaces
      return spliced(end, end, ' '.repeat(1 + replace));
    case 3: // a line repeated: a duplicate key, or one more item
      return spliced(end, end, `\n${line}`);
    case 4: // no space after the colon
      return colon === -1 ? text : spliced(start + colon + 1, start + colon + 2, '');
    case 5: // an empty value
      return colon === -1 ? text : spliced(start + colon + 1, end, replace === 0 ? '' : ' #');
    case 6: // CRLF line ends
      return text.replace(/\n/g, '\r\n');
    case 7: // a byte-order mark, or a document marker
      return replace === 0 ? `\ufeff${text}` : spliced(start, start, `${replace === 1 ? '---' : '...'}\n`);
    case 8: // a key as long as yaml's limit
      return colon === -1
        ? text
        : spliced(start + line.length - line.trimStart().length, start + colon, 'k'.repeat(990 + 10 * replace + step));
    case 9: // a tab in the indentation
      return spliced(start, start, '\t');
    case 10: // a comment after or inside the scalar
      return spliced(end - replace, end - replace, replace % 2 === 0 ? ' # c' : '#c');
    case 11: // a line moved under the one above it
      return spliced(start, end, `${line.slice(0, line.length - line.trimStart().length)}  ${line.trimStart()}`);
    default: // a token inserted or written over anywhere
      return spliced(offset, Math.min(text.length, offset + replace), token);
  }
}

/** A text with one to four hostile edits. */
function mutant(base: string): fc.Arbitrary<string> {
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce(applyEdit, base));
}

/** Mappings, lists, compact `- key:` mappings and flow brackets nested around the limit. */
const deepText = fc
  .record({
    levels: fc.array(fc.constantFrom('map', 'list', 'compact', 'listAtKey'), { minLength: 16, maxLength: 34 }),
    brackets: fc.nat({ max: 8 }),
    openers: fc.constantFrom('[', '{', '[{'),
    below: fc.boolean(),
  })
  .map(({ levels, brackets, openers, below }) => {
    let text = 'root:\n';
    let indent = 2;
    for (const [index, level] of levels.entries()) {
      const pad = ' '.repeat(indent);
      if (level === 'map') text += `${pad}k${index}:\n`;
      else if (level === 'list') text += `${pad}-\n`;
      else if (level === 'compact') text += `${pad}- k${index}:\n`;
      else text += `${pad}k${index}:\n${pad}-\n`;
      indent += level === 'compact' ? 4 : 2;
    }
    let open = '';
    let close = '';
    for (let index = 0; index < brackets; index++) {
      const bracket = openers[index % openers.length]!;
      open += bracket === '[' ? '[' : '{k: ';
      close = (bracket === '[' ? ']' : '}') + close;
    }
    return `${text}${' '.repeat(indent)}${below ? '' : 'leaf: '}${open}x${close}\n`;
  });

/** Any JSON-like data, written by yaml in one of its styles, then perhaps mutated: shapes the examples do not have. */
const scalar = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...TRICKY)), tie('node'), { maxKeys: 4 }),
  ),
})).node;
const STYLES: ToStringOptions[] = [
  {},
  { collectionStyle: 'flow' },
  { indentSeq: false },
  { indent: 4 },
  { defaultStringType: 'QUOTE_DOUBLE' },
  { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
  { lineWidth: 20, minContentWidth: 0 },
  { blockQuote: 'literal' },
  { blockQuote: 'folded', lineWidth: 30 },
];
const writtenData = fc
  .tuple(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tree, { minKeys: 1, maxKeys: 5 }), fc.constantFrom(...STYLES))
  .map(([data, style]) => stringify(data, style))
  .chain((text) => fc.oneof(fc.constant(text), mutant(text)));

/** `agrees` on every text of a campaign (`suiteRuns` in the suite, FAST_YAML_RUNS in a campaign): how many took each path. */
function differentialCampaign(texts: fc.Arbitrary<string>, suiteRuns: number, suiteSeed: number): Record<'fast' | 'fallback', number> {
  const taken = { fast: 0, fallback: 0 };
  fc.assert(
    fc.property(texts, (text) => {
      taken[agrees(text)] += 1;
    }),
    { numRuns: runs(suiteRuns), seed: seed(suiteSeed) },
  );
  return taken;
}

describe('the fast YAML path', () => {
  it('reads every YAML file of the repository as yaml does, or leaves it to yaml', () => {
    const paths = [...REPO_YAML];
    expect(paths.length).toBeGreaterThan(20);
    const taken = paths.map((path) => agrees(readRepoFile(path)));
    expect(taken).toContain('fast');
  });

  it('reads every file under flows/ on the fast path, with the same data as yaml', () => {
    expect(FLOW_FILES.length).toBeGreaterThan(10);
    for (const path of FLOW_FILES) expect(agrees(readRepoFile(path)), path).toBe('fast');
  });

  it('agrees with yaml on hostile mutants of every spec (differential fuzz)', () => {
    const taken = differentialCampaign(fc.oneof(...SPEC_TEXTS.map(mutant)), 400, 2026);
    // Both paths must really be exercised, or the property proves nothing.
    expect(taken.fast).toBeGreaterThan(runs(400) / 10);
    expect(taken.fallback).toBeGreaterThan(runs(400) / 10);
  }, 600_000);

  it('agrees with yaml and nesting.ts on nesting near and past the limit (differential fuzz)', () => {
    const taken = differentialCampaign(fc.oneof(deepText, deepText.chain(mutant)), 200, 48);
    expect(taken.fast).toBeGreaterThan(runs(200) / 10);
    expect(taken.fallback).toBeGreaterThan(runs(200) / 10);
  }, 600_000);

  it('agrees with yaml on arbitrary data written by yaml, and on its mutants (differential fuzz)', () => {
    const taken = differentialCampaign(writtenData, 500, 18);
    expect(taken.fast).toBeGreaterThan(runs(500) / 10);
  }, 600_000);

  it('resolves plain words and numbers as the core schema does, as values and as keys', () => {
    const words = ['~', '~~', 'null', 'Null', 'NULL', 'nULL', 'nul', 'nulls', 'true', 'True', 'TRUE', 'tRUE', 'truE', 'trues'];
    words.push('false', 'False', 'FALSE', 'fAlse', 'falsey', 'n', 't', 'f', 'N', 'T', 'F', 'next', 'type', 'timeoutSeconds');
    words.push('0', '-1', '+7', '0o17', '0x1F', '1.5', '.5', '-.inf', '.NaN', '1e3', '1_000', '0b1', 'fields', 'Falsehood');
    for (const word of words) {
      expect(agrees(`ivrflow: 1\nvalue: ${word}\nlist: [${word}]\nmap: { a: ${word} }\n`), word).toBe('fast');
      // A null key is left to yaml, which writes it as an empty string.
      expect(agrees(`ivrflow: 1\n${word}: key\nmap: { ${word}: key }\n`), word).toBe(
        word === '~' || /^(?:null|Null|NULL)$/.test(word) ? 'fallback' : 'fast',
      );
    }
  });

  it('answers within the input limits and leaves a text past one to the positioned path', () => {
    const list = (items: number) => `a:\n${'  - x\n'.repeat(items)}`;
    const keys = (count: number, under = 'a') => `${under}:\n${Array.from({ length: count }, (_, index) => `  k${index}: 1\n`).join('')}`;
    const flowList = (items: number) => `a: [${Array.from({ length: items }, () => 'x').join(', ')}]\n`;
    const text = (length: number) => `a: ${'x'.repeat(length)}\n`;
    const nested = (levels: number) => `${Array.from({ length: levels }, (_, index) => `${' '.repeat(2 * index)}k:\n`).join('')}`;
    for (const [within, past] of [
      [list(INPUT_LIMITS.itemsPerList), list(INPUT_LIMITS.itemsPerList + 1)],
      [keys(INPUT_LIMITS.keysPerMapping), keys(INPUT_LIMITS.keysPerMapping + 1)],
      [flowList(INPUT_LIMITS.itemsPerList), flowList(INPUT_LIMITS.itemsPerList + 1)],
      [text(INPUT_LIMITS.stringLength), text(INPUT_LIMITS.stringLength + 1)],
      [nested(INPUT_LIMITS.nestingDepth), nested(INPUT_LIMITS.nestingDepth + 1)],
      [keys(INPUT_LIMITS.keysPerMapping + 1, 'steps'), keys(INPUT_LIMITS.keysPerMapping + 1, 'other')],
    ]) {
      expect(agrees(within!), within!.slice(0, 40)).toBe('fast');
      expect(read(past!), past!.slice(0, 40)).toBeUndefined();
    }
    expect(read(keys(INPUT_LIMITS.keysPerMapping + 1, 'steps'), false)).toBeUndefined();
    expect(firstTooDeep(nested(INPUT_LIMITS.nestingDepth + 1), INPUT_LIMITS.nestingDepth)).toBeDefined();
  });

  it('gives a spec read on the fast path the same positions, from a Document built only when asked', () => {
    const text = EXAMPLES[0]!;
    const loaded = loadSpec('flow.yaml', Buffer.from(text));
    const reference = readWithYaml(text);
    expect(loaded.source.lineCounter.lineStarts).toEqual(reference.lineStarts);
    const document = loaded.source.document;
    expect(document?.errors).toEqual([]);
    expect(loaded.source.document).toBe(document);
    expect(canonical(document?.toJS())).toBe(canonical(loaded.data));
  });

  it('leaves anchors, tags, directives, markers, unusual keys and layouts to yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      '[a]: 1\n',
      '? a\n: 1\n',
      '~: 1\n',
      'null: 1\n',
      'constructor: 1\n',
      '__proto__: 1\n',
      'a: 1\na: 2\n',
      '1: a\n0x1: b\n',
      'a: {b: 1, b: 2}\n',
      `${'k'.repeat(1001)}: 1\n`,
      '- a\n',
      'a\n',
      'a: b\n  c\n',
      'a: "b\n  c"\n',
      'a:\tb\n',
      'a: b\rc: d\n',
      '\ufeffa: 1\n',
      'a: |+\n  b\n',
      'a: |2\n    b\n',
      'a:\n b: 1\n  c: 2\n',
    ])
      expect(read(text), JSON.stringify(text)).toBeUndefined();
  });
});

// Positions without the Document (quick-locate.ts): wherever the quick reader answers for a path,
// it must give the span `locate` finds in yaml's Document, on every node (and key) of every text.

/** Every path to a node of the data, a key or an item at a time; a stack, as the code under test. */
function everyPath(data: unknown): SpecPath[] {
  const paths: SpecPath[] = [];
  const stack: { value: unknown; path: SpecPath }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
  }
  return paths;
}

/** The quick reader against the Document on every path of a text the fast path reads: how many it answered, of how many. */
function locatesAsTheDocument(text: string): { answered: number; paths: number } | undefined {
  const data = read(text);
  if (data === undefined) return undefined;
  const lineCounter = LineIndex.of(text);
  const withDocument: SpecSource = {
    file: 'flow.yaml',
    text,
    lineCounter,
    document: parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2', merge: false }),
  };
  const quickRange = quickLocator(text, lineCounter);
  let answered = 0;
  const paths = everyPath(data);
  for (const path of paths)
    for (const onKey of [false, true]) {
      const quick = quickRange(path, onKey);
      if (quick === undefined) continue;
      answered += 1;
      expect(spanAt(withDocument, quick[0], quick[1]), `${path.join('.')}${onKey ? ' (key)' : ''} in:\n${text}`).toEqual(
        locate(withDocument, path, onKey),
      );
    }
  return { answered, paths: paths.length * 2 };
}

describe('spans of a spec the fast path read, found without the Document', () => {
  it('are the Document spans on every node of the repository YAML, and cover most nodes of the example flows', () => {
    for (const path of REPO_YAML) locatesAsTheDocument(readRepoFile(path));
    for (const text of EXAMPLES) {
      const { answered, paths } = locatesAsTheDocument(text)!;
      expect(answered / paths).toBeGreaterThan(0.8);
    }
  });

  it('are the Document spans on mutants of the example flows (differential fuzz)', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.oneof(...EXAMPLES.map(mutant)), (text) => {
        answered += locatesAsTheDocument(text)?.answered ?? 0;
      }),
      { numRuns: 300, seed: 2027 },
    );
    expect(answered).toBeGreaterThan(1000);
  }, 120_000);

  it('are the Document spans on data written by yaml and on its mutants (differential fuzz)', () => {
    let answered = 0;
    fc.assert(
      fc.property(writtenData, (text) => {
        answered += locatesAsTheDocument(text)?.answered ?? 0;
      }),
      { numRuns: 600, seed: 19 },
    );
    expect(answered).toBeGreaterThan(100);
  }, 120_000);

  it('gives a compile the same notes and spans as the Document path gives the same text', async () => {
    const environment = await readEnvironmentFile('flows/environments/example.yaml', ROOT);
    for (const text of EXAMPLES) {
      // A tab in a comment sends the text down the positioned path (fast-yaml.ts); the lines above it are unchanged.
      const compiled = await Promise.all(
        [text, `${text}\n# \t\n`].map((bytes) => compileSpec('flow.yaml', Buffer.from(bytes), { environment })),
      );
      const [quick, positioned] = [compiled[0]!, compiled[1]!];
      expect(quick.source.quickRange).toBeDefined();
      expect(positioned.source.quickRange).toBeUndefined();
      expect(quick.diagnostics.length).toBeGreaterThan(0);
      expect(quick.diagnostics).toEqual(positioned.diagnostics);
    }
  });
});
