/**
 * Escaping for the two text formats a spec value can land in inside a Studio script. JSON
 * escaping of the whole file is done by JSON.stringify; these guard the layer inside it.
 */

/** Control characters (but tab, CR, LF) and the Unicode line separators: never useful, sometimes harmful. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g;
const NEEDS_ESCAPE = /["'{}\\\t\r\n]/;
/**
 * `\"`, `\'`, `\{`, `\t`, `\r`, `\n` inside `$"…"` (HELP string handling; `\{` in real code). A
 * backslash has no escape seen anywhere public, so it is the expression `{char(92)}`: `char()` and
 * `{expression}` substitution are both in real Snippet code (docs/cxone.md, *Escaping*).
 */
export const BACKSLASH = '{char(92)}';
const SNIPPET_ESCAPES: Record<string, string> = {
  '\\': BACKSLASH,
  '"': '\\"',
  "'": "\\'",
  '{': '\\{',
  '\t': '\\t',
  '\r': '\\r',
  '\n': '\\n',
};

/**
 * A Snippet string literal holding `text` verbatim. Plain `"…"` when nothing needs escaping (so the
 * code reads naturally); otherwise `$"…"`, where `\"`, `\'`, `\{` and `\t \r \n` are escapes, a
 * backslash is `{char(92)}` and a `{` can no longer start a variable substitution (docs/cxone.md,
 * *Escaping*). Non-ASCII text is kept as it is.
 */
export function snippetString(text: string): string {
  const clean = text.replace(CONTROL, ' ');
  if (!NEEDS_ESCAPE.test(clean)) return `"${clean}"`;
  return `$"${escapeSnippetText(clean)}"`;
}

/** The inside of a `$"…"` string: every character that could end it or start a substitution escaped. */
export function escapeSnippetText(text: string): string {
  return text.replace(CONTROL, ' ').replace(/[\\"'{\t\r\n]/g, (char) => SNIPPET_ESCAPES[char] ?? char);
}

/**
 * A JSON object as a `$"…"` Snippet string: the names and values are serialised by JSON.stringify,
 * then escaped; only the bearer token stays a live `{variable}` substitution.
 */
export function jsonObjectSnippet(entries: readonly { name: string; value: string }[], bearerVariable?: string): string {
  const members = entries.map(({ name, value }) => escapeSnippetText(`${JSON.stringify(name)}:${JSON.stringify(value)}`));
  if (bearerVariable !== undefined)
    members.unshift(`${escapeSnippetText('"Authorization":"Bearer ')}{${bearerVariable}}${escapeSnippetText('"')}`);
  return `$"${escapeSnippetText('{')}${members.join(',')}}"`;
}

/**
 * Like `snippetString`, but `{{placeholder}}`s stay verbatim so deploy-time substitution (Terraform,
 * an options file) still finds them in the script; only the text around them is escaped.
 */
export function snippetStringWithPlaceholders(text: string): string {
  const parts = text.split(/(\{\{[A-Za-z0-9_.-]+\}\})/);
  if (parts.length === 1) return snippetString(text);
  const body = parts.map((part, index) => (index % 2 === 1 ? part : snippetString(part).replace(/^\$?"|"$/g, ''))).join('');
  return `$"${body}"`;
}

/**
 * A `$"…"` Snippet string of literal text (escaped; `{{placeholder}}`s kept verbatim, as in
 * `snippetStringWithPlaceholders`) and live `{variable}` substitutions, in order: an http step's url
 * with its URL-encoded path and query values (spec 1.1).
 */
export function snippetTemplate(parts: readonly ({ text: string } | { variable: string })[]): string {
  const inner = parts.map((part) => ('variable' in part ? `{${part.variable}}` : escapeKeepingPlaceholders(part.text)));
  return `$"${inner.join('')}"`;
}

function escapeKeepingPlaceholders(text: string): string {
  return text
    .split(/(\{\{[A-Za-z0-9_.-]+\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : escapeSnippetText(part)))
    .join('');
}

/** True when `text` can sit in a Studio property as-is: no `{` that Studio would read as `{variable}`. */
export function isPlainPropertyText(text: string): boolean {
  return !/[{}"\\\u0000-\u001f\u007f\u2028\u2029]/.test(text);
}

/** docs/cxone.md §2 PLAY: a TTS segment is `"%text"`, at most 300 characters. */
export const TTS_SEGMENT_MAX = 300;

/**
 * A PLAY/MENU `Sequence` of TTS segments (docs/cxone.md §2, MCP ttsSequence): newlines become
 * spaces, `"` becomes `'` (it delimits segments) and braces become parentheses so a prompt can never
 * name a variable (`{otp}`) and read it aloud. Split on word boundaries at 300 characters.
 */
export function ttsSequence(text: string): string {
  return ttsSegments(ttsText(text))
    .map((segment) => `"%${segment}"`)
    .join(' ');
}

/** The segments' texts of ttsSequence, of text ttsText has already neutralised. */
export function ttsSegments(text: string): string[] {
  let rest = text;
  const segments: string[] = [];
  while (rest.length > TTS_SEGMENT_MAX) {
    let cut = rest.lastIndexOf(' ', TTS_SEGMENT_MAX);
    if (cut < TTS_SEGMENT_MAX / 2) cut = TTS_SEGMENT_MAX;
    segments.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  segments.push(rest);
  return segments;
}

/** What ttsText changes besides the ends: most prompts have none of it, and are only trimmed. */
const TTS_SPECIAL = /[\u0000-\u001f\u007f\u2028\u2029"{}]| {2}/;

/** The prompt as readable one-line text for `Phrase` (a caption), with the same neutralised characters. */
export function ttsText(text: string): string {
  return TTS_SPECIAL.test(text) ? neutralisedTtsText(text) : text.trim();
}

/** Every replacement ttsText makes, on any text (exported for the test that holds its fast path to it). */
export function neutralisedTtsText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/"/g, "'")
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/ {2,}/g, ' ')
    .trim();
}
