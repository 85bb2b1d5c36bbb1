import type { DisconnectNode } from '../../../../ir/nodes.js';
import { caption } from '../../conventions.js';
import { action, playAction } from '../actions.js';
import { stepKey, type DraftAction } from '../draft.js';

/** disconnect → [PLAY] → HANGUP (docs/cxone.md §2: a script ends with a terminating action). */
export function mapDisconnect(node: DisconnectNode): DraftAction[] {
  const hangup = action(node.prompt === undefined ? stepKey(node.id) : stepKey(node.id, 'hangup'), 'HANGUP', caption(node.id, 'hang up'));
  return node.prompt === undefined ? [hangup] : [playAction(stepKey(node.id), caption(node.id), node.prompt, hangup.key), hangup];
}
