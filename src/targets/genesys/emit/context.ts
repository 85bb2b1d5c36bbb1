import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import type { FlowGraph, FlowNode, IrEndpoint } from '../../../ir/nodes.js';
import { invariant } from '../../../util/assert.js';
import type { EmitProblem } from '../../artifact.js';
import type { ArchyAction, FlowType } from './archy.js';
import type { TaskLayout } from './tasks.js';
import type { GenesysNames } from '../conventions.js';
import type { ArchyVariable, VariableTable } from './variables.js';

/** What every part of the Genesys emitter reads: the graph, resolved names and the problem list. */
export interface GenesysContext {
  graph: FlowGraph;
  nodes: ReadonlyMap<string, FlowNode>;
  endpoints: ReadonlyMap<string, IrEndpoint>;
  names: GenesysNames;
  variables: VariableTable;
  problems: EmitProblem[];
  /** Each step's strongly connected component (tasks.ts `stepComponents`), computed once per flow. */
  components: ReadonlyMap<string, number>;
  /** Steps entered by more than one transition (tasks.ts `joinSteps`), computed once per flow. */
  joins: ReadonlySet<string>;
}

/** The state of building one flow file. */
export interface FlowContext extends GenesysContext {
  flowType: FlowType;
  /** Architect variables this file uses, to declare. */
  used: Map<string, ArchyVariable>;
  /** Variables an action of this file writes (not counting initial values). */
  written: Set<string>;
  /** First spec path that reads each variable. */
  reads: Map<string, SpecPath>;
  /** Retry steps whose `loop` encloses the action being built, innermost last. */
  loops: string[];
  /** Retries whose body goes back to them somewhere (a `loopNext` was written). */
  repeatedRetries: Set<string>;
  /** Steps being inlined on the current path, to stop a cycle that no retry breaks. */
  expanding: string[];
  actionCount: number;
  /** How deep the action being built nests in its task. */
  nesting: number;
  /** Whether MAX_INLINED_DEPTH was reported for this flow file (compile.ts). */
  tooDeepReported?: boolean;
  tasks: TaskLayout;
  /** The actions for a transition to `stepId` (a step's subtree, inlined). */
  follow: (stepId: string) => ArchyAction[];
}

export function nodeById(context: GenesysContext, id: string): FlowNode {
  const node = context.nodes.get(id);
  // The message only when it fails (expression.ts `readableExpression`): this runs for every transition.
  if (node === undefined) invariant(false, `transition to unknown step ${id} after validation`);
  return node;
}

export function endpointById(context: GenesysContext, id: string): IrEndpoint {
  const endpoint = context.endpoints.get(id);
  invariant(endpoint !== undefined, `unknown endpoint ${id} after validation`);
  return endpoint;
}

/** Record that the file reads (`write` false) or writes a variable, so it gets declared. */
export function useVariable(context: FlowContext, variable: ArchyVariable, write: boolean, path: SpecPath): string {
  context.used.set(variable.name, variable);
  if (write) context.written.add(variable.name);
  else if (!context.reads.has(variable.name)) context.reads.set(variable.name, path);
  return variable.name;
}
