import type { IrPrompt, PlayNode } from '../../../../ir/nodes.js';
import { literalPromptText } from '../../../../ir/prompt.js';
import type { SpecPath } from '../../../../diagnostics/diagnostic.js';
import type { ArchyAction, ArchyAudio } from '../archy.js';
import type { FlowContext } from '../context.js';
import { stringLiteral, textExpression } from '../expression.js';
import { userPromptExpression } from '../../conventions.js';

/**
 * docs/genesys.md §2.2: the `tts` shorthand for literal text (every spec 1.0 prompt); otherwise one
 * audio expression, parts joined with `+` (Architect's audio addition, SDK examples
 * `ToAudioTTS("Hello ") + ToAudioTTS("World")` and `ToAudio(Prompt.Welcome)`). A value is spoken
 * through `Append`, which reads NOT_SET as "" (SDK example `Append("Hello", NOT_SET)`).
 */
export function promptAudio(prompt: IrPrompt, context: FlowContext, origin: SpecPath): ArchyAudio {
  const literal = literalPromptText(prompt);
  if (literal !== undefined) return { tts: literal };
  const parts = prompt.map((part) => {
    const path = [...origin, ...part.at];
    if (part.kind === 'audio') return userPromptExpression(part.name);
    const texts = part.pieces.map((piece) =>
      piece.kind === 'text' ? stringLiteral(piece.text, context, path) : textExpression(piece.value, context, path),
    );
    return `ToAudioTTS(${texts.length === 1 ? texts[0]! : `Append(${texts.join(', ')})`})`;
  });
  return { exp: parts.join(' + ') };
}

export function playPrompt(name: string, prompt: IrPrompt, context: FlowContext, origin: SpecPath): ArchyAction {
  return { playAudio: { name, audio: promptAudio(prompt, context, origin) } };
}

export function compilePlay(node: PlayNode, context: FlowContext): ArchyAction[] {
  return [playPrompt(node.id, node.prompt, context, node.origin), ...context.follow(node.next)];
}
