import type { Artifact } from '../../artifact.js';
import type { FlowGraph } from '../../../ir/nodes.js';
import { assertNever, invariant } from '../../../util/assert.js';
import {
  CallerScript,
  EngineError,
  MAX_STEPS_PER_CALL,
  PlatformLimit,
  type Engine,
  type EngineRun,
  type HttpReply,
  type HttpRequest,
  type Recorder,
  type SimulationInput,
  type TransferEnd,
} from '../../engine-contract.js';
import { buildRequest, interpretReply, readDataAction, type ActionOutcome, type DataAction, type SchemaType } from './data-action.js';
import { evaluate, type ExpressionScope } from './expression.js';
import { collectedDigits } from './collect-input.js';
import { readFlowFile, type Action, type ArchyFlow, type Source } from './flow-file.js';
import { SpecNames } from './spec-names.js';
import { coerce, integerValue, NOT_SET, stringValue, toText, type ArchType, type ArchValue, type VariableType } from './values.js';
import { docUrl } from '../../../util/package-info.js';
import { memoizeByObject } from '../../../util/memo.js';

/**
 * The Genesys Cloud engine: it runs the emitted Archy flows and data actions as the platform would.
 * The graph is read only to map Genesys names back to spec names (steps, queues, endpoints).
 */
export function createGenesysEngine(artifacts: readonly Artifact[], graph: FlowGraph): Engine {
  const program = loadProgram(artifacts, graph);
  return {
    name: 'genesys',
    limits: [],
    *run(input: SimulationInput, recorder: Recorder): EngineRun {
      yield* new GenesysCall(program, input, recorder).run();
    },
  };
}

interface Program {
  inbound: ArchyFlow;
  /** Secure call flows by flow name: `transferToFlowSecure` finds its target by name. */
  secureFlows: ReadonlyMap<string, ArchyFlow>;
  names: SpecNames;
}

function loadProgram(artifacts: readonly Artifact[], graph: FlowGraph): Program {
  const genesys = artifacts.filter((artifact) => artifact.target === 'genesys');
  const unknown = genesys.find((artifact) => !['inboundCall', 'secureCall', 'dataAction', 'archyOptions'].includes(artifact.kind));
  if (unknown) throw new EngineError(`unknown Genesys artifact kind ${unknown.kind}`, unknown.path);
  const dataActions = new Map<string, DataAction>();
  for (const artifact of genesys.filter((candidate) => candidate.kind === 'dataAction')) {
    const action = readDataAction(artifact);
    if (dataActions.has(action.name)) throw new EngineError(`two data actions are named ${JSON.stringify(action.name)}`, action.file);
    if (!graph.endpoints.some((endpoint) => endpoint.id === action.endpoint))
      throw new EngineError(`no spec endpoint ${action.endpoint}`, action.file);
    dataActions.set(action.name, action);
  }
  const flows = genesys
    .filter((artifact) => artifact.kind === 'inboundCall' || artifact.kind === 'secureCall')
    .map((artifact) => readFlowFile(artifact, dataActions));
  const inbound = flows.filter((flow) => flow.type === 'inboundCall');
  if (inbound.length !== 1) throw new EngineError(`expected one inbound call flow, found ${inbound.length}`);
  return {
    inbound: inbound[0]!,
    secureFlows: new Map(flows.filter((flow) => flow.type === 'secureCall').map((flow) => [flow.name, flow])),
    names: new SpecNames(graph),
  };
}

/**
 * How a run of actions ended: fell through to the next action, ended the call, left a loop pass, or
 * jumped to a task. A jump ends the task it is in, and every loop around it, so it travels up to the
 * flow, which runs the task next: one frame per flow, however many tasks a call goes through.
 */
type Jump = { jumpTo: string; where: string };
type Signal = 'next' | 'ended' | 'loopNext' | 'loopExit' | Jump;
type Run<T> = Generator<HttpRequest, T, HttpReply>;

/** A signal is a string or a jump; anything else `runAction` returns is a run to drive. */
function isRun(outcome: Signal | Run<Signal>): outcome is Run<Signal> {
  return typeof outcome === 'object' && !('jumpTo' in outcome);
}

/** Drives the run of an action in a list that cannot send a request (`maySend`) to its signal. */
function finishedNow(run: Run<Signal>): Signal {
  const step = run.next();
  invariant(step.done === true, 'an action of a list that sends no request sent one');
  return step.value;
}

