import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrPrompt, IrTextPiece } from '../../src/ir/nodes.js';
import { literalPromptText } from '../../src/ir/prompt.js';

/** The definition: one tts part whose pieces are all text, joined; anything else has no literal text. */
function reference(prompt: IrPrompt): string | undefined {
  const [only, ...rest] = prompt;
  if (only?.kind !== 'tts' || rest.length > 0) return undefined;
  return only.pieces.every((piece) => piece.kind === 'text')
    ? only.pieces.map((piece) => (piece as { text: string }).text).join('')
    : undefined;
}

const piece: fc.Arbitrary<IrTextPiece> = fc.oneof(
  fc.string({ maxLength: 8 }).map((text) => ({ kind: 'text' as const, text })),
  fc.constant({ kind: 'value' as const, value: { kind: 'variable' as const, name: 'otp', type: 'string' as const, sensitive: false } }),
);
const prompt: fc.Arbitrary<IrPrompt> = fc.array(
  fc.oneof(
    fc.array(piece, { maxLength: 3 }).map((pieces) => ({ kind: 'tts' as const, pieces, at: [] })),
    fc.constant({ kind: 'audio' as const, name: 'welcome', fallback: 'Welcome', at: [] }),
  ),
  { maxLength: 2 },
);

describe('literalPromptText', () => {
  it('is the joined text of a prompt of text pieces only, one piece (its shortcut) or several', () => {
    fc.assert(
      fc.property(prompt, (value) => {
        expect(literalPromptText(value)).toBe(reference(value));
      }),
      { numRuns: 1000 },
    );
  });
});
