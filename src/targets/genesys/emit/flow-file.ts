import type { ArchyAction, ArchyFlowBody, ArchyFlowFile, FlowType } from './archy.js';
import { disconnect, lit, NO_VALUE } from './archy.js';
import { compileStep, followStep } from './compile.js';
import { nodeById, type FlowContext, type GenesysContext } from './context.js';
import { TaskLayout } from './tasks.js';
import { declareVariables } from './variables.js';

const TASK_REF = 'main';

/**
 * One flow file: the start task `Main`, then one task per step the layout cut out (tasks.ts), in the
 * order they are first jumped to. `startUpRef` is the absolute path to the start task.
 */
export function buildFlowFile(
  base: GenesysContext,
  flowType: FlowType,
  name: string,
  start: string,
  otherWrites: ReadonlySet<string> = new Set(),
): { file: ArchyFlowFile; writes: ReadonlySet<string> } {
  const context = flowContext(base, flowType);
  // The start step opens the start task even when it is a join: no task that only jumps.
  context.tasks.current = start;
  const tasks = [{ task: { name: 'Main', refId: TASK_REF, actions: context.follow(start) } }];
  for (let next = context.tasks.next(); next !== undefined; next = context.tasks.next()) {
    tasks.push({ task: { name: next.stepId, refId: next.refId, actions: taskActions(next.stepId, context) } });
  }
  context.problems.push(...context.tasks.cycleProblems((stepId) => nodeById(context, stepId).origin));
  checkCrossFlowReads(context, otherWrites);
  // An absent field is undefined, which the YAML writers leave out: a conditional spread would make
  // V8 define every later field of the literal at run time.
  const body: ArchyFlowBody = {
    name,
    description: base.graph.description,
    division: base.names.division,
    startUpRef: `/${flowType}/tasks/task[${TASK_REF}]`,
    defaultLanguage: base.graph.language.toLowerCase(),
    // docs/genesys.md §1.1: a short silence, as exports write; the spec's prompts come from its steps.
    initialGreeting: { exp: 'AudioPlaybackOptions(ToAudioBlank(100), true)' },
    variables: context.used.size === 0 ? undefined : declareVariables(context.used.values()),
    tasks,
  };
  return { file: { [flowType]: body }, writes: context.written };
}

/** A task's body: its root step compiled afresh, at no nesting and outside every loop. */
function taskActions(stepId: string, context: FlowContext): ArchyAction[] {
  context.tasks.current = stepId;
  context.nesting = 0;
  return compileStep(nodeById(context, stepId), context);
}

function flowContext(base: GenesysContext, flowType: FlowType): FlowContext {
  const secure = base.graph.secure;
  // Every field named, not `...base`: in V8 each property after a spread in a literal is defined
  // one by one at run time, which made this literal a tenth of Genesys emission.
  const context: FlowContext = {
    graph: base.graph,
    nodes: base.nodes,
    endpoints: base.endpoints,
    names: base.names,
    variables: base.variables,
    problems: base.problems,
    components: base.components,
    joins: base.joins,
    flowType,
    used: new Map(),
    written: new Set(),
    reads: new Map(),
    loops: [],
    repeatedRetries: new Set(),
    expanding: [],
    actionCount: 0,
    nesting: 0,
    tooDeepReported: false,
    tasks: new TaskLayout(flowType, base.joins, base.components),
    follow: (stepId) =>
      flowType === 'inboundCall' && secure && stepId === secure.entry ? transferToSecureFlow(context) : followStep(stepId, context),
  };
  return context;
}

/**
 * docs/genesys.md §2.13, §9.1: the inbound flow ends by entering the secure flow by name. No
 * source says a secure flow hands control back, so only the failure path continues here
 * (`secure.onUnavailable`), followed by a hang-up as in the published sample. Nothing is passed
 * in `invocationData`: it must never carry sensitive data.
 */
function transferToSecureFlow(context: FlowContext): ArchyAction[] {
  const secure = context.graph.secure!;
  const failure = context.follow(secure.onUnavailable);
  const transfer: ArchyAction = {
    transferToFlowSecure: {
      name: `${secure.entry}: enter the secure flow`,
      targetFlow: { name: context.names.secureFlow },
      connectTimeout: NO_VALUE,
      invocationData: lit(''),
      failureOutputs: { errorType: NO_VALUE, errorMessage: NO_VALUE },
      outputs: { failure: { actions: failure } },
    },
  };
  return [transfer, disconnect(`${secure.entry}: secure flow unavailable`)];
}

/**
 * Flow variables do not cross flows: a value read here must be set here, or come from its initial
 * value without the other flow changing it.
 */
function checkCrossFlowReads(context: FlowContext, otherWrites: ReadonlySet<string>): void {
  for (const [name, path] of context.reads) {
    if (context.written.has(name)) continue;
    const initial = context.used.get(name)?.initial !== undefined;
    if (initial && !otherWrites.has(name)) continue;
    context.problems.push({
      code: 'target/unsupported',
      message: `\`${name.replace(/^Flow\./, '')}\` is read in the Genesys ${context.flowType} flow but ${otherWrites.has(name) ? 'set only in the other flow' : 'never set in it'}; flow variables do not cross flows.`,
      path,
      hint: 'Set the value inside the same part of the flow (before or after `secure.entry`) that reads it.',
    });
  }
}
