import type { FlowGraph, IrEndpoint } from '../../ir/nodes.js';
import { memoizeForLast } from '../../util/memo.js';

/**
 * The endpoints some http step calls, in the spec's order (an endpoint no step calls is never in
 * the script). Once per graph: a lowered graph is never changed, and the vendor checks and the
 * emitter each ask of the flow being compiled (remembered for the last graph: memo.ts says why not weakly).
 */
export const calledEndpoints: (graph: FlowGraph) => readonly IrEndpoint[] = memoizeForLast((graph: FlowGraph) => {
  const ids = new Set<string>();
  for (const node of graph.nodes) if (node.kind === 'http') ids.add(node.endpoint);
  return graph.endpoints.filter((endpoint) => ids.has(endpoint.id));
});
