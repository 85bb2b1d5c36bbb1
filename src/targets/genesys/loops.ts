import type { FlowGraph } from '../../ir/nodes.js';
import { stronglyConnected } from '../../util/strongly-connected.js';
import type { EmitProblem } from '../artifact.js';

/**
 * Archy actions nest as a tree and jump only forward to tasks; the one way back is a `loop`, which a
 * retry compiles to (docs/genesys.md §2.8, §9.2). So a loop of steps that passes through no retry
 * cannot be written, even when the `bounded-retry` policy rule, which reports the same loop as
 * endless, is turned off. One error per loop, at the transition back to its first step in spec order.
 */
export function checkLoopsWithoutRetry(graph: FlowGraph): EmitProblem[] {
  const position = new Map(graph.nodes.map((node, at) => [node.id, at]));
  const kept = graph.nodes.filter((node) => node.kind !== 'retry');
  const keptIds = new Set(kept.map((node) => node.id));
  const successors = new Map(kept.map((node) => [node.id, node.edges.map((edge) => edge.to).filter((to) => keptIds.has(to))]));
  return stronglyConnected([...keptIds], (id) => successors.get(id) ?? [])
    .filter((component) => component.length > 1 || (successors.get(component[0]!) ?? []).includes(component[0]!))
    .map((component) => {
      const steps = component.sort((a, b) => position.get(a)! - position.get(b)!);
      const first = graph.nodes[position.get(steps[0]!)!]!;
      const closing = kept.find((node) => component.includes(node.id) && node.edges.some((edge) => edge.to === first.id))!;
      const edge = closing.edges.find((candidate) => candidate.to === first.id)!;
      return {
        code: 'target/unsupported',
        message: `Steps \`${steps.join(' → ')}\` form a loop without a retry step; Archy flows are trees that go back only through a loop, so Genesys cannot run it.`,
        path: [...closing.origin, edge.name],
        related: [{ message: `the loop goes back to \`${first.id}\` here`, path: first.origin }],
        hint: 'Go back through a `retry` step, which compiles to a loop.',
      };
    });
}
