import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/flowspec/checks/context.js';
import { checkControlCharacters } from '../../src/flowspec/checks/control-characters.js';
import { ANY_RESERVED, RESERVED_PLACEHOLDERS, checkReservedPlaceholders } from '../../src/flowspec/checks/placeholders.js';
import { checkSpecStrings } from '../../src/flowspec/checks/spec-text.js';
import { DiagnosticSink } from '../../src/flowspec/source.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { sortDiagnostics } from '../../src/diagnostics/sort.js';

function diagnosticsOf(data: unknown, checks: readonly ((context: CheckContext) => void)[]) {
  const loaded = loadSpec('spec.yaml', Buffer.from('ivrflow: 1\n'));
  const sink = new DiagnosticSink(loaded.source);
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

  it('reports both problems of one text', () => {
    const found = diagnosticsOf({ steps: { a: { prompt: '{{secret_x}}\u0001' } } }, [checkSpecStrings]);
    expect(found.map((diagnostic) => diagnostic.code).sort()).toEqual(['secure/reserved-placeholder', 'spec/control-character']);
  });
});
