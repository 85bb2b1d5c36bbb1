import type { RetryNode } from '../../../../ir/nodes.js';
import { caption, counterVariable } from '../../conventions.js';
import { action, assignAction } from '../actions.js';
import { named, stepKey, type DraftAction, type MapContext } from '../draft.js';

/**
 * retry → ASSIGN counter = 0 (entered from outside the loop), IF counter < maxAttempts, ASSIGN
 * counter + 1 → body; False → onExhausted. The body's way back enters at the IF.
 */
export function mapRetry(node: RetryNode, ctx: MapContext): DraftAction[] {
  const counter = counterVariable(node.id);
  const check = stepKey(node.id, 'check');
  const count = stepKey(node.id, 'count');
  return [
    assignAction(stepKey(node.id), caption(node.id, 'reset attempts'), counter, '0', check, { numeric: true }),
    action(check, 'IF', caption(node.id, `fewer than ${node.maxAttempts} tries`), { Expression: `${counter} < ${node.maxAttempts}` }, [
      named('True', count),
      named('False', ctx.enter(node, node.onExhausted)),
    ]),
    assignAction(count, caption(node.id, 'count attempt'), counter, `{${counter}}+1`, ctx.enter(node, node.body), { numeric: true }),
  ];
}
