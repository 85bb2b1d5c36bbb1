import fc from 'fast-check';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { stringify, type ToStringOptions } from 'yaml';
import type { CheckContext } from '../../src/flowspec/checks/context.js';
import { checkControlCharacters } from '../../src/flowspec/checks/control-characters.js';
import { ANY_RESERVED, RESERVED_PLACEHOLDERS, checkReservedPlaceholders } from '../../src/flowspec/checks/placeholders.js';
import { checkSpecStrings, noStringCanHoldAProblem } from '../../src/flowspec/checks/spec-text.js';
import { DiagnosticSink, type SpecSource } from '../../src/flowspec/source.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { sortDiagnostics } from '../../src/diagnostics/sort.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** A source whose text the data was not read from: the walk runs whatever the text holds. */
function unrelatedSource(): SpecSource {
  const { source } = loadSpec('spec.yaml', Buffer.from('ivrflow: 1\n'));
  return { file: source.file, text: source.text, lineCounter: source.lineCounter };
}

function diagnosticsOf(data: unknown, checks: readonly ((context: CheckContext) => void)[], source = unrelatedSource()) {
  const sink = new DiagnosticSink(source);
  for (const check of checks) check({ spec: data, sink } as unknown as CheckContext);
  return sortDiagnostics(sink.diagnostics);
}

/** Texts that trip one check, the other, both, or neither. */
const text = fc
  .array(fc.constantFrom('a', '{{', '}}', 'secret_x', ' Secret_Y ', 'genesys_integration', '\u0001', '\u2028', '\u007f', '\t'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.constant(null),
    fc.integer(),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(text, tie('node'), { maxKeys: 3 }),
  ),
})).node;

const SPEC_FILES = globSync(['flows/**/*.yaml', 'examples/**/*.yaml', 'test/cases/**/*.yaml', 'test/**/spec*.yaml'], { cwd: ROOT });

/** Pieces that make one check or the other find something, or nearly: split over lines by the narrow styles below. */
const piece = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('a', ' ', '{', '}}', 'secret_x', 'genesys_integration', "'", '#') },
  { weight: 1, arbitrary: fc.constantFrom('{{', 'SECRET_', '\u0001', '\u0085', '\u2028', '\u007f', '\\', '\t', '\n') },
);
const words = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
const data = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    words,
    fc.integer(),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(words, tie('node'), { maxKeys: 3 }),
  ),
})).node;
const STYLES: ToStringOptions[] = [
  {},
  { collectionStyle: 'flow' },
  { defaultStringType: 'QUOTE_DOUBLE' },
  { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
  { lineWidth: 20, minContentWidth: 0 },
  { blockQuote: 'literal' },
  { blockQuote: 'folded', lineWidth: 20, minContentWidth: 0 },
];
/** Data written by yaml in one of its styles, perhaps with a comment that holds a piece: texts the fast path reads or leaves. */
const writtenText = fc
  .tuple(fc.dictionary(words, data, { minKeys: 1, maxKeys: 5 }), fc.constantFrom(...STYLES), fc.option(words))
  .map(([value, style, comment]) => `${stringify(value, style)}${comment === null ? '' : `# ${comment.replace(/\n/g, ' ')}\n`}`);

describe('checkSpecStrings', () => {
  it('reports what the reserved-placeholder and control-character checks report on their own walks', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('endpoints', 'steps', 'targets', 'x'), tree), (data) => {
        expect(diagnosticsOf(data, [checkSpecStrings])).toEqual(diagnosticsOf(data, [checkReservedPlaceholders, checkControlCharacters]));
      }),
      { numRuns: 500 },
    );
  });

  it('skips a text only when no reserved-placeholder pattern matches it', () => {
    const piece = fc.constantFrom(
      '{',
      '{{',
      '}}',
      ' ',
      '\u00a0',
      '\n',
      'secret_',
      'SECRET_',
      'Secret',
      '_',
      'genesys_integration',
      'GENESYS_Integration',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const matched = RESERVED_PLACEHOLDERS.some(({ pattern }) => [...text.matchAll(pattern)].length > 0);
        if (matched) expect(ANY_RESERVED.test(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('skips the walk only for a text whose strings hold neither problem (differential, repository specs and fuzz)', () => {
    const taken = { skipped: 0, walked: 0, found: 0 };
    const agrees = (text: string) => {
      const loaded = loadSpec('spec.yaml', Buffer.from(text));
      if (loaded.data === undefined) return;
      const separate = diagnosticsOf(loaded.data, [checkReservedPlaceholders, checkControlCharacters], loaded.source);
      const skipped = noStringCanHoldAProblem(loaded.source);
      if (skipped) expect(separate, text).toEqual([]);
      expect(diagnosticsOf(loaded.data, [checkSpecStrings], loaded.source), text).toEqual(separate);
      taken[skipped ? 'skipped' : 'walked'] += 1;
      if (separate.length > 0) taken.found += 1;
    };
    for (const path of SPEC_FILES) agrees(readRepoFile(path));
    expect(taken.skipped).toBeGreaterThan(SPEC_FILES.length / 2);
    const repository = { ...taken };
    fc.assert(fc.property(writtenText, agrees), { numRuns: 1500, seed: 29 });
    // Each side of the shortcut must really be exercised, or the property proves little.
    expect(taken.skipped - repository.skipped).toBeGreaterThan(200);
    expect(taken.found - repository.found).toBeGreaterThan(200);
  });

  it('reports both problems of one text', () => {
    const found = diagnosticsOf({ steps: { a: { prompt: '{{secret_x}}\u0001' } } }, [checkSpecStrings]);
    expect(found.map((diagnostic) => diagnostic.code).sort()).toEqual(['secure/reserved-placeholder', 'spec/control-character']);
  });
});
