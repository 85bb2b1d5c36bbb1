import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { PromptPartSpec, PromptSpec } from './types.js';

/**
 * Prompts (docs/spec.md, "Prompts"). A plain string is literal text to speech, as in spec 1.0: it is
 * never interpolated, so no 1.0 prompt changes meaning. Spec 1.1 adds the object form `{tts}` (text
 * to speech in which `{ref}` speaks a value, `{{` and `}}` a literal brace), a prerecorded prompt
 * `{audio, tts}` (`tts` is its fallback, literal text) and a list of these played in order.
 */

/** One part of a prompt with its path from the step (`['prompt']`, `['prompt', 1]`). */
export interface PromptPartAt {
  part: PromptPart;
  path: SpecPath;
}

/** A part as the spec wrote it: plain text (a string), a `{tts}` template, or a prerecorded `{audio, tts}`. */
export type PromptPart = { kind: 'text'; text: string } | { kind: 'tts'; tts: string } | { kind: 'audio'; audio: string; fallback: string };

export type TemplatePiece = { kind: 'text'; text: string } | { kind: 'ref'; ref: string };

export type TemplateParse = { ok: true; pieces: TemplatePiece[] } | { ok: false; message: string };

const REF = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

/** The parts of a prompt, a string being one literal TTS part. */
export function promptParts(prompt: PromptSpec): PromptPartAt[] {
  if (Array.isArray(prompt)) return prompt.map((part, index) => ({ part: asPart(part), path: ['prompt', index] }));
  return [{ part: asPart(prompt), path: ['prompt'] }];
}

function asPart(part: string | PromptPartSpec): PromptPart {
  if (typeof part === 'string') return { kind: 'text', text: part };
  return part.audio === undefined ? { kind: 'tts', tts: part.tts } : { kind: 'audio', audio: part.audio, fallback: part.tts };
}

/** Whether a prompt uses a spec 1.1 form (anything but a plain string). */
export function isStructuredPrompt(prompt: PromptSpec | undefined): boolean {
  return prompt !== undefined && typeof prompt !== 'string';
}

/** The pieces of a `{tts}` template: `{ref}` reads a value, `{{`/`}}` are literal braces; any other brace is an error. */
export function parseTemplate(text: string): TemplateParse {
  const pieces: TemplatePiece[] = [];
  let literal = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if ((char === '{' || char === '}') && text[at + 1] === char) {
      literal += char;
      at++;
    } else if (char === '}') {
      return { ok: false, message: `A lone \`}\` at character ${at + 1}.` };
    } else if (char === '{') {
      const close = text.indexOf('}', at);
      const ref = close < 0 ? '' : text.slice(at + 1, close);
      if (close < 0 || !REF.test(ref)) return { ok: false, message: `\`{\` at character ${at + 1} does not start a \`{ref}\`.` };
      if (literal !== '') pieces.push({ kind: 'text', text: literal });
      literal = '';
      pieces.push({ kind: 'ref', ref });
      at = close;
    } else literal += char;
  }
  if (literal !== '') pieces.push({ kind: 'text', text: literal });
  return { ok: true, pieces };
}

/** The pieces a part speaks: a plain string and an audio fallback are literal; a `{tts}` template is parsed (invalid: one text piece). */
export function partPieces(part: PromptPart): TemplatePiece[] {
  if (part.kind === 'text') return [{ kind: 'text', text: part.text }];
  if (part.kind === 'audio') return [{ kind: 'text', text: part.fallback }];
  const parsed = parseTemplate(part.tts);
  return parsed.ok ? parsed.pieces : [{ kind: 'text', text: part.tts }];
}

/** The refs a prompt interpolates, with the path of the string that names each. */
export function promptRefs(prompt: PromptSpec): { ref: string; path: SpecPath }[] {
  return promptParts(prompt).flatMap(({ part, path }) =>
    part.kind === 'tts'
      ? partPieces(part).flatMap((piece) => (piece.kind === 'ref' ? [{ ref: piece.ref, path: [...path, 'tts'] }] : []))
      : [],
  );
}

/** The words a caller hears, for the rules that read prompts (credential and card-data wording): refs as their names. */
export function promptProse(prompt: PromptSpec): string {
  return promptParts(prompt)
    .map(({ part }) =>
      partPieces(part)
        .map((piece) => (piece.kind === 'text' ? piece.text : piece.ref.replace(/[._]/g, ' ')))
        .join(''),
    )
    .join(' ');
}
