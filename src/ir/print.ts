import type { FlowGraph } from './nodes.js';

/** The IR as stable, reviewable JSON: keys in the order the lowering builds them, two-space indent. */
export function printIr(graph: FlowGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
