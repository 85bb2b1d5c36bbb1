import type { DisconnectNode } from '../../../../ir/nodes.js';
import { disconnect, type ArchyAction } from '../archy.js';
import { playPrompt } from './play.js';
import type { FlowContext } from '../context.js';

/** docs/genesys.md §2.11. */
export function compileDisconnect(node: DisconnectNode, context: FlowContext): ArchyAction[] {
  return [...(node.prompt === undefined ? [] : [playPrompt(node.id, node.prompt, context, node.origin)]), disconnect(node.id)];
}
