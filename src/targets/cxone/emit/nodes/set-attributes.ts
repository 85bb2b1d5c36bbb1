import type { SetAttributesNode } from '../../../../ir/nodes.js';
import { attributeVariable, caption, isSensitive } from '../../conventions.js';
import type { DraftAction, MapContext } from '../draft.js';
import { assignmentChain } from './assign.js';

/**
 * setAttributes → ASSIGN with ScreenPop "True" per attribute: how data reaches the agent
 * (docs/cxone.md §4). A sensitive value is never screen-popped, whatever the spec says.
 */
export function mapSetAttributes(node: SetAttributesNode, ctx: MapContext): DraftAction[] {
  const items = node.attributes.map(({ name, value }) => ({
    variable: attributeVariable(name),
    value,
    screenPop: !isSensitive(value),
    label: caption(node.id, name),
  }));
  return assignmentChain(node.id, ctx.enter(node, node.next), items, ctx.specFile);
}
