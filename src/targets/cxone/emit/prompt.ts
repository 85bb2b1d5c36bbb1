import type { IrPrompt } from '../../../ir/nodes.js';
import { literalPromptText } from '../../../ir/prompt.js';
import { readableName } from '../conventions.js';
import { TTS_SEGMENT_MAX, ttsSegments, ttsSequence, ttsText } from './escape.js';
import { jsonInner } from '../../../util/json.js';
import { JsonText } from './json-text.js';

/**
 * A prompt's PLAY/MENU `Sequence` and `Phrase` (promptSequence and promptPhrase): for a literal
 * prompt, the most common, both are its one neutralised text, so that is made once. The Sequence
 * is quoted segments, so it always needed JSON escaping whole: it comes escaped (json-text.ts).
 */
export function promptProperties(prompt: IrPrompt): { Sequence: JsonText; Phrase: string } {
  const literal = literalPromptText(prompt);
  if (literal === undefined) return { Sequence: new JsonText(jsonInner(promptSequence(prompt))), Phrase: promptPhrase(prompt) };
  const text = ttsText(literal);
  return { Sequence: segmentsJson(ttsSegments(text)), Phrase: text };
}

/** `"%…"` segments, space-separated, as JSON text: their quotes are known, so only each segment's own text is escaped. */
function segmentsJson(segments: readonly string[]): JsonText {
  let json = '';
  segments.forEach((segment, index) => {
    json += `${index === 0 ? '' : ' '}\\"%${jsonInner(segment)}\\"`;
  });
  return new JsonText(json);
}

/**
 * A prompt as a PLAY/MENU `Sequence` (docs/cxone.md §2 PLAY): a prerecorded prompt is its file
 * `"<name>.wav"`, text is `"%…"` segments of at most 300 characters, and a value is the variable
 * in braces, which Studio substitutes when it plays (HELP actionscx/play/play.htm: "Your recent order
 * of {numberOfItems} items"). Literal text is neutralised as for every TTS (ttsText), so only the
 * braces ivrflow writes name a variable.
 */
export function promptSequence(prompt: IrPrompt): string {
  const literal = literalPromptText(prompt);
  if (literal !== undefined) return ttsSequence(literal);
  return prompt
    .map((part) => {
      if (part.kind === 'audio') return `"${audioFile(part.name)}"`;
      const text = part.pieces.map((piece) => (piece.kind === 'text' ? neutral(piece.text) : `{${readableName(piece.value)}}`)).join('');
      return segments(text.replace(/ {2,}/g, ' ').trim())
        .map((segment) => `"%${segment}"`)
        .join(' ');
    })
    .join(' ');
}

/** The readable caption (`Phrase`): a prerecorded prompt as its fallback text, a value as `…`. */
export function promptPhrase(prompt: IrPrompt): string {
  return ttsText(
    prompt
      .map((part) =>
        part.kind === 'audio' ? part.fallback : part.pieces.map((piece) => (piece.kind === 'text' ? piece.text : '…')).join(''),
      )
      .join(' '),
  );
}

/** The WAV file a spec `audio` name plays on CXone (the name is letters, digits and `_`: nothing to escape). */
export function audioFile(name: string): string {
  return `${name}.wav`;
}

/** ttsText without the trim and the collapse, so the spaces around a value survive. */
function neutral(text: string): string {
  return text.length === 0 ? '' : ttsText(`x${text}x`).slice(1, -1);
}

/** Cut at spaces, never inside a `{variable}`, at most TTS_SEGMENT_MAX characters where a space allows. */
function segments(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > TTS_SEGMENT_MAX) {
    let cut = rest.lastIndexOf(' ', TTS_SEGMENT_MAX);
    if (cut <= 0) cut = TTS_SEGMENT_MAX;
    const open = rest.lastIndexOf('{', cut);
    if (open > rest.lastIndexOf('}', cut)) cut = open > 0 ? open : rest.indexOf('}', cut) + 1;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  out.push(rest);
  return out;
}
