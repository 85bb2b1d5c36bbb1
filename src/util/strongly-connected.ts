/**
 * Graph algorithms over string node ids. Iterative, with explicit stacks, so no input size can
 * exhaust the call stack (a 100,000-step chain is as safe as a 10-step one).
 */

/** A node being numbered: one record per node, so each visit is one map lookup, not one per field. */
interface NodeState {
  number: number;
  low: number;
  onStack: boolean;
}

interface Frame {
  id: string;
  state: NodeState;
  /** Its successors, asked once per node: callers may build the list on each call. */
  successors: readonly string[];
  /** The next successor to look at. */
  next: number;
}

/** Tarjan's strongly connected components, in the order the algorithm completes them (successors before predecessors). */
export function stronglyConnected(nodes: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  let counter = 0;
  const states = new Map<string, NodeState>();
  const stack: string[] = [];
  const components: string[][] = [];
  const enter = (id: string, frames: Frame[]) => {
    const state: NodeState = { number: counter, low: counter++, onStack: true };
    states.set(id, state);
    stack.push(id);
    frames.push({ id, state, successors: successors(id), next: 0 });
  };
  for (const root of nodes) {
    if (states.has(root)) continue;
    const frames: Frame[] = [];
    enter(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const next = frame.successors[frame.next++];
      if (next !== undefined) {
        const seen = states.get(next);
        if (seen === undefined) enter(next, frames);
        else if (seen.onStack) frame.state.low = Math.min(frame.state.low, seen.number);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) parent.state.low = Math.min(parent.state.low, frame.state.low);
      if (frame.state.low === frame.state.number) components.push(popComponent(stack, states, frame.id));
    }
  }
  return components;
}

function popComponent(stack: string[], states: ReadonlyMap<string, NodeState>, root: string): string[] {
  const component: string[] = [];
  let member: string;
  do {
    member = stack.pop()!;
    states.get(member)!.onStack = false;
    component.push(member);
  } while (member !== root);
  return component;
}