/**
 * Whether running the actions may send a request: they hold a callData, or a transferToFlowSecure
 * (whose flow may), at any depth. Walked with a stack: the artifact's nesting must not reach the
 * call stack. Kept per list: the lists are the parsed flow's, read once.
 */
export const maySend: (actions: readonly Action[]) => boolean = memoizeByObject((actions: readonly Action[]) => {
  let found = false;
  const stack: (readonly Action[])[] = [actions];
  while (!found && stack.length > 0)
    for (const action of stack.pop()!) {
      if (action.kind === 'callData' || action.kind === 'transferToFlowSecure') found = true;
      else stack.push(...nestedActions(action));
    }
  return found;
});

function nestedActions(action: Action): readonly (readonly Action[])[] {
  switch (action.kind) {
    case 'collectInput':
      return [action.success, action.failure];
    case 'callData':
      return [action.success, action.failure, action.timedOut];
    case 'decision':
      return [action.yes, action.no];
    case 'loop':
      return [action.body];
    case 'transferToAcd':
    case 'transferToFlowSecure':
    case 'transferToNumber':
    case 'transferToFlow':
      return [action.failure];
    case 'playAudio':
    case 'updateData':
    case 'setParticipantData':
    case 'loopNext':
    case 'loopExit':
    case 'jumpToTask':
    case 'disconnect':
      return [];
    default:
      return assertNever(action);
  }
}

/** A flow's variables for one call: flow variables do not cross flows (docs/genesys.md §9.1). */
class FlowFrame {
  private readonly values = new Map<string, { type: VariableType; value: ArchValue }>();

  constructor(
    readonly flow: ArchyFlow,
    private readonly input: SimulationInput,
  ) {
    for (const [name, variable] of flow.variables) this.values.set(name, { type: variable.type, value: variable.initial });
  }

  scope(where: string): ExpressionScope {
    return { read: (name) => this.read(name, where), now: this.input.call.timestamp, where };
  }

  /** docs/genesys.md §3.2 and src/emit/genesys/unverified.ts: the call built-ins the emitter reads. */
  private read(name: string, where: string): ArchValue {
    switch (name) {
      case 'Call.Ani':
        // The platform's value is a tel: URI ("tel: +13175550116", https://help.mypurecloud.com/?p=76134);
        // the spec's call.ani is E.164, so the emitter's conversion is what a scenario tests.
        return stringValue(`tel:${this.input.call.ani}`);
      case 'Call.ConversationId':
        return stringValue(this.input.call.id);
      case 'Call.CalledAddressOriginal':
        return stringValue(this.input.call.dnis);
    }
    const variable = this.values.get(name);
    if (!variable) throw new EngineError(`${name} is not declared in ${this.flow.file}`, where);
    return variable.value;
  }

  assign(name: string, value: ArchValue, where: string): void {
    const variable = this.values.get(name);
    if (!variable) throw new EngineError(`${name} is not declared in ${this.flow.file}`, where);
    variable.value = coerce(value, variable.type, where);
  }

  typeOf(name: string): VariableType {
    return this.values.get(name)!.type;
  }
}

class GenesysCall {
  private readonly caller: CallerScript;
  private actionCount = 0;
  private lastStep: string | undefined;

  constructor(
    private readonly program: Program,
    private readonly input: SimulationInput,
    private readonly recorder: Recorder,
  ) {
    this.caller = new CallerScript(input.caller, recorder);
  }

  *run(): Run<void> {
    yield* this.runFlow(this.program.inbound);
  }

  /**
   * A flow plays its initial greeting, then runs its start task and each task jumped to; the last
   * task must end the call. Control moves to a task for good (`jumpToTask` ends the task it is in).
   */
  private *runFlow(flow: ArchyFlow): Run<'ended'> {
    const frame = new FlowFrame(flow, this.input);
    this.play(flow.initialGreeting, frame);
    let signal = yield* this.runActions(flow.actions, frame);
    while (typeof signal === 'object') {
      const jump = signal;
      signal = yield* this.runActions(flow.tasks.get(jump.jumpTo)!, frame);
      if (signal === 'next') throw new EngineError(`task ${jump.jumpTo} ran out of actions without ending the call`, jump.where);
    }
    if (signal !== 'ended')
      throw new EngineError(
        signal === 'next' ? `the start task of ${flow.file} ran out of actions without ending the call` : `${signal} outside a loop`,
        flow.file,
      );
    return signal;
  }

