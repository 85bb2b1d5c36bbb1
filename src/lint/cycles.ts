import type { FlowIndex } from '../flowspec/flow-index.js';
import { stronglyConnected } from '../util/strongly-connected.js';

/**
 * Loops that no retry step bounds: the strongly connected components of the step graph once the
 * retry steps are taken out (Tarjan's algorithm). Each component is a list of step ids in spec
 * order, and the components are listed in the spec order of their first steps.
 *
 * Such a loop is a loop of the whole step graph too, so its steps share one of the index's
 * components (computed once per flow) with another step or with themselves: only those steps are
 * walked again. Most flows have a few retry loops and no other, and their retries' bodies are all
 * that is left to walk.
 */
export function unboundedCycles(index: FlowIndex): string[][] {
  const candidates = stepsOnLoops(index).filter((id) => index.steps.get(id)!.type !== 'retry');
  if (candidates.length === 0) return [];
  const position = new Map(candidates.map((id, at) => [id, at]));
  const successors = new Map(
    candidates.map((id) => [
      id,
      index
        .edges(id)
        .map((edge) => edge.to)
        .filter((to) => position.has(to)),
    ]),
  );
  return stronglyConnected(candidates, (id) => successors.get(id)!)
    .filter((component) => component.length > 1 || successors.get(component[0]!)!.includes(component[0]!))
    .map((component) => component.sort((a, b) => position.get(a)! - position.get(b)!))
    .sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

/** The steps, in spec order, whose component of the step graph holds another step or an edge back to themselves. */
function stepsOnLoops(index: FlowIndex): string[] {
  const { components } = index;
  const sizes = new Map<number, number>();
  for (const component of components.values()) sizes.set(component, (sizes.get(component) ?? 0) + 1);
  return [...index.steps.keys()].filter((id) => sizes.get(components.get(id)!)! > 1 || index.edges(id).some((edge) => edge.to === id));
}
