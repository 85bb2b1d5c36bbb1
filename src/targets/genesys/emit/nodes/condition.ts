import type { ConditionNode } from '../../../../ir/nodes.js';
import { exp, type ArchyAction } from '../archy.js';
import type { FlowContext } from '../context.js';
import { conditionExpression } from '../expression.js';

/** docs/genesys.md §2.4: `decision` with quoted "yes"/"no" outputs and a guarded condition. */
export function compileCondition(node: ConditionNode, context: FlowContext): ArchyAction[] {
  const condition = conditionExpression(node.condition, context, [...node.origin, 'if']);
  return [
    {
      decision: {
        name: node.id,
        condition: exp(condition),
        outputs: { yes: { actions: context.follow(node.then) }, no: { actions: context.follow(node.else) } },
      },
    },
  ];
}
