import type { FlowGraph } from '../ir/nodes.js';
import { assertNever } from '../util/assert.js';
import type { EmitResult, TargetName } from './artifact.js';

export interface EmitOptions {
  /** The spec's file name, for generated-file headers. Never an absolute path. */
  specFile: string;
}

/** Emitters load on demand, so `validate` never pays for templates and vendor tables. */
export async function emitTarget(target: TargetName, graph: FlowGraph, options: EmitOptions): Promise<EmitResult> {
  switch (target) {
    case 'genesys':
      return (await import('./genesys/index.js')).emitGenesys(graph, options);
    case 'cxone':
      return { artifacts: [], problems: [{ code: 'target/unsupported', severity: 'warning', message: `The ${target} emitter is not available in this version; only ir.json was generated.`, path: [] }] };
    default:
      return assertNever(target);
  }
}