  private *runActions(actions: readonly Action[], frame: FlowFrame): Run<Signal> {
    for (const action of actions) {
      const outcome = this.runAction(action, frame);
      const signal = isRun(outcome) ? yield* outcome : outcome;
      if (signal !== 'next') return signal;
    }
    return 'next';
  }

  /**
   * A nested list of actions: its signal when nothing in it can send a request (`maySend`), run
   * without a generator, else the run that may. A generator for each decision, loop pass and
   * branch was most of the cost of a call.
   */
  private branch(actions: readonly Action[], frame: FlowFrame): Signal | Run<Signal> {
    return maySend(actions) ? this.runActions(actions, frame) : this.runActionsNow(actions, frame);
  }

  private runActionsNow(actions: readonly Action[], frame: FlowFrame): Signal {
    for (const action of actions) {
      const outcome = this.runAction(action, frame);
      const signal = isRun(outcome) ? finishedNow(outcome) : outcome;
      if (signal !== 'next') return signal;
    }
    return 'next';
  }

  /**
   * One action: its signal when it cannot send a request, else the run that may (started by the
   * caller): most actions never yield, and a generator for each was a large part of a call's cost.
   */
  private runAction(action: Action, frame: FlowFrame): Signal | Run<Signal> {
    if (++this.actionCount > MAX_STEPS_PER_CALL) throw new EngineError(`more than ${MAX_STEPS_PER_CALL} actions in one call`, action.where);
    this.enterStep(action.name);
    switch (action.kind) {
      case 'playAudio':
        this.play(action.audio, frame);
        return 'next';
      case 'collectInput':
        return this.collectInput(action, frame);
      case 'callData':
        return this.callData(action, frame);
      case 'decision':
        return this.branch(this.condition(action.condition, frame) ? action.yes : action.no, frame);
      case 'updateData':
        for (const statement of action.statements)
          frame.assign(statement.variable, this.value(statement.value, frame, statement.type), statement.value.where);
        return 'next';
      case 'setParticipantData':
        this.setParticipantData(action, frame);
        return 'next';
      case 'loop':
        return this.loop(action, frame);
      case 'loopNext':
        return 'loopNext';
      case 'loopExit':
        return 'loopExit';
      case 'transferToAcd':
        return this.transferToAcd(action, frame);
      case 'transferToFlowSecure':
        return this.transferToFlowSecure(action, frame);
      case 'transferToNumber':
      case 'transferToFlow':
        return this.transferOut(action, frame);
      case 'disconnect':
        this.recorder.end({ kind: 'disconnect' });
        return 'ended';
      case 'jumpToTask':
        return { jumpTo: action.task, where: action.where };
      default:
        return assertNever(action);
    }
  }

  /** Records the spec step an action belongs to, once per entry (an action named `step: detail` continues it). */
  private enterStep(actionName: string): void {
    const step = this.program.names.stepOf(actionName);
    if (step === undefined || step === this.lastStep) return;
    this.lastStep = step;
    this.recorder.step(step);
    // A retry whose body never comes back has no loop (emit/nodes/retry.ts): entering it is its one
    // attempt. A loop records each pass itself, from 1.
    if (this.program.names.isRetry(step) && !this.recorder.attempts.has(step)) this.recorder.attempt(step, 1);
  }

  /** Speaks audio as one prompt, its parts joined by a space; NOT_SET or blank audio plays nothing. */
  private play(source: Source, frame: FlowFrame): void {
    const audio = this.value(source, frame, 'audio');
    if (audio.type === 'audio' && audio.tts.length > 0) this.recorder.prompt(audio.tts.join(' '));
  }

  private value(source: Source, frame: FlowFrame, expected: ArchType): ArchValue {
    const value = source.kind === 'constant' ? source.value : evaluate(source.expression, frame.scope(source.where));
    return coerce(value, expected, source.where);
  }

  /** A value that must be set, of exactly the expected type (coerce has checked it). */
  private setValue<T extends ArchType>(source: Source, frame: FlowFrame, expected: T): Extract<ArchValue, { type: T }> {
    const value = this.value(source, frame, expected);
    if (value.type === 'notSet') throw new EngineError(`a ${expected} is required here, the value is NOT_SET`, source.where);
    return value as Extract<ArchValue, { type: T }>;
  }

