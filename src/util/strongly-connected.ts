/**
 * Graph algorithms over string node ids. Iterative, with explicit stacks, so no input size can
 * exhaust the call stack (a 100,000-step chain is as safe as a 10-step one).
 */

/**
 * Tarjan's strongly connected components, in the order the algorithm completes them (successors before predecessors).
 * A node's state lives in arrays indexed by its visit number, one map lookup per edge: no record per node or frame
 * (the checks run it three times per flow).
 */
export function stronglyConnected(nodes: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  const numberOf = new Map<string, number>();
  /** By visit number: the node, the lowest number it reaches on the stack, whether it is on the stack. */
  const ids: string[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const components: string[][] = [];
  /** The depth-first path: each node's number, its successors (asked once: callers may build the list on each call), the next to look at. */
  const path: number[] = [];
  const pathSuccessors: (readonly string[])[] = [];
  const pathNext: number[] = [];
  const enter = (id: string) => {
    const number = ids.length;
    numberOf.set(id, number);
    ids.push(id);
    low.push(number);
    onStack.push(true);
    stack.push(number);
    path.push(number);
    pathSuccessors.push(successors(id));
    pathNext.push(0);
  };
  for (const root of nodes) {
    if (numberOf.has(root)) continue;
    enter(root);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top]!;
      const at = pathNext[top]!;
      const next = pathSuccessors[top]![at];
      if (next !== undefined) {
        pathNext[top] = at + 1;
        const seen = numberOf.get(next);
        if (seen === undefined) enter(next);
        else if (onStack[seen] && seen < low[node]!) low[node] = seen;
        continue;
      }
      path.pop();
      pathSuccessors.pop();
      pathNext.pop();
      if (path.length > 0) {
        const parent = path[path.length - 1]!;
        if (low[node]! < low[parent]!) low[parent] = low[node]!;
      }
      if (low[node] === node) components.push(popComponent(stack, onStack, ids, node));
    }
  }
  return components;
}

function popComponent(stack: number[], onStack: boolean[], ids: readonly string[], root: number): string[] {
  const component: string[] = [];
  let member: number;
  do {
    member = stack.pop()!;
    onStack[member] = false;
    component.push(ids[member]!);
  } while (member !== root);
  return component;
}
