import fc from 'fast-check';
import { dump } from 'js-yaml';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { readCleanYaml } from '../../src/flowspec/fast-yaml.js';
import { LineIndex } from '../../src/flowspec/line-index.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { quickLocator } from '../../src/flowspec/quick-locate.js';
import { locate, spanAt, type SpecSource } from '../../src/flowspec/source.js';
import type { SpecPath } from '../../src/diagnostics/diagnostic.js';
import { readEnvironmentFile } from '../../src/cli/environment-file.js';
import { compileSpec } from '../../src/pipeline.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

// The fast path must never change what a spec means: whenever it answers, the `yaml` library (the
// parser every position comes from) reads the same text without an error, a warning or a duplicate
// key, and to the same data. The reference below is `yaml` itself with its own duplicate-key check.

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

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

function agrees(text: string): 'fast' | 'fallback' {
  const fast = readCleanYaml(text, { forbiddenKeys: FORBIDDEN, holdsSteps: true });
  if (fast === undefined) return 'fallback';
  const reference = readWithYaml(text);
  expect(reference.clean, `yaml reports problems in a text the fast path read:\n${text}`).toBe(true);
  expect(canonical(fast), text).toBe(canonical(reference.data));
  expect(LineIndex.of(text).lineStarts, text).toEqual(reference.lineStarts);
  return 'fast';
}

const REPO_YAML = globSync(['flows/**/*.yaml', 'test/**/*.yaml', 'docs/**/*.yaml', 'templates/**/*.yaml'], { cwd: ROOT });
const EXAMPLES = ['flows/identity-promotion.yaml', 'flows/international-otp.yaml', 'flows/pin-with-summary.yaml'].map(readRepoFile);

/** Scalars and punctuation where js-yaml and yaml are most likely to part: YAML 1.1 forms, number forms, quoting, flow syntax. */
const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'tRue',
  '0x1F',
  '0o17',
  '0b101',
  '017',
  '1_000',
  '+1',
  '-0',
  '1e3',
  '1E-3',
  '.5',
  '1.',
  '-.inf',
  '.NaN',
  '.nan',
  '12:30',
  '2026-12-02',
  '1,5',
  "'",
  '"',
  '\\',
  '\\t',
  '#',
  ' #',
  ':',
  ': ',
  '-',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '?',
  '|',
  '>',
  '>-',
  '|+',
  '\t',
  '\n',
  '\r\n',
  ' ',
  '  ',
  '---',
  '...',
  '<<',
  '"a\\x41"',
  "'it''s'",
  '[a, b]',
  '{a: 1}',
  'key: value',
  '\u00e9',
  '\u2028',
  '\ufeff',
  '"\\u00e9"',
  '12345678901234567890',
  '0x',
  '1e',
  '.',
  '+.inf',
];

/** A text with one to four of the tricky tokens inserted or written over at arbitrary offsets. */
function mutant(base: string) {
  const edit = fc.record({ at: fc.nat(), token: fc.constantFrom(...TRICKY), replace: fc.nat({ max: 3 }) });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((text, { at, token, replace }) => {
      const offset = at % (text.length + 1);
      return text.slice(0, offset) + token + text.slice(offset + replace);
    }, base),
  );
}

/** Any JSON-like data written by either library in its own style, then mutated: shapes the examples do not have. */
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
const writtenData = fc
  .tuple(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tree, { minKeys: 1, maxKeys: 5 }), fc.nat({ max: 3 }))
  .map(([data, style]) =>
    style === 0
      ? stringify(data)
      : style === 1
        ? stringify(data, { collectionStyle: 'flow' })
        : dump(data, { flowLevel: style === 2 ? -1 : 1 }),
  )
  .chain((text) => fc.oneof(fc.constant(text), mutant(text)));

describe('the fast YAML path', () => {
  it('reads every YAML file of the repository as yaml does, or leaves it to yaml', () => {
    const paths = [...REPO_YAML];
    expect(paths.length).toBeGreaterThan(20);
    const taken = paths.map((path) => agrees(readRepoFile(path)));
    expect(taken).toContain('fast');
  });

  it('reads the example flows on the fast path, with the same data as yaml', () => {
    for (const text of EXAMPLES) expect(agrees(text)).toBe('fast');
  });

  it('agrees with yaml on mutants of the example flows (differential fuzz)', () => {
    const taken = { fast: 0, fallback: 0 };
    fc.assert(
      fc.property(fc.oneof(...EXAMPLES.map(mutant)), (text) => {
        taken[agrees(text)] += 1;
      }),
      { numRuns: 300, seed: 2026 },
    );
    // Both paths must really be exercised, or the property proves nothing.
    expect(taken.fast).toBeGreaterThan(30);
    expect(taken.fallback).toBeGreaterThan(30);
  }, 120_000);

  it('agrees with yaml on arbitrary data written by yaml and js-yaml, and on their mutants (differential fuzz)', () => {
    const taken = { fast: 0, fallback: 0 };
    fc.assert(
      fc.property(writtenData, (text) => {
        taken[agrees(text)] += 1;
      }),
      { numRuns: 600, seed: 18 },
    );
    expect(taken.fast).toBeGreaterThan(100);
  }, 120_000);

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

  it('leaves anchors, tags, collection keys, null keys and prototype keys to yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      '[a]: 1\n',
      '? a\n: 1\n',
      '~: 1\n',
      'constructor: 1\n',
      '- a\n',
      'a\n',
    ])
      expect(readCleanYaml(text, { forbiddenKeys: FORBIDDEN, holdsSteps: true }), text).toBeUndefined();
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
  const data = readCleanYaml(text, { forbiddenKeys: FORBIDDEN, holdsSteps: true });
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

  it('are the Document spans on data written by yaml and js-yaml and on their mutants (differential fuzz)', () => {
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
