import { jsonInner } from '../../../util/json.js';
import { memoizeByObject } from '../../../util/memo.js';

/**
 * Text already escaped as the inside of a JSON string, which script-text.ts writes as it is. The
 * Snippet code is most of a script's text and mostly the templates' own lines: escaping all of it
 * again for every flow was a fifth of the emitter's time, so the templates write it escaped (`json`).
 */
export class JsonText {
  constructor(readonly json: string) {}
}

/** The text a JsonText stands for (the reference serializer, serializeScript, writes that). */
export function unescapedText(value: string | JsonText): string {
  return typeof value === 'string' ? value : (JSON.parse(`"${value.json}"`) as string);
}

/** Each call site's literal parts, escaped the first time it runs (the strings array is the same object every time). */
const escapedParts = memoizeByObject((strings: TemplateStringsArray): readonly string[] => strings.map(jsonInner));

/**
 * A template literal as JsonText: its literal parts escaped once per call site, each value when it
 * is filled in (a JsonText as it is). Escaping the parts apart is escaping the whole as long as no
 * surrogate pair is split between two of them: the templates' literal text is ASCII and never puts
 * two values side by side (json-text.test.ts holds the tag to JSON.stringify on such text).
 */
export function json(strings: TemplateStringsArray, ...values: readonly (string | JsonText)[]): JsonText {
  const parts = escapedParts(strings);
  let text = parts[0]!;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    text += (typeof value === 'string' ? jsonInner(value) : value.json) + parts[index + 1]!;
  }
  return new JsonText(text);
}
