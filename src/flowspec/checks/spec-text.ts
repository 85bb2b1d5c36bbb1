import { forEachSpecString } from '../spec-strings.js';
import { reportControlCharacter } from './control-characters.js';
import type { CheckContext } from './context.js';
import { reportReservedPlaceholders } from './placeholders.js';

/**
 * The checks that read every string and key of the spec, in one walk: each walk of the whole spec
 * cost about 1% of a check. The diagnostics are sorted afterwards, so sharing the walk changes
 * nothing that is reported; test/flowspec/spec-text.test.ts compares it with the separate checks.
 */
export function checkSpecStrings({ spec, sink }: CheckContext): void {
  forEachSpecString(spec, (text, isKey, at) => {
    reportReservedPlaceholders(text, isKey, at, sink);
    reportControlCharacter(text, isKey, at, sink);
  });
}
