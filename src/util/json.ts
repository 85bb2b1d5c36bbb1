/** A JSON object from text, or undefined for anything else (not JSON, an array, a scalar). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether JSON.stringify would escape something in a string: a quote, a backslash, a control
 * character or a surrogate (a lone one is escaped; a pair is left to JSON.stringify too). Most
 * names and labels need nothing, and then the text is its own JSON: one pattern test instead of a
 * call of JSON.stringify per string, which was most of writing a data action or a CXone script.
 */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** What JSON.stringify writes between the quotes of a string. */
export function jsonInner(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/** A string's JSON, as JSON.stringify writes it. */
export function jsonString(text: string): string {
  return NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
