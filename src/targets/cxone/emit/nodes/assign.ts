import type { AssignNode } from '../../../../ir/nodes.js';
import { caption } from '../../conventions.js';
import { assignChain } from '../actions.js';
import { stepKey, type DraftAction, type MapContext } from '../draft.js';

/** assign → one ASSIGN per variable, chained (docs/cxone.md §6.6). */
export function mapAssign(node: AssignNode, ctx: MapContext): DraftAction[] {
  return assignmentChain(
    node.id,
    ctx.enter(node, node.next),
    node.assignments.map(({ variable, value }) => ({ variable, value, screenPop: false, label: caption(node.id, variable) })),
    ctx.specFile,
  );
}

/** One ASSIGN per item, each leading to the next, the last to `to`. */
export function assignmentChain(
  id: string,
  to: string,
  items: { variable: string; value: AssignNode['assignments'][number]['value']; screenPop: boolean; label: string }[],
  specFile: string,
): DraftAction[] {
  const keys = items.map((_, position) => (position === 0 ? stepKey(id) : stepKey(id, String(position))));
  const actions: DraftAction[] = [];
  items.forEach((item, position) => {
    const chain = assignChain(
      { key: keys[position]!, label: item.label, variable: item.variable, value: item.value, screenPop: item.screenPop, specFile },
      keys[position + 1] ?? to,
    );
    for (const draft of chain) actions.push(draft);
  });
  return actions;
}
