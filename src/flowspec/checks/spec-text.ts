import { forEachSpecString } from '../spec-strings.js';
import type { SpecSource } from '../source.js';
import { holdsControlCharacter, reportControlCharacter } from './control-characters.js';
import type { CheckContext } from './context.js';
import { ANY_RESERVED, reportReservedPlaceholders } from './placeholders.js';

/**
 * The checks that read every string and key of the spec, in one walk: each walk of the whole spec
 * cost about 1% of a check. The diagnostics are sorted afterwards, so sharing the walk changes
 * nothing that is reported; test/flowspec/spec-text.test.ts compares it with the separate checks.
 */
export function checkSpecStrings({ spec, sink }: CheckContext): void {
  if (noStringCanHoldAProblem(sink.source)) return;
  forEachSpecString(spec, (text, isKey, at) => {
    reportReservedPlaceholders(text, isKey, at, sink);
    reportControlCharacter(text, isKey, at, sink);
  });
}

/**
 * Whether the text shows that the walk would find nothing, as it does for most specs. The fast
 * path's strings are made of the text's characters (source.ts, `stringsFromText`): without a
 * backslash, a string holds only characters of the text, in the text's order, with a space or line
 * feed where lines join, and `ANY_RESERVED` allows any white space after `{{`. So a pattern that
 * matches no part of the text matches no string. An included file's strings are not in the text.
 * test/flowspec/spec-text.test.ts holds this against the walk.
 */
export function noStringCanHoldAProblem(source: SpecSource): boolean {
  const { text } = source;
  return (
    source.stringsFromText === true &&
    source.included === undefined &&
    !text.includes('\\') &&
    !holdsControlCharacter(text) &&
    !ANY_RESERVED.test(text)
  );
}
