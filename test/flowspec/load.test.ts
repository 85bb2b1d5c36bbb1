import { describe, expect, it } from 'vitest';
import { check, codes, positionOf, readRepoFile, yaml } from '../helpers/fixtures.js';

const EXAMPLE = readRepoFile('flows/identity-promotion.yaml');
const WITH_TYPO = EXAMPLE.replace('    timeoutSeconds: 10\n', '    timeoutSecond: 10\n');
const TYPO_LINE = EXAMPLE.split('\n').findIndex((line) => line === '    timeoutSeconds: 10') + 1;

describe('loading a spec', () => {
  it('locates a problem at the same line and column with LF, CRLF and a byte-order mark', () => {
    const expected = [`schema/unknown-key@${TYPO_LINE}:5`];
    expect(codes(check(WITH_TYPO))).toEqual(expected);
    expect(codes(check(WITH_TYPO.replace(/\n/g, '\r\n')))).toEqual(expected);
    expect(codes(check(`\uFEFF${WITH_TYPO}`))).toEqual(expected);
  });

  it('gives a hint for tab indentation', () => {
    const [diagnostic] = check('ivrflow: 1\n\tname: x\n');
    expect(diagnostic).toMatchObject({ code: 'yaml/syntax', span: { start: { line: 2, column: 1 } } });
    expect(diagnostic?.hint).toMatch(/spaces/);
  });

  it('refuses prototype keys at any depth, pointing at the key', () => {
    const text = EXAMPLE.replace('      auth_method: otp\n', '      auth_method: otp\n      constructor: x\n');
    const line = text.split('\n').indexOf('      constructor: x') + 1;
    expect(codes(check(text))).toEqual([`yaml/forbidden-key@${line}:7`]);
    expect(check(text)[0]!.hint).toMatch(/Rename the key/);
  });

  it('refuses a mapping or a list as a key, at the key, and never warns on the process (found by the fuzz)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const text = EXAMPLE.replace('start: greeting\n', 'start: greeting\n? { onTimeout: a }\n: 1\n[a, b]: 2\n');
      const diagnostics = check(text);
      expect(codes(diagnostics)).toEqual([
        `yaml/syntax@${positionOf(text, '{ onTimeout').line}:3`,
        `yaml/syntax@${positionOf(text, '[a, b]').line}:1`,
      ]);
      expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
        'A key must be text, not a mapping.',
        'A key must be text, not a list.',
      ]);
      // process.emitWarning reports on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('stops an alias expansion bomb before it expands', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++)
      levels.push(
        `${'abcdefgh'[level]}: &${'abcdefgh'[level]} [${Array(10)
          .fill(`*${'abcdefgh'[level - 1]}`)
          .join(', ')}]`,
      );
    expect(codes(check(`ivrflow: 1\n${levels.join('\n')}\n`))).toEqual(['yaml/alias-limit@1:1']);
  });

  it('reports a document nested too deeply to read, without crashing', () => {
    const [diagnostic] = check(`ivrflow: 1\nname: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    // Measured on the text before the YAML library recurses into it (src/flowspec/nesting.ts).
    expect(diagnostic).toMatchObject({ code: 'input/limit', span: { start: { line: 2, column: 54 } } });
  });

  it('reports a top level that is not a mapping', () => {
    expect(codes(check('just text\n'))).toEqual(['yaml/syntax@1:1']);
  });

  it('reports every schema problem of a file at once', () => {
    const text = yaml`
      ivrflow: 1
      name: x
      language: english
      start: a
      steps:
        a: { type: disconnect, prompt: 5 }
    `;
    expect(codes(check(text))).toEqual(['schema/invalid@3:11', 'schema/invalid@6:34']);
  });
});

describe('YAML a spec must not use', () => {
  const base = readRepoFile('flows/identity-promotion.yaml');

  it.each([
    ['a Python object tag', 'name: !!python/object:os.system x', '!!python'],
    ['a custom tag', 'name: !vault x', '!vault'],
    ['a YAML 1.1 timestamp tag, not in the 1.2 core schema (the value it tags)', 'name: !!timestamp 2026-01-01', '2026-01-01'],
  ])('refuses %s at its position', (_, line, at) => {
    const text = base.replace('name: Identity Promotion', line);
    const where = positionOf(text, at);
    expect(codes(check(text))).toEqual([`yaml/unknown-tag@${where.line}:${where.column}`]);
  });

  it('accepts the core schema tags', () => {
    expect(codes(check(base.replace('name: Identity Promotion', 'name: !!str Identity Promotion')))).toEqual([]);
  });

  it('refuses a %YAML directive other than 1.1 and 1.2, and reads those two', () => {
    expect(codes(check(`%YAML 2.0\n---\n${base}`))).toEqual(['yaml/directive@1:7']);
    expect(codes(check(`%YAML 1.2\n---\n${base}`))).toEqual([]);
    expect(codes(check(`%YAML 1.1\n---\n${base}`))).toEqual([]);
  });

  it('positions a file of only comments', () => {
    expect(codes(check('# nothing\n# here\n'))).toEqual(['input/empty@1:1']);
  });

  it('reads CR-only line ends as line ends, so positions are the same as with LF', () => {
    expect(codes(check(WITH_TYPO.replace(/\n/g, '\r')))).toEqual([`schema/unknown-key@${TYPO_LINE}:5`]);
  });

  it('still reports a duplicate key at the second occurrence', () => {
    const text = base.replace('language: en-US\n', 'language: en-US\nlanguage: fr-CA\n');
    const where = positionOf(text, 'language: fr-CA');
    expect(codes(check(text))).toEqual([`yaml/duplicate-key@${where.line}:${where.column}`]);
  });
});
