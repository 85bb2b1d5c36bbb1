import type { AssignNode, DisconnectNode, PlayNode, SetAttributesNode } from '../../../../ir/nodes.js';
import { disconnect, exp, lit, type ArchyAction, type ArchyValue } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';
import { readableExpression, textExpression } from '../expression.js';
import { STATEMENT_KIND } from '../../unverified.js';

/** research/archy.md §2.2: `playAudio` with the `tts` shorthand. */
export function playPrompt(name: string, prompt: string): ArchyAction {
  return { playAudio: { name, audio: { tts: prompt } } };
}

export function compilePlay(node: PlayNode, context: FlowContext): ArchyAction[] {
  return [playPrompt(node.id, node.prompt), ...context.follow(node.next)];
}

/** research/archy.md §2.11. */
export function compileDisconnect(node: DisconnectNode): ArchyAction[] {
  return [...(node.prompt === undefined ? [] : [playPrompt(node.id, node.prompt)]), disconnect(node.id)];
}

/** research/archy.md §2.6: one `updateData` statement per assignment. */
export function compileAssign(node: AssignNode, context: FlowContext): ArchyAction[] {
  const statements = node.assignments.map(({ variable, value }) => {
    const path = [...node.origin, 'set', variable];
    const target = context.variables.variable(variable);
    const archyValue: ArchyValue = value.kind === 'literal' ? lit(value.value) : exp(readableExpression(value, context, path));
    return { [STATEMENT_KIND[target.type]]: { variable: useVariable(context, target, true, path), value: archyValue } };
  });
  return [{ updateData: { name: node.id, statements } }, ...context.follow(node.next)];
}

/**
 * research/archy.md §2.7: participant attributes are string pairs that survive transfers. A
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
