import type { DisconnectNode } from '../../../../ir/nodes.js';
import { disconnect, type ArchyAction } from '../archy.js';
import { playPrompt } from './play.js';

/** docs/genesys.md §2.11. */
export function compileDisconnect(node: DisconnectNode): ArchyAction[] {
  return [...(node.prompt === undefined ? [] : [playPrompt(node.id, node.prompt)]), disconnect(node.id)];
}
