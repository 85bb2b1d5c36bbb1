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
  const successors = successorsWithoutRetries(graph);
  const loops = stronglyConnected([...successors.keys()], (id) => successors.get(id)!).filter(
    (component) => component.length > 1 || successors.get(component[0]!)!.includes(component[0]!),
  );
  // Most flows have no such loop: the positions and the list of the other nodes are built only for a report.
  if (loops.length === 0) return [];
  const position = new Map(graph.nodes.map((node, at) => [node.id, at]));
  const kept = graph.nodes.filter((node) => node.kind !== 'retry');
  return loops.map((component) => {
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

/** Each node but the retries, in graph order, with its successors that are not retries. */
function successorsWithoutRetries(graph: FlowGraph): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const node of graph.nodes) if (node.kind !== 'retry') successors.set(node.id, []);
  for (const node of graph.nodes) {
    const list = successors.get(node.id);
    if (list) for (const edge of node.edges) if (successors.has(edge.to)) list.push(edge.to);
  }
  return successors;
}
