import type { SetAttributesNode } from '../../../../ir/nodes.js';
import { exp, lit, type ArchyAction, type ArchyValue } from '../archy.js';
import type { FlowContext } from '../context.js';
import { textExpression } from '../expression.js';

/**
 * docs/genesys.md §2.7: participant attributes are string pairs that survive transfers. No
 * sensitive value reaches one: the IR guard (src/ir/guard.ts) refuses the flow before any emitter.
 */
export function compileSetAttributes(node: SetAttributesNode, context: FlowContext): ArchyAction[] {
  const attributes = node.attributes.map(({ name, value }) => {
    const path = [...node.origin, 'attributes', name];
    const archyValue: ArchyValue = value.kind === 'literal' ? lit(String(value.value)) : exp(textExpression(value, context, path));
    return { attribute: { name: lit(name), value: archyValue } };
  });
  return [{ setParticipantData: { name: node.id, attributes } }, ...context.follow(node.next)];
}
