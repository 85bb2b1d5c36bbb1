import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stronglyConnected } from '../../src/util/strongly-connected.js';

/** Two nodes share a component exactly when each reaches the other: the definition, by brute force. */
function reaches(successors: ReadonlyMap<string, readonly string[]>, from: string): Set<string> {
  const seen = new Set([from]);
  const pending = [from];
  while (pending.length > 0)
    for (const next of successors.get(pending.pop()!) ?? []) if (!seen.has(next) && seen.add(next)) pending.push(next);
  return seen;
}

const graph = fc.array(fc.array(fc.nat({ max: 7 }), { maxLength: 4 }), { minLength: 1, maxLength: 8 }).map((lists) => {
  const nodes = lists.map((_, index) => `n${index}`);
  const successors = new Map(lists.map((list, index) => [`n${index}`, list.filter((to) => to < lists.length).map((to) => `n${to}`)]));
  return { nodes, successors };
});

/** Tarjan's algorithm as the textbook writes it, recursively: the components, and their members, in the order it completes them. */
function recursiveTarjan(nodes: readonly string[], successors: (id: string) => readonly string[]): string[][] {
  const number = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (id: string) => {
    number.set(id, number.size);
    low.set(id, number.get(id)!);
    stack.push(id);
    for (const next of successors(id)) {
      if (!number.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(id, Math.min(low.get(id)!, number.get(next)!));
    }
    if (low.get(id) !== number.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== id);
    components.push(component);
  };
  for (const id of nodes) if (!number.has(id)) visit(id);
  return components;
}

describe('stronglyConnected', () => {
  it('completes the same components, members in the same order, as the recursive algorithm, successors outside the nodes included', () => {
    const lists = fc.array(fc.array(fc.nat({ max: 9 }), { maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(lists, (targets) => {
        const nodes = targets.map((_, index) => `n${index}`);
        const successors = (id: string) => (targets[Number(id.slice(1))] ?? []).map((to) => `n${to}`);
        expect(stronglyConnected(nodes, successors)).toEqual(recursiveTarjan(nodes, successors));
      }),
      { numRuns: 2000 },
    );
  });

  it('groups the nodes that reach each other, successors before predecessors, asking each node once', () => {
    fc.assert(
      fc.property(graph, ({ nodes, successors }) => {
        const asked: string[] = [];
        // A fresh list per call, as FlowIndex builds it: asked once per node, not once per edge.
        const components = stronglyConnected(nodes, (id) => (asked.push(id), [...successors.get(id)!]));
        expect(asked.sort()).toEqual([...nodes].sort());
        const componentOf = new Map(components.flatMap((members, number) => members.map((id) => [id, number] as const)));
        expect(componentOf.size).toBe(nodes.length);
        const reach = new Map(nodes.map((id) => [id, reaches(successors, id)]));
        for (const a of nodes)
          for (const b of nodes) {
            const mutual = reach.get(a)!.has(b) && reach.get(b)!.has(a);
            expect(componentOf.get(a) === componentOf.get(b)).toBe(mutual);
            // Completed successors first: an edge never leads to a later component.
            if (reach.get(a)!.has(b)) expect(componentOf.get(b)!).toBeLessThanOrEqual(componentOf.get(a)!);
          }
      }),
      { numRuns: 1000 },
    );
  });

  it('walks a chain deeper than the call stack', () => {
    const nodes = Array.from({ length: 100_000 }, (_, index) => `n${index}`);
    expect(stronglyConnected(nodes, (id) => (id === 'n99999' ? [] : [`n${Number(id.slice(1)) + 1}`]))).toHaveLength(100_000);
  });
});
