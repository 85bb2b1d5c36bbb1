import type { ConditionNode } from '../../../../ir/nodes.js';
import { caption } from '../../conventions.js';
import { action } from '../actions.js';
import { named, stepKey, type DraftAction, type MapContext } from '../draft.js';
import { conditionExpression } from '../expression.js';

/** condition → IF with a guarded expression; True/False branches (docs/cxone.md §2, §6.7). */
export function mapCondition(node: ConditionNode, ctx: MapContext): DraftAction[] {
  return [
    action(stepKey(node.id), 'IF', caption(node.id), { Expression: conditionExpression(node.condition) }, [
      named('True', ctx.enter(node, node.then)),
      named('False', ctx.enter(node, node.else)),
    ]),
  ];
}
