import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../source.js';
import { forEachSpecString, type SpecCursor } from '../spec-strings.js';
import type { CheckContext } from './context.js';

/**
 * Control characters other than tab, line feed and carriage return (C0, DEL, C1), and the Unicode
 * line and paragraph separators (U+2028, U+2029). No target format carries them the same way: a
 * Snippet string has no escape for them (the CXone emitter would write a space), an Architect
 * string literal none for any, TTS reads them as noise, and a JSON body or header would carry a
 * byte the backend logs raw. Replacing one silently changes the value, so each is an error where
 * the spec has it.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const SEPARATOR = /[\u2028\u2029]/;

/** Whether the text holds a character the check below reports. */
export function holdsControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** Every string value and mapping key of the spec (`forEachSpecString`: no recursion on input depth). */
export function checkControlCharacters({ spec, sink }: CheckContext): void {
  forEachSpecString(spec, (text, isKey, at) => reportControlCharacter(text, isKey, at, sink));
}

/** One string of the walk above; `checkSpecStrings` (spec-text.ts) runs it in the walk it shares. */
export function reportControlCharacter(text: string, isKey: boolean, at: SpecCursor, sink: DiagnosticSink): void {
  const found = CONTROL.exec(text);
  if (!found) return;
  const path = at.path();
  if (!isKey && saidByUrlCheck(text, path)) return;
  const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  sink.report({
    code: 'spec/control-character',
    message: `This ${isKey ? 'key' : 'text'} holds the ${SEPARATOR.test(found[0]) ? 'Unicode separator' : 'control character'} ${code} at character ${found.index + 1}; no target can carry it unchanged.`,
    path,
    ...(isKey ? { onKey: true } : {}),
    hint: 'Remove it (a YAML escape such as `\\0`, `\\x01`, `\\e` or `\\L` writes one); tabs and line breaks are allowed.',
  });
}

/** The URL check (endpoint-urls.ts, endpoint/invalid-url) refuses C0 controls and DEL in a URL already: said once. */
function saidByUrlCheck(text: string, path: SpecPath): boolean {
  return path.length === 3 && path[0] === 'endpoints' && path[2] === 'url' && /[\u0000-\u001f\u007f]/.test(text);
}
