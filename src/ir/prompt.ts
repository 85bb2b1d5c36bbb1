import type { IrPrompt, IrReadable } from './nodes.js';

/**
 * How an engine records a prerecorded prompt it played: its name, since no engine has the audio. The
 * fallback text plays only on the platform, when the recording is missing (docs/spec.md, "Prompts").
 */
export function playedAudio(name: string): string {
  return `[audio ${name}]`;
}

/** The text of a prompt that is one literal TTS part (every spec 1.0 prompt), else undefined. */
export function literalPromptText(prompt: IrPrompt): string | undefined {
  if (prompt.length !== 1 || prompt[0]!.kind !== 'tts') return undefined;
  const pieces = prompt[0]!.pieces;
  // Most are one text piece: its text as it is, without a list made to be joined.
  if (pieces.length === 1) return pieces[0]!.kind === 'text' ? pieces[0]!.text : undefined;
  return pieces.every((piece) => piece.kind === 'text') ? pieces.map((piece) => piece.text).join('') : undefined;
}

/** What a caller hears, parts joined by a space, each value spoken as `text(value)`. */
export function spokenPrompt(prompt: IrPrompt, text: (value: IrReadable) => string): string {
  return prompt
    .map((part) =>
      part.kind === 'audio'
        ? playedAudio(part.name)
        : part.pieces.map((piece) => (piece.kind === 'text' ? piece.text : text(piece.value))).join(''),
    )
    .join(' ');
}

/** The prompt for a reader (a diagram, a test report): values as `{…}`. */
export function promptCaption(prompt: IrPrompt): string {
  return spokenPrompt(prompt, () => '{…}');
}

/** A test for the text an engine recorded: literal text exactly, each value as any text. */
export function promptMatcher(prompt: IrPrompt): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = prompt
    .map((part) =>
      part.kind === 'audio'
        ? escape(playedAudio(part.name))
        : part.pieces.map((piece) => (piece.kind === 'text' ? escape(piece.text) : '[^]*?')).join(''),
    )
    .join(' ');
  return new RegExp(`^${source}$`);
}

/** The values a prompt speaks, with the spec key path of the string that names each. */
export function promptValues(prompt: IrPrompt): { value: IrReadable; at: readonly (string | number)[] }[] {
  return prompt.flatMap((part) =>
    part.kind === 'tts' ? part.pieces.flatMap((piece) => (piece.kind === 'value' ? [{ value: piece.value, at: part.at }] : [])) : [],
  );
}