  private condition(source: Source, frame: FlowFrame): boolean {
    return this.setValue(source, frame, 'boolean').value;
  }

  private collectInput(action: Extract<Action, { kind: 'collectInput' }>, frame: FlowFrame): Signal | Run<Signal> {
    this.play(action.prompt, frame);
    const entered = collectedDigits(
      this.caller.take(this.program.names.stepOf(action.name) ?? action.name),
      action.digits,
      action.includeTerminator,
      action.where,
      action.acceptLone,
    );
    if (entered === undefined) return this.branch(action.failure, frame);
    frame.assign(action.variable, stringValue(entered), action.where);
    return this.branch(action.success, frame);
  }

  private *callData(action: Extract<Action, { kind: 'callData' }>, frame: FlowFrame): Run<Signal> {
    const dataAction = action.dataAction;
    const inputs = this.actionInputs(action, frame);
    // UNVERIFIED: an input that is NOT_SET fails the action before any request is made (the emitter's
    // contracts require every input).
    if (inputs === undefined) return yield* this.runActions(action.failure, frame);
    const flowSeconds =
      action.timeout === undefined ? Number.POSITIVE_INFINITY : this.setValue(action.timeout, frame, 'duration').ms / 1000;
    // docs/genesys.md §4.1: the flow's timeout and the action's `timeoutSeconds` both run; the first to expire wins.
    const request = buildRequest(dataAction, inputs, Math.min(flowSeconds, dataAction.timeoutSeconds));
    this.recorder.request(request);
    const outcome = interpretReply(dataAction, yield request, flowSeconds <= dataAction.timeoutSeconds);
    const next = this.branch(this.outputsRead(action, outcome, frame), frame);
    return isRun(next) ? yield* next : next;
  }

  /** The output list a data action's outcome takes, its success outputs assigned first. */
  private outputsRead(action: Extract<Action, { kind: 'callData' }>, outcome: ActionOutcome, frame: FlowFrame): readonly Action[] {
    switch (outcome.kind) {
      case 'timeout':
        return action.timedOut;
      case 'failure':
        return action.failure;
      case 'success':
        for (const [output, variable] of action.successOutputs)
          frame.assign(variable, outputValue(outcome.outputs.get(output), frame.typeOf(variable)), action.where);
        return action.success;
      default:
        return assertNever(outcome);
    }
  }

  /** Input values as the text the templates receive, checked against the input contract. */
  private actionInputs(action: Extract<Action, { kind: 'callData' }>, frame: FlowFrame): Map<string, string> | undefined {
    const inputs = new Map<string, string>();
    for (const [name, source] of action.inputs) {
      const value = this.value(source, frame, ARCH_TYPE_FOR_SCHEMA[action.dataAction.inputs.get(name)!.type]);
      if (value.type === 'notSet') return undefined;
      inputs.set(name, toText(value, source.where));
    }
    return inputs;
  }

  /**
   * docs/genesys.md §2.7: attributes are string pairs. UNVERIFIED: a NOT_SET value is stored as "".
   */
  private setParticipantData(action: Extract<Action, { kind: 'setParticipantData' }>, frame: FlowFrame): void {
    for (const attribute of action.attributes) {
      const name = this.setValue(attribute.name, frame, 'string').value;
      const value = this.value(attribute.value, frame, 'string');
      this.recorder.attribute(name, value.type === 'notSet' ? '' : toText(value, attribute.value.where));
    }
  }

  /**
   * docs/genesys.md §2.8: `loopCount` passes with `currentIndex` 0-based; a pass ends at `loopNext`
   * or at the end of its actions, `loopExit` leaves the loop. Pass n is attempt n of the spec retry.
   */
  private *loop(action: Extract<Action, { kind: 'loop' }>, frame: FlowFrame): Run<Signal> {
    const passes = this.setValue(action.loopCount, frame, 'integer').value;
    const step = this.program.names.stepOf(action.name);
    // A menu's tries are a loop too, but only a retry counts attempts.
    const retry = step !== undefined && this.program.names.isRetry(step) ? step : undefined;
    for (let index = 0; index < passes; index += 1) {
      if (index > 0) this.enterStep(action.name);
      frame.assign(action.currentIndex, integerValue(index), action.where);
      if (retry !== undefined) this.recorder.attempt(retry, index + 1);
      const pass = this.branch(action.body, frame);
      const signal = isRun(pass) ? yield* pass : pass;
      if (signal === 'ended' || typeof signal === 'object') return signal;
      if (signal === 'loopExit') break;
    }
    return 'next';
  }

