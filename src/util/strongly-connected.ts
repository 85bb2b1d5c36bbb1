/**
 * Graph algorithms over string node ids. Iterative, with explicit stacks, so no input size can
 * exhaust the call stack (a 100,000-step chain is as safe as a 10-step one).
 */

interface Frame {
  id: string;
  /** Its successors, asked once per node: callers may build the list on each call. */
  successors: readonly string[];
  /** The next successor to look at. */
  next: number;
}

/** Tarjan's strongly connected components, in the order the algorithm completes them (successors before predecessors). */
export function stronglyConnected(nodes: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  let counter = 0;
  const number = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const enter = (id: string, frames: Frame[]) => {
    number.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    frames.push({ id, successors: successors(id), next: 0 });
  };
  for (const root of nodes) {
    if (number.has(root)) continue;
    const frames: Frame[] = [];
    enter(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const next = frame.successors[frame.next++];
      if (next !== undefined) {
        if (!number.has(next)) enter(next, frames);
        else if (onStack.has(next)) low.set(frame.id, Math.min(low.get(frame.id)!, number.get(next)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === number.get(frame.id)) components.push(popComponent(stack, onStack, frame.id));
    }
  }
  return components;
}

function popComponent(stack: string[], onStack: Set<string>, root: string): string[] {
  const component: string[] = [];
  let member: string;
  do {
    member = stack.pop()!;
    onStack.delete(member);
    component.push(member);
  } while (member !== root);
  return component;
}
