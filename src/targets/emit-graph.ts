import { renderGraph, type GraphFormat } from '../graph/render.js';
import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact } from './artifact.js';

/** The file each diagram language is written to by `generate --graph`. */
export const GRAPH_FILES: Readonly<Record<GraphFormat, string>> = { mermaid: 'graph.mmd', dot: 'graph.dot' };

/** `generate --graph`: the diagram `ivrflow graph` draws, kept beside the vendor files for review. */
export function emitGraph(graph: FlowGraph, format: GraphFormat): Artifact {
  return { path: GRAPH_FILES[format], contents: renderGraph(graph, format), target: 'ivrflow', kind: 'graph' };
}
