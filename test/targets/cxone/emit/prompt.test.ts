import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrPrompt, IrPromptPart, IrTextPiece } from '../../../../src/ir/nodes.js';
import { promptPhrase, promptProperties, promptSequence } from '../../../../src/targets/cxone/emit/prompt.js';

const PIECES = [
  '"',
  "'",
  '{',
  '}',
  '{otp}',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u007f',
  '\u2028',
  '\u2029',
  ' ',
  '  ',
  'é',
  '🙂',
  'word',
  'x',
];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...PIECES), minLength: 250, maxLength: 700 }),
  fc.string({ maxLength: 40 }),
);
const tts = (pieces: readonly IrTextPiece[]): IrPromptPart => ({ kind: 'tts', pieces, at: [] });
const literalPrompt: fc.Arbitrary<IrPrompt> = fc
  .array(text, { minLength: 1, maxLength: 3 })
  .map((texts) => [tts(texts.map((value) => ({ kind: 'text' as const, text: value })))]);
const mixedPrompt: fc.Arbitrary<IrPrompt> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('audio' as const), name: fc.constantFrom('welcome', 'menu_1'), fallback: text, at: fc.constant([]) }),
    fc
      .array(
        fc.oneof(
          text.map((value) => ({ kind: 'text' as const, text: value })),
          fc.constantFrom('otp', 'name').map((name) => ({
            kind: 'value' as const,
            value: { kind: 'variable' as const, name, type: 'string' as const, sensitive: false },
          })),
        ),
        { maxLength: 4 },
      )
      .map(tts),
  ),
  { minLength: 1, maxLength: 3 },
);

describe('promptProperties', () => {
  it('is promptSequence (escaped) and promptPhrase, literal prompts (one text made once) and any other alike', () => {
    fc.assert(
      fc.property(fc.oneof(literalPrompt, mixedPrompt), (prompt) => {
        const { Sequence, Phrase } = promptProperties(prompt);
        // The Sequence comes JSON-escaped, as the script file holds it.
        expect(Sequence.json).toBe(JSON.stringify(promptSequence(prompt)).slice(1, -1));
        expect(Phrase).toBe(promptPhrase(prompt));
      }),
      { numRuns: 1000 },
    );
  });
});
