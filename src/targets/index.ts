import type { FlowGraph } from '../ir/nodes.js';
import { assertNever } from '../util/assert.js';
import type { EmitResult, TargetName } from './artifact.js';
import type { CatalogEntry } from './cxone/catalog/types.js';

export interface EmitOptions {
  /** The spec's file name, for generated-file headers. Never an absolute path. */
  specFile: string;
  /** CXone action catalog entries from a tenant (`--cxone-catalog`), added to the built-in ones. */
  cxoneCatalog?: readonly CatalogEntry[];
}

/** Emitters load on demand, so `validate` never pays for templates and vendor tables. */
export async function emitTarget(target: TargetName, graph: FlowGraph, options: EmitOptions): Promise<EmitResult> {
  switch (target) {
    case 'genesys': {
      const { emitGenesys } = await import('./genesys/emit/index.js');
      return emitGenesys(graph, options);
    }
    case 'cxone': {
      const { emitCxone } = await import('./cxone/emit/index.js');
      return emitCxone(graph, options);
    }
    default:
      return assertNever(target);
  }
}
