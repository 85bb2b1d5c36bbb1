import { printIr } from '../ir/print.js';
import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact } from './artifact.js';

/** The IR dump: what every emitter reads, kept beside the vendor files for review and debugging. */
export function emitIr(graph: FlowGraph): Artifact {
  return { path: 'ir.json', contents: printIr(graph), target: 'ivrflow', kind: 'ir' };
}
