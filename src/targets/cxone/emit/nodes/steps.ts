import type { AssignNode, ConditionNode, DisconnectNode, PlayNode, RetryNode, SetAttributesNode } from '../../../../ir/nodes.js';
import { action, assignAction, assignChain, playAction } from '../actions.js';
import { named, stepKey, type DraftAction, type MapContext } from '../draft.js';
import { conditionExpression } from '../expression.js';
import { attributeVariable, caption, counterVariable, isSensitive } from '../../conventions.js';

/** play → PLAY (research/cxone.md §6.3). */
export function mapPlay(node: PlayNode, ctx: MapContext): DraftAction[] {
  return [playAction(stepKey(node.id), caption(node.id), node.prompt, ctx.enter(node, node.next))];
}

/** disconnect → [PLAY] → HANGUP (research/cxone.md §2: a script ends with a terminating action). */
export function mapDisconnect(node: DisconnectNode): DraftAction[] {
  const hangup = action(node.prompt === undefined ? stepKey(node.id) : stepKey(node.id, 'hangup'), 'HANGUP', caption(node.id, 'hang up'));
  return node.prompt === undefined ? [hangup] : [playAction(stepKey(node.id), caption(node.id), node.prompt, hangup.key), hangup];
}

/** condition → IF with a guarded expression; True/False branches (research/cxone.md §2, §6.7). */
export function mapCondition(node: ConditionNode, ctx: MapContext): DraftAction[] {
  return [
    action(stepKey(node.id), 'IF', caption(node.id), { Expression: conditionExpression(node.condition) }, [
      named('True', ctx.enter(node, node.then)),
      named('False', ctx.enter(node, node.else)),
    ]),
  ];
}

/** assign → one ASSIGN per variable, chained (research/cxone.md §6.6). */
export function mapAssign(node: AssignNode, ctx: MapContext): DraftAction[] {
  return chain(
    node.id,
    ctx.enter(node, node.next),
    node.assignments.map(({ variable, value }) => ({ variable, value, screenPop: false, label: caption(node.id, variable) })),
    ctx.specFile,
  );
}

/**
 * setAttributes → ASSIGN with ScreenPop "True" per attribute: how data reaches the agent
 * (research/cxone.md §4). A sensitive value is never screen-popped, whatever the spec says.
 */
export function mapSetAttributes(node: SetAttributesNode, ctx: MapContext): DraftAction[] {
  const items = node.attributes.map(({ name, value }) => ({
    variable: attributeVariable(name),
    value,
    screenPop: !isSensitive(value),
    label: caption(node.id, name),
  }));
  return chain(node.id, ctx.enter(node, node.next), items, ctx.specFile);
}

function chain(
  id: string,
  to: string,
  items: { variable: string; value: AssignNode['assignments'][number]['value']; screenPop: boolean; label: string }[],
  specFile: string,
): DraftAction[] {
  const keys = items.map((_, position) => (position === 0 ? stepKey(id) : stepKey(id, String(position))));
  return items.flatMap((item, position) =>
    assignChain(
      { key: keys[position]!, label: item.label, variable: item.variable, value: item.value, screenPop: item.screenPop, specFile },
      keys[position + 1] ?? to,
    ),
  );
}

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
