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

/** The first phrase (space-separated words) found as consecutive words; a plural `s` is allowed. */
export function findPhrase(words: readonly string[], phrases: readonly string[]): string | undefined {
  return phrases.find((phrase) => {
    const parts = phraseParts(phrase);
    for (let start = 0; start + parts.length <= words.length; start++) {
      if (parts.every((part, offset) => sameWord(words[start + offset], part))) return true;
    }
    return false;
  });
}

/** The phrase lists are constants, searched for every name and prompt: each phrase is split once. */
const partsOfPhrase = new Map<string, readonly string[]>();
function phraseParts(phrase: string): readonly string[] {
  let parts = partsOfPhrase.get(phrase);
  if (parts === undefined) partsOfPhrase.set(phrase, (parts = phrase.split(' ')));
  return parts;
}

/** The word itself or its plural; compared without building the plural, since it runs for every word and phrase. */
function sameWord(word: string | undefined, expected: string): boolean {
  if (word === undefined || word === expected) return word !== undefined;
  return word.length === expected.length + 1 && word.endsWith('s') && word.startsWith(expected);
}

/** The most digits a gather accepts. */
export function maxDigits(step: GatherStepSpec): number {
  return typeof step.digits === 'number' ? step.digits : step.digits.max;
}
