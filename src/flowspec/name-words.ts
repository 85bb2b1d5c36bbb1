import type { GatherStepSpec } from './types.js';

/**
 * Name matching for the security rules: a name or a prompt is split into lower-case words, and a
 * phrase matches consecutive words, so `pin` matches `collectPin` and "your PIN" but not `spinner`.
 */

/** Words of an identifier: camelCase, snake_case, kebab-case and digits. `collectOTPCode` → collect, otp, code. */
export function identifierWords(name: string): string[] {
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
  const present = new Set(words);
  return phrases.find((phrase) => {
    const parts = phraseParts(phrase);
    // Most names hold none of a phrase's words: a set lookup rules the phrase out before the scan.
    if (!present.has(parts[0]!) && !present.has(`${parts[0]!}s`)) return false;
    return words.some((_, start) => parts.every((part, offset) => sameWord(words[start + offset], part)));
  });
}

/** The phrase lists are constants, searched for every name and prompt: each phrase is split once. */
const partsOfPhrase = new Map<string, readonly string[]>();
function phraseParts(phrase: string): readonly string[] {
  let parts = partsOfPhrase.get(phrase);
  if (parts === undefined) partsOfPhrase.set(phrase, (parts = phrase.split(' ')));
  return parts;
}

function sameWord(word: string | undefined, expected: string): boolean {
  return word === expected || word === `${expected}s`;
}

/** The most digits a gather accepts. */
export function maxDigits(step: GatherStepSpec): number {
  return typeof step.digits === 'number' ? step.digits : step.digits.max;
}
