import type { Artifact } from '../emit/artifact.js';
import type { FlowGraph } from '../ir/nodes.js';
import { assertNever } from '../util/assert.js';
import { EngineError, type Engine, type EngineName } from './model.js';
import { createSpecEngine } from './spec/engine.js';

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
    case 'genesys':
      // Written on its own branch; replaced when merged.
      throw new EngineError('this engine is not built yet');
    case 'cxone': {
      const { createCxoneEngine } = await import('./cxone/engine.js');
      return createCxoneEngine(flow.artifacts, flow.graph);
    }
    default:
      return assertNever(name);
  }
}
