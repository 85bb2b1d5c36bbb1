import type { PlayNode } from '../../../../ir/nodes.js';
import { caption } from '../../conventions.js';
import { playAction } from '../actions.js';
import { stepKey, type DraftAction, type MapContext } from '../draft.js';

/** play → PLAY (docs/cxone.md §6.3). */
export function mapPlay(node: PlayNode, ctx: MapContext): DraftAction[] {
  return [playAction(stepKey(node.id), caption(node.id), node.prompt, ctx.enter(node, node.next))];
}
