import type { FlowIndex } from '../flowspec/flow-index.js';
import { stronglyConnected } from '../util/strongly-connected.js';

/**
 * Loops that no retry step bounds: the strongly connected components of the step graph once the
 * retry steps are taken out (Tarjan's algorithm). Each component is a list of step ids in spec order.
 */
export function unboundedCycles(index: FlowIndex): string[][] {
  const order = [...index.steps.keys()];
  const position = new Map(order.map((id, at) => [id, at]));
  const inGraph = (id: string) => index.steps.get(id)?.type !== 'retry';
  const successors = new Map(
    order.filter(inGraph).map((id) => [
      id,
      index
        .edges(id)
        .map((edge) => edge.to)
        .filter(inGraph),
    ]),
  );
  const components = stronglyConnected(order.filter(inGraph), (id) => successors.get(id) ?? []);
  return components
    .filter((component) => component.length > 1 || (successors.get(component[0]!) ?? []).includes(component[0]!))
    .map((component) => component.sort((a, b) => position.get(a)! - position.get(b)!));
}
