import type { SetAttributesNode } from '../../../../ir/nodes.js';
import { exp, lit, type ArchyAction, type ArchyValue } from '../archy.js';
import type { FlowContext } from '../context.js';
import { textExpression } from '../expression.js';

/**
 * docs/genesys.md §2.7: participant attributes are string pairs that survive transfers. A
 * sensitive value never becomes one.
 */
export function compileSetAttributes(node: SetAttributesNode, context: FlowContext): ArchyAction[] {
  const attributes = node.attributes.map(({ name, value }) => {
    const path = [...node.origin, 'attributes', name];
    if (value.kind === 'variable' && value.sensitive) {
      context.problems.push({
        code: 'secure/sensitive-output',
        message: `Attribute \`${name}\` would carry sensitive variable \`${value.name}\`.`,
        path,
        hint: 'Participant data reaches agents and integrations; promote only non-sensitive results.',
      });
      return { attribute: { name: lit(name), value: lit('') } };
    }
    const archyValue: ArchyValue = value.kind === 'literal' ? lit(String(value.value)) : exp(textExpression(value, context, path));
    return { attribute: { name: lit(name), value: archyValue } };
  });
  return [{ setParticipantData: { name: node.id, attributes } }, ...context.follow(node.next)];
}
