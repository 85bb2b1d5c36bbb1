import { memoizeByString } from '../util/memo.js';
import type { GatherStepSpec } from './types.js';

/**
 * Name matching for the security rules: a name or a prompt is split into lower-case words, and a
 * phrase matches consecutive words, so `pin` matches `collectPin` and "your PIN" but not `spinner`.
 */

/**
 * Words of an identifier: camelCase, snake_case, kebab-case and digits. `collectOTPCode` → collect,
 * otp, code. Remembered: every rule asks it of every step id and variable name.
 */
export const identifierWords: (name: string) => readonly string[] = memoizeByString(splitIdentifier);

function splitIdentifier(name: string): readonly string[] {
  const spaced = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2');
  return spaced
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter((word) => word !== '');
}

/** Words of a sentence spoken to the caller. */
export function proseWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter((word) => word !== '');
}

/** The first phrase of the list found as consecutive words; a plural `s` is allowed. */
export function findPhrase(words: readonly string[], phrases: PhraseList): string | undefined {
  return phrases.find(words);
}

/** A list of phrases (space-separated words), prepared once for `findPhrase`. */
export interface PhraseList {
  find(words: readonly string[]): string | undefined;
}

/**
 * The phrase lists are constants, searched for every name and prompt (3% of a check when each
 * phrase was tried at each word): one-word phrases, nearly all of them, become one lookup per
 * word, of the phrase and its plural alike. Prepared where a list is written, not looked up per search.
 */
export function phraseList(phrases: readonly string[]): PhraseList {
  /** Each one-word phrase and its plural at the first place in the list that one of them is found: the earliest phrase wins, as listed. */
  const single = new Map<string, number>();
  const note = (word: string, at: number) => {
    if ((single.get(word) ?? Infinity) > at) single.set(word, at);
  };
  const multi: { at: number; parts: readonly string[] }[] = [];
  phrases.forEach((phrase, at) => {
    const parts = phrase.split(' ');
    if (parts.length > 1) multi.push({ at, parts });
    else {
      // A word can be one phrase and the plural of another (`ss`): the one listed first wins.
      note(phrase, at);
      note(`${phrase}s`, at);
    }
  });
  return {
    find(words) {
      let best = phrases.length;
      for (const word of words) {
        const at = single.get(word);
        if (at !== undefined && at < best) best = at;
      }
      for (const { at, parts } of multi) if (at < best && hasParts(words, parts)) best = at;
      return best < phrases.length ? phrases[best] : undefined;
    },
  };
}

function hasParts(words: readonly string[], parts: readonly string[]): boolean {
  next: for (let start = 0; start + parts.length <= words.length; start++) {
    for (let offset = 0; offset < parts.length; offset++) if (!sameWord(words[start + offset]!, parts[offset]!)) continue next;
    return true;
  }
  return false;
}

/** The word itself or its plural; compared without building the plural, since it runs for every word and phrase. */
function sameWord(word: string, expected: string): boolean {
  return word === expected || (word.length === expected.length + 1 && word.endsWith('s') && word.startsWith(expected));
}

/** The most digits a gather accepts. */
export function maxDigits(step: GatherStepSpec): number {
  return typeof step.digits === 'number' ? step.digits : step.digits.max;
}
