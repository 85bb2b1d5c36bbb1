import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhrase, phraseList } from '../../src/flowspec/name-words.js';

/** The plain search `findPhrase` replaced: each phrase, in list order, tried at each word. */
function findPhraseReference(words: readonly string[], phrases: readonly string[]): string | undefined {
  const sameWord = (word: string | undefined, expected: string) => word === expected || word === `${expected}s`;
  return phrases.find((phrase) => {
    const parts = phrase.split(' ');
    for (let start = 0; start + parts.length <= words.length; start++)
      if (parts.every((part, offset) => sameWord(words[start + offset], part))) return true;
    return false;
  });
}

/** Few letters, so words, plurals and phrases collide often; empty and doubled spaces included. */
const word = fc.constantFrom('pin', 'pins', 's', 'code', 'codes', 'zip', 'card', 'cards', 'num', 'a', 'as', 'ss', '');
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));

describe('findPhrase', () => {
  it('finds what the plain search finds, the first listed phrase first', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.array(phrase, { maxLength: 8 }), (words, phrases) => {
        const plain = findPhraseReference(words, phrases);
        const list = phraseList(phrases);
        expect(findPhrase(words, list)).toBe(plain);
        // A list is prepared once and reused: asked again, it answers the same.
        expect(findPhrase(words, list)).toBe(plain);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches consecutive words and a plural, not a word inside another', () => {
    const phrases = phraseList(['card number', 'pin', 'otp']);
    expect(findPhrase(['your', 'card', 'numbers'], phrases)).toBe('card number');
    expect(findPhrase(['card', 'the', 'number'], phrases)).toBeUndefined();
    expect(findPhrase(['otp', 'pins'], phrases)).toBe('pin');
    expect(findPhrase(['spinner'], phrases)).toBeUndefined();
    expect(findPhrase(['pinss'], phrases)).toBeUndefined();
  });
});
