import type { PlayNode } from '../../../../ir/nodes.js';
import type { ArchyAction } from '../archy.js';
import type { FlowContext } from '../context.js';

/** docs/genesys.md §2.2: `playAudio` with the `tts` shorthand. */
export function playPrompt(name: string, prompt: string): ArchyAction {
  return { playAudio: { name, audio: { tts: prompt } } };
}

export function compilePlay(node: PlayNode, context: FlowContext): ArchyAction[] {
  return [playPrompt(node.id, node.prompt), ...context.follow(node.next)];
}
