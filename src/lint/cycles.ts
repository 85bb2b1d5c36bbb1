import type { FlowIndex } from '../flowspec/flow-index.js';

/**
 * Loops that no retry step bounds: the strongly connected components of the step graph once the
 * retry steps are taken out (Tarjan's algorithm). Each component is a list of step ids in spec order.
 */
export function unboundedCycles(index: FlowIndex): string[][] {
  const inGraph = (id: string) => index.steps.get(id)?.type !== 'retry';
  const successors = (id: string) =>
    index
      .edges(id)
      .map((edge) => edge.to)
      .filter(inGraph);
  const order = [...index.steps.keys()];
  const state = {
    counter: 0,
    stack: [] as string[],
    onStack: new Set<string>(),
    number: new Map<string, number>(),
    low: new Map<string, number>(),
  };
  const components: string[][] = [];
  const visit = (id: string): void => {
    state.number.set(id, state.counter);
    state.low.set(id, state.counter++);
    state.stack.push(id);
    state.onStack.add(id);
    for (const next of successors(id)) {
      if (!state.number.has(next)) {
        visit(next);
        state.low.set(id, Math.min(state.low.get(id)!, state.low.get(next)!));
      } else if (state.onStack.has(next)) state.low.set(id, Math.min(state.low.get(id)!, state.number.get(next)!));
    }
    if (state.low.get(id) !== state.number.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = state.stack.pop()!;
      state.onStack.delete(member);
      component.push(member);
    } while (member !== id);
    if (component.length > 1 || successors(id).includes(id)) components.push(order.filter((step) => component.includes(step)));
  };
  for (const id of order) if (inGraph(id) && !state.number.has(id)) visit(id);
  return components;
}
