import type { AssignNode } from '../../../../ir/nodes.js';
import { STATEMENT_KIND } from '../../unverified.js';
import { exp, lit, type ArchyAction, type ArchyValue } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';
import { readableExpression } from '../expression.js';

/** docs/genesys.md §2.6: one `updateData` statement per assignment. */
export function compileAssign(node: AssignNode, context: FlowContext): ArchyAction[] {
  const statements = node.assignments.map(({ variable, value }) => {
    const path = [...node.origin, 'set', variable];
    const target = context.variables.variable(variable);
    const archyValue: ArchyValue = value.kind === 'literal' ? lit(value.value) : exp(readableExpression(value, context, path));
    return { [STATEMENT_KIND[target.type]]: { variable: useVariable(context, target, true, path), value: archyValue } };
  });
  return [{ updateData: { name: node.id, statements } }, ...context.follow(node.next)];
}
