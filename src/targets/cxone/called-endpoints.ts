import type { FlowGraph, IrEndpoint } from '../../ir/nodes.js';

/** Per graph: a lowered graph is never changed, and the vendor checks and the emitter each ask. */
const calledOfGraph = new WeakMap<FlowGraph, readonly IrEndpoint[]>();

/** The endpoints some http step calls, in the spec's order (an endpoint no step calls is never in the script). */
export function calledEndpoints(graph: FlowGraph): readonly IrEndpoint[] {
  let called = calledOfGraph.get(graph);
  if (called === undefined) {
    const ids = new Set<string>();
    for (const node of graph.nodes) if (node.kind === 'http') ids.add(node.endpoint);
    called = graph.endpoints.filter((endpoint) => ids.has(endpoint.id));
    calledOfGraph.set(graph, called);
  }
  return called;
}