  /**
   * docs/genesys.md §2.10. A failed transfer plays the failure audio and takes the failure output;
   * in a secure call flow every transfer is blind and Genesys replaces that path with a disconnect
   * (docs/genesys.md §9.1, help center "Transfer to flow action").
   */
  private transferToAcd(action: Extract<Action, { kind: 'transferToAcd' }>, frame: FlowFrame): Signal | Run<Signal> {
    this.play(action.preTransferAudio, frame);
    const queue = this.program.names.queueOf(this.setValue(action.queue, frame, 'queue').name, action.where);
    const priority = this.setValue(action.priority, frame, 'integer').value;
    const skills = action.skills.map((skill) => this.setValue(skill, frame, 'skill').name);
    if (this.input.transfer === 'succeeds') {
      this.recorder.end({ kind: 'route', queue, priority, skills });
      return 'ended';
    }
    if (frame.flow.type === 'secureCall')
      throw new PlatformLimit(
        `Genesys makes every transfer inside the secure flow blind: a failed one disconnects the caller and onFailure does not run (${docUrl('genesys.md')} §9.1)`,
      );
    this.play(action.failureTransferAudio, frame);
    return this.branch(action.failure, frame);
  }

  /**
   * docs/genesys.md §2.14: a transfer out of the flow. A number that is NOT_SET or empty cannot be
   * dialled and takes the failure output, as a refused transfer does; in a secure call flow Genesys
   * disconnects the caller instead (the transfer is blind, §9.1).
   */
  private transferOut(action: Extract<Action, { kind: 'transferToNumber' | 'transferToFlow' }>, frame: FlowFrame): Signal | Run<Signal> {
    this.play(action.preTransferAudio, frame);
    const end = this.transferEnd(action, frame);
    if (this.input.transfer === 'succeeds' && end !== undefined) {
      this.recorder.end(end);
      return 'ended';
    }
    if (frame.flow.type === 'secureCall') {
      this.recorder.end({ kind: 'disconnect' });
      return 'ended';
    }
    return this.branch(action.failure, frame);
  }

  /** Where the transfer goes; undefined for a number that is NOT_SET or empty. */
  private transferEnd(action: Extract<Action, { kind: 'transferToNumber' | 'transferToFlow' }>, frame: FlowFrame): TransferEnd | undefined {
    if (action.kind === 'transferToFlow') return { kind: 'transfer', to: 'flow', target: action.targetFlow };
    const number = this.value(action.targetNumber, frame, 'string');
    return number.type === 'string' && number.value !== '' ? { kind: 'transfer', to: 'number', target: number.value } : undefined;
  }

  /**
   * docs/genesys.md §2.13, §9.1: the secure flow named `targetFlow` takes over the call and never
   * hands it back; the failure output runs only when that flow does not exist.
   */
  private transferToFlowSecure(action: Extract<Action, { kind: 'transferToFlowSecure' }>, frame: FlowFrame): Signal | Run<Signal> {
    this.play(action.preTransferAudio, frame);
    const target = this.program.secureFlows.get(action.targetFlow);
    if (target) return this.runFlow(target);
    this.play(action.failureTransferAudio, frame);
    return this.branch(action.failure, frame);
  }
}

const ARCH_TYPE_FOR_SCHEMA: Readonly<Record<SchemaType, ArchType>> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: 'boolean',
};

/** A success output as the flow variable receives it; a missing output or JSON null is NOT_SET. */
function outputValue(value: unknown, type: VariableType): ArchValue {
  if (value === undefined || value === null) return NOT_SET;
  switch (type) {
    case 'string':
      return stringValue(value as string);
    case 'integer':
      return integerValue(value as number);
    case 'decimal':
      return { type: 'decimal', value: value as number };
    case 'boolean':
      return { type: 'boolean', value: value as boolean };
    default:
      return assertNever(type);
  }
}
