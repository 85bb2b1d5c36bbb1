import type { Artifact } from '../targets/artifact.js';
import type { FlowGraph } from '../ir/nodes.js';
import { assertNever } from '../util/assert.js';
import type { Engine, EngineName } from '../targets/engine-contract.js';
import { createSpecEngine } from './reference/engine.js';

/** A checked flow and what the emitters made of it: everything the engines interpret. */
export interface CompiledFlow {
  graph: FlowGraph;
  artifacts: readonly Artifact[];
}

/** Builds the named engine; the vendor engines load on demand. Throws EngineError for an artifact it cannot read. */
export async function createEngine(name: EngineName, flow: CompiledFlow): Promise<Engine> {
  switch (name) {
    case 'spec':
      return createSpecEngine(flow.graph);
    case 'genesys': {
      const { createGenesysEngine } = await import('../targets/genesys/engine/index.js');
      return createGenesysEngine(flow.artifacts, flow.graph);
    }
    case 'cxone': {
      const { createCxoneEngine } = await import('../targets/cxone/engine/index.js');
      return createCxoneEngine(flow.artifacts, flow.graph);
    }
    default:
      return assertNever(name);
  }
}
