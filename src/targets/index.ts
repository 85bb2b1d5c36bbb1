import type { TargetName } from '../flowspec/targets.js';
import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact, EmitOptions, EmitProblem, EmitResult } from './artifact.js';
import { checkCxone } from './cxone/check.js';
import type { Engine } from './engine-contract.js';
import { checkGenesys } from './genesys/check.js';
import { loadOnce } from '../util/memo.js';

const genesysEmitter = loadOnce(() => import('./genesys/emit/index.js'));
const cxoneEmitter = loadOnce(() => import('./cxone/emit/index.js'));

/**
 * One entry per vendor: everything the pipeline, the simulator and the CLI know about a target.
 * Adding a vendor is a folder under `src/targets/` plus one entry here (docs/architecture.md);
 * the `Record` makes the compiler ask for it once the name is in `TARGET_NAMES`.
 */
export interface TargetDefinition {
  /** One line for `--help`. */
  description: string;
  /**
   * The vendor's own limits and naming rules on a checked flow, reported once at the spec value
   * that breaks them. Cheap and loaded eagerly: `validate` runs it for the selected targets.
   */
  check(graph: FlowGraph): EmitProblem[];
  /** Loads on demand, so `validate` never pays for templates and vendor tables. */
  emit(graph: FlowGraph, options: EmitOptions): Promise<EmitResult>;
  /** The engine that interprets this target's artifacts. Throws EngineError for one it cannot read. */
  createEngine(artifacts: readonly Artifact[], graph: FlowGraph): Promise<Engine>;
}

export const TARGETS: Readonly<Record<TargetName, TargetDefinition>> = {
  genesys: {
    description: 'Genesys Cloud: Archy inbound and secure call flows, Web Services data actions',
    check: checkGenesys,
    emit: async (graph, options) => (await genesysEmitter()).emitGenesys(graph, options),
    createEngine: async (artifacts, graph) => (await import('./genesys/engine/index.js')).createGenesysEngine(artifacts, graph),
  },
  cxone: {
    description: 'NICE CXone: a Studio script, the body of POST /scripts',
    check: checkCxone,
    emit: async (graph, options) => (await cxoneEmitter()).emitCxone(graph, options),
    createEngine: async (artifacts, graph) => (await import('./cxone/engine/index.js')).createCxoneEngine(artifacts, graph),
  },
};

export { TARGET_NAMES, isTargetName, type TargetName } from '../flowspec/targets.js';

/** Vendor checks of the selected targets, in target order. */
export function checkTargets(graph: FlowGraph, targets: readonly TargetName[]): EmitProblem[] {
  return targets.flatMap((target) => TARGETS[target].check(graph));
}
