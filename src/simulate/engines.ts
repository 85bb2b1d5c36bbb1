import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact } from '../targets/artifact.js';
import type { Engine, EngineName } from '../targets/engine-contract.js';
import { TARGETS } from '../targets/index.js';
import { createSpecEngine } from './reference/engine.js';

/** A checked flow and what the emitters made of it: everything the engines interpret. */
export interface CompiledFlow {
  graph: FlowGraph;
  artifacts: readonly Artifact[];
}

/**
 * Builds the named engine: the reference engine on the IR, or the target's own engine on its
 * artifacts (loaded on demand). Throws EngineError for an artifact it cannot read.
 */
export async function createEngine(name: EngineName, flow: CompiledFlow): Promise<Engine> {
  if (name === 'spec') return createSpecEngine(flow.graph);
  return TARGETS[name].createEngine(flow.artifacts, flow.graph);
}
