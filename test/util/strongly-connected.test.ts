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

describe('stronglyConnected', () => {
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
