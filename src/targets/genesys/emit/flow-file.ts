import type { ArchyAction, ArchyFlowBody, ArchyFlowFile, FlowType } from './archy.js';
import { disconnect, lit, NO_VALUE } from './archy.js';
import { followStep } from './compile.js';
import type { FlowContext, GenesysContext } from './context.js';
import { declareVariables } from './variables.js';

const TASK_REF = 'main';

/**
 * One flow file: a single task that holds the whole tree (docs/genesys.md §1, minimal accepted
 * file). `startUpRef` is the absolute path to it (§1.2).
 */
export function buildFlowFile(
  base: GenesysContext,
  flowType: FlowType,
  name: string,
  start: string,
  otherWrites: ReadonlySet<string> = new Set(),
): { file: ArchyFlowFile; writes: ReadonlySet<string> } {
  const context = flowContext(base, flowType);
  const actions = context.follow(start);
  checkCrossFlowReads(context, otherWrites);
  const body: ArchyFlowBody = {
    name,
    ...(base.graph.description === undefined ? {} : { description: base.graph.description }),
    ...(base.names.division === undefined ? {} : { division: base.names.division }),
    startUpRef: `/${flowType}/tasks/task[${TASK_REF}]`,
    defaultLanguage: base.graph.language.toLowerCase(),
    // docs/genesys.md §1.1: a short silence, as exports write; the spec's prompts come from its steps.
    initialGreeting: { exp: 'AudioPlaybackOptions(ToAudioBlank(100), true)' },
    ...(context.used.size === 0 ? {} : { variables: declareVariables(context.used.values()) }),
    tasks: [{ task: { name: 'Main', refId: TASK_REF, actions } }],
  };
  return { file: { [flowType]: body }, writes: context.written };
}

function flowContext(base: GenesysContext, flowType: FlowType): FlowContext {
  const context: FlowContext = {
    ...base,
    flowType,
    used: new Map(),
    written: new Set(),
    reads: new Map(),
    loops: [],
    expanding: [],
    actionCount: 0,
    follow: () => [],
  };
  const secure = base.graph.secure;
  context.follow = (stepId) =>
    flowType === 'inboundCall' && secure && stepId === secure.entry ? transferToSecureFlow(context) : followStep(stepId, context);
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
      preTransferAudio: NO_VALUE,
      failureTransferAudio: NO_VALUE,
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
