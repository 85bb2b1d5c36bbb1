import { assertNever } from '../../../util/assert.js';
import { parse } from 'yaml';
import type { Artifact } from '../../artifact.js';
import { EngineError } from '../../engine-contract.js';
import type { DataAction, SchemaType } from './data-action.js';
import { parseExpression, type Expression } from './expression.js';
import { Tree } from './reader.js';
import { booleanValue, integerValue, NOT_SET, stringValue, type ArchType, type ArchValue, type VariableType } from './values.js';

/**
 * An Archy flow file read into the actions this engine runs. Reading checks every key: an action,
 * property or statement the emitter does not write today is an EngineError here, before any call.
 */
export type FlowType = 'inboundCall' | 'secureCall';

export interface ArchyFlow {
  type: FlowType;
  file: string;
  name: string;
  variables: ReadonlyMap<string, { type: VariableType; initial: ArchValue }>;
  initialGreeting: Source;
  actions: readonly Action[];
  /** Every task by refId, the start task included, for `jumpToTask`. */
  tasks: ReadonlyMap<string, readonly Action[]>;
}

/** A property value: known when the file is read (`lit`, `tts`, `noValue`), or an expression. */
export type Source = { kind: 'constant'; value: ArchValue; where: string } | { kind: 'expression'; expression: Expression; where: string };

export type Digits = { kind: 'exact'; count: number } | { kind: 'range'; min: number; max: number; terminator?: '#' | '*' };

interface Named {
  name: string;
  where: string;
}

export type Action = Named &
  (
    | { kind: 'playAudio'; audio: Source }
    | {
        kind: 'collectInput';
        variable: string;
        digits: Digits;
        includeTerminator: boolean;
        /** `*` and `#` when acceptJustStar / acceptJustPound is true. */
        acceptLone: ReadonlySet<string>;
        prompt: Source;
        success: readonly Action[];
        failure: readonly Action[];
      }
    | {
        kind: 'callData';
        dataAction: DataAction;
        timeout?: Source;
        inputs: ReadonlyMap<string, Source>;
        successOutputs: ReadonlyMap<string, string>;
        success: readonly Action[];
        failure: readonly Action[];
        timedOut: readonly Action[];
      }
    | { kind: 'decision'; condition: Source; yes: readonly Action[]; no: readonly Action[] }
    | { kind: 'updateData'; statements: readonly { type: VariableType; variable: string; value: Source }[] }
    | { kind: 'setParticipantData'; attributes: readonly { name: Source; value: Source }[] }
    | { kind: 'loop'; loopCount: Source; currentIndex: string; body: readonly Action[] }
    | { kind: 'loopNext' }
    | { kind: 'loopExit' }
    | { kind: 'jumpToTask'; task: string }
    | {
        kind: 'transferToAcd';
        queue: Source;
        priority: Source;
        skills: readonly Source[];
        preTransferAudio: Source;
        failureTransferAudio: Source;
        failure: readonly Action[];
      }
    | {
        kind: 'transferToFlowSecure';
        targetFlow: string;
        preTransferAudio: Source;
        failureTransferAudio: Source;
        failure: readonly Action[];
      }
    | { kind: 'transferToNumber'; targetNumber: Source; preTransferAudio: Source; failure: readonly Action[] }
    | { kind: 'transferToFlow'; targetFlow: string; preTransferAudio: Source; failure: readonly Action[] }
    | { kind: 'disconnect' }
  );

export type ActionKind = Action['kind'];

const VARIABLE_KINDS: Readonly<Record<string, VariableType>> = {
  stringVariable: 'string',
  integerVariable: 'integer',
  decimalVariable: 'decimal',
  booleanVariable: 'boolean',
};
/** docs/genesys.md §2.6: statement kinds; `decimal` is UNVERIFIED in the emitter, modelled like the others. */
const STATEMENT_KINDS: Readonly<Record<string, VariableType>> = {
  string: 'string',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
};
/** The flow variable type that holds each contract type. */
const VARIABLE_FOR_SCHEMA: Readonly<Record<SchemaType, VariableType>> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: 'boolean',
};

export function readFlowFile(artifact: Artifact, dataActions: ReadonlyMap<string, DataAction>): ArchyFlow {
  const file = artifact.path.replace(/^genesys\//, '');
  let data: unknown;
  try {
    data = parse(artifact.contents);
  } catch (error) {
    throw new EngineError(`not YAML: ${(error as Error).message}`, file);
  }
  const [type, body] = new Tree(data, file).single();
  if (type !== artifact.kind) throw new EngineError(`the root key ${type} is not the file's flow type ${artifact.kind}`, file);
  return new FlowReader(type as FlowType, dataActions).flow(body);
}

class FlowReader {
  private variables = new Map<string, { type: VariableType; initial: ArchValue }>();
  /** Every task a `jumpToTask` names, checked once all tasks are read. */
  private readonly jumps = new Map<string, Tree>();

  constructor(
    private readonly type: FlowType,
    private readonly dataActions: ReadonlyMap<string, DataAction>,
  ) {}

  flow(tree: Tree): ArchyFlow {
    const flow = tree.object(
      ['name', 'description', 'division', 'startUpRef', 'defaultLanguage', 'initialGreeting', 'variables', 'tasks'],
      ['name', 'startUpRef', 'defaultLanguage', 'initialGreeting', 'tasks'],
    );
    if (flow.variables) this.variables = this.declarations(flow.variables);
    const tasks = new Map(flow.tasks.list().map((item) => this.task(item)));
    for (const [refId, jump] of this.jumps) if (!tasks.has(refId)) jump.fail(`targetTaskRef names no task of this file (${refId})`);
    const start = flow.startUpRef.string();
    // docs/genesys.md §1.2: an absolute or relative reference to a task.
    const refId = new RegExp(`^(?:/${this.type}|\\.)/tasks/task\\[(.+)\\]$`).exec(start)?.[1];
    const actions = refId === undefined ? undefined : tasks.get(refId);
    if (!actions) return flow.startUpRef.fail(`startUpRef ${start} names no task of this file`);
    return {
      type: this.type,
      file: tree.file,
      name: flow.name.string(),
      variables: this.variables,
      initialGreeting: this.audio(flow.initialGreeting),
      actions,
      tasks,
    };
  }

  private declarations(tree: Tree): Map<string, { type: VariableType; initial: ArchValue }> {
    const variables = new Map<string, { type: VariableType; initial: ArchValue }>();
    for (const item of tree.list()) {
      const [kind, declaration] = item.single();
      const type = VARIABLE_KINDS[kind];
      if (type === undefined) return item.fail(`unknown variable kind ${kind}`);
      const fields = declaration.object(['name', 'initialValue']);
      const name = fields.name.string();
      if (!name.startsWith('Flow.')) fields.name.fail(`only Flow. variables are modelled`);
      if (variables.has(name)) fields.name.fail(`${name} is declared twice`);
      const initial = this.value(fields.initialValue, type);
      if (initial.kind !== 'constant') return fields.initialValue.fail('an initial value must be a literal or noValue');
      variables.set(name, { type, initial: initial.value });
    }
    return variables;
  }

  private task(tree: Tree): [string, readonly Action[]] {
    const task = tree.object(['task']).task.object(['name', 'refId', 'actions']);
    task.name.string();
    return [task.refId.string(), this.actions(task.actions)];
  }

  private actions(tree: Tree): Action[] {
    return tree.list().map((item) => this.action(item));
  }

  private output(tree: Tree): Action[] {
    return this.actions(tree.object(['actions']).actions);
  }

  private action(item: Tree): Action {
    const [key, body] = item.single();
    if (!body.isObject()) body.fail(`the ${key} action is not a mapping`);
    const name = body.child('name');
    const named = { name: name.string(), where: body.where };
    switch (key) {
      case 'playAudio':
        return { ...named, kind: 'playAudio', audio: this.audio(body.object(['name', 'audio']).audio) };
      case 'collectInput':
        return { ...named, ...this.collectInput(body) };
      case 'callData':
      case 'callDataSecure':
        return { ...named, ...this.callData(body, key === 'callDataSecure') };
      case 'decision': {
        const decision = body.object(['name', 'condition', 'outputs']);
        const outputs = decision.outputs.object(['yes', 'no']);
        return {
          ...named,
          kind: 'decision',
          condition: this.value(decision.condition, 'boolean'),
          yes: this.output(outputs.yes),
          no: this.output(outputs.no),
        };
      }
      case 'updateData':
        return {
          ...named,
          kind: 'updateData',
          statements: body
            .object(['name', 'statements'])
            .statements.list()
            .map((statement) => this.statement(statement)),
        };
      case 'setParticipantData':
        return {
          ...named,
          kind: 'setParticipantData',
          attributes: body
            .object(['name', 'attributes'])
            .attributes.list()
            .map((entry) => this.attribute(entry)),
        };
      case 'loop': {
        const loop = body.object(['name', 'loopCount', 'currentIndex', 'outputs']);
        return {
          ...named,
          kind: 'loop',
          loopCount: this.value(loop.loopCount, 'integer'),
          currentIndex: this.target(loop.currentIndex, 'integer'),
          body: this.output(loop.outputs.object(['loop']).loop),
        };
      }
      case 'loopNext':
      case 'loopExit':
        body.object(['name']);
        return { ...named, kind: key };
      case 'transferToAcd':
        return { ...named, ...this.transferToAcd(body) };
      case 'transferToFlowSecure':
        return { ...named, ...this.transferToFlowSecure(body) };
      case 'transferToNumber':
        return { ...named, ...this.transferToNumber(body) };
      case 'transferToFlow':
        return { ...named, ...this.transferToFlow(body) };
      case 'disconnect':
        body.object(['name']);
        return { ...named, kind: 'disconnect' };
      case 'jumpToTask':
        return { ...named, kind: 'jumpToTask', task: this.jumpTarget(body.object(['name', 'targetTaskRef']).targetTaskRef) };
      default:
        return item.fail(`unknown action ${key}`);
    }
  }

  /** `/<flow type>/tasks/task[<refId>]`, the form `startUpRef` takes. */
  private jumpTarget(tree: Tree): string {
    const refId = new RegExp(`^/${this.type}/tasks/task\\[(.+)\\]$`).exec(tree.string())?.[1];
    if (refId === undefined) return tree.fail(`targetTaskRef ${JSON.stringify(tree.value)} is not a task of this flow`);
    this.jumps.set(refId, tree);
    return refId;
  }

  /** docs/genesys.md §2.1. Timeouts are read but not observable: a caller entry is keys or silence. */
  private collectInput(body: Tree) {
    const fields = body.object(
      [
        'name',
        'inputData',
        'digits',
        'includeTerminatingDtmfInResultData',
        'interDigitTimeout',
        'noEntryTimeout',
        'inputAudio',
        'acceptJustStar',
        'acceptJustPound',
        'verificationType',
        'outputs',
      ],
      ['name', 'inputData', 'digits', 'outputs'],
    );
    if (fields.interDigitTimeout) this.value(fields.interDigitTimeout, 'duration');
    if (fields.noEntryTimeout) this.value(fields.noEntryTimeout, 'duration');
    // Literal flags only: whether a lone `*` or `#` is an entry (collect-input.ts).
    const acceptLone = new Set<string>();
    if (fields.acceptJustStar && this.literalFlag(fields.acceptJustStar)) acceptLone.add('*');
    if (fields.acceptJustPound && this.literalFlag(fields.acceptJustPound)) acceptLone.add('#');
    fields.verificationType?.exactly('none');
    const outputs = fields.outputs.object(['success', 'failure']);
    return {
      kind: 'collectInput' as const,
      variable: this.target(fields.inputData, 'string'),
      digits: this.digits(fields.digits),
      includeTerminator: fields.includeTerminatingDtmfInResultData?.boolean() ?? false,
      acceptLone,
      prompt: fields.inputAudio ? this.audio(fields.inputAudio) : silence(body.where),
      success: this.output(outputs.success),
      failure: this.output(outputs.failure),
    };
  }

  private digits(tree: Tree): Digits {
    const [form, value] = tree.single();
    if (form === 'exact') return { kind: 'exact', count: positiveInteger(value) };
    if (form !== 'range') return tree.fail(`unknown digits form ${form}`);
    const range = value.object(['min', 'max', 'terminatingDtmf'], ['min', 'max']);
    const digits: Digits = { kind: 'range', min: positiveInteger(range.min), max: positiveInteger(range.max) };
    if (range.terminatingDtmf) {
      const terminator = /^digit_([#*])$/.exec(range.terminatingDtmf.string())?.[1];
      if (terminator === undefined)
        range.terminatingDtmf.fail(`terminator ${JSON.stringify(range.terminatingDtmf.value)} is not modelled (digit_# or digit_*)`);
      digits.terminator = terminator as '#' | '*';
    }
    if (digits.min > digits.max) tree.fail('min is above max');
    return digits;
  }

  /**
   * docs/genesys.md §2.3: category → integration → `dataAction` → action name → inputs and outputs.
   * A secure data action is found only by Call Secure Data, and a plain one only by Call Data: the
   * Architect core looks actions up with `secure=true` or `secure=false`
   * (npm purecloud-flow-scripting-api-sdk-javascript@0.0.18, DataActionManager and SecureActionManager).
   * Call Secure Data exists only in secure flows (https://help.mypurecloud.com/articles/call-secure-data-action/).
   */
  private callData(body: Tree, secure: boolean) {
    const fields = body.object(['name', 'processingPrompt', 'timeout', 'category', 'outputs'], ['name', 'category', 'outputs']);
    // An audio prompt during the wait (docs/genesys.md §4.1 item 3) is not modelled.
    if (fields.processingPrompt) noValue(fields.processingPrompt);
    const [, integration] = fields.category.single();
    const [actionName, use] = integration.object(['dataAction']).dataAction.single();
    const dataAction = this.dataActions.get(actionName);
    if (!dataAction) return integration.fail(`no data action named ${JSON.stringify(actionName)} among the data action files`);
    if (dataAction.secure !== secure)
      integration.fail(
        `${dataAction.file} is ${dataAction.secure ? 'a secure' : 'not a secure'} data action; Genesys finds it only with ${dataAction.secure ? 'callDataSecure' : 'callData'}`,
      );
    if (secure && this.type !== 'secureCall') body.fail('callDataSecure exists only in secure call flows');
    const io = use.object(['inputs', 'successOutputs', 'failureOutputs'], ['inputs', 'successOutputs']);
    if (io.failureOutputs) for (const key of io.failureOutputs.keys()) noValue(io.failureOutputs.child(key));
    const outputs = fields.outputs.object(['success', 'failure', 'timeout']);
    return {
      kind: 'callData' as const,
      dataAction,
      ...(fields.timeout ? { timeout: this.value(fields.timeout, 'duration') } : {}),
      inputs: this.inputs(io.inputs, dataAction),
      successOutputs: this.successOutputs(io.successOutputs, dataAction),
      success: this.output(outputs.success),
      failure: this.output(outputs.failure),
      timedOut: this.output(outputs.timeout),
    };
  }

  private inputs(tree: Tree, dataAction: DataAction): Map<string, Source> {
    const inputs = new Map<string, Source>();
    for (const name of tree.keys()) {
      if (!dataAction.inputs.has(name)) tree.child(name).fail(`input ${name} is not in the contract of ${dataAction.file}`);
      inputs.set(name, this.value(tree.child(name), 'any'));
    }
    const missing = [...dataAction.inputs].find(([name, input]) => input.required && !inputs.has(name));
    if (missing) tree.fail(`required input ${missing[0]} of ${dataAction.file} has no value`);
    return inputs;
  }

  private successOutputs(tree: Tree, dataAction: DataAction): Map<string, string> {
    const outputs = new Map<string, string>();
    for (const name of tree.keys()) {
      const type = dataAction.outputs.get(name);
      if (type === undefined) return tree.child(name).fail(`output ${name} is not in the contract of ${dataAction.file}`);
      outputs.set(name, this.target(tree.child(name), VARIABLE_FOR_SCHEMA[type]));
    }
    return outputs;
  }

  private statement(tree: Tree) {
    const [kind, body] = tree.single();
    const type = STATEMENT_KINDS[kind];
    if (type === undefined) return tree.fail(`unknown updateData statement ${kind}`);
    const fields = body.object(['variable', 'value']);
    const variable = fields.variable.string();
    this.checkVariable(fields.variable, variable, type);
    return { type, variable, value: this.value(fields.value, type) };
  }

  private attribute(tree: Tree) {
    const fields = tree.object(['attribute']).attribute.object(['name', 'value']);
    return { name: this.value(fields.name, 'string'), value: this.value(fields.value, 'string') };
  }

  /** docs/genesys.md §2.10. Preferred agents, language skill and direct agent are not modelled. */
  private transferToAcd(body: Tree) {
    const fields = body.object(
      [
        'name',
        'targetQueue',
        'priority',
        'preferredAgents',
        'languageSkill',
        'acdSkills',
        'directAgent',
        'preTransferAudio',
        'failureTransferAudio',
        'failureOutputs',
        'outputs',
      ],
      ['name', 'targetQueue', 'priority', 'outputs'],
    );
    for (const unmodelled of [fields.preferredAgents, fields.languageSkill, fields.directAgent]) if (unmodelled) noValue(unmodelled);
    if (fields.failureOutputs) this.noFailureOutputs(fields.failureOutputs);
    const skills =
      !fields.acdSkills || fields.acdSkills.has('noValue')
        ? []
        : fields.acdSkills.list().map((item) => this.value(item.object(['acdSkill']).acdSkill, 'skill'));
    if (fields.acdSkills?.has('noValue')) noValue(fields.acdSkills);
    return {
      kind: 'transferToAcd' as const,
      queue: this.value(fields.targetQueue, 'queue'),
      priority: this.value(fields.priority, 'integer'),
      skills,
      preTransferAudio: fields.preTransferAudio ? this.audio(fields.preTransferAudio) : silence(body.where),
      failureTransferAudio: fields.failureTransferAudio ? this.audio(fields.failureTransferAudio) : silence(body.where),
      failure: this.output(fields.outputs.object(['failure']).failure),
    };
  }

  /** docs/genesys.md §2.13. The connect timeout and invocation data are read but not observable. */
  private transferToFlowSecure(body: Tree) {
    const fields = body.object(
      ['name', 'targetFlow', 'connectTimeout', 'invocationData', 'preTransferAudio', 'failureTransferAudio', 'failureOutputs', 'outputs'],
      ['name', 'targetFlow', 'outputs'],
    );
    if (this.type !== 'inboundCall') body.fail('a transfer to a secure flow is modelled only from the inbound call flow');
    if (fields.connectTimeout) this.value(fields.connectTimeout, 'duration');
    if (fields.invocationData) this.value(fields.invocationData, 'string');
    if (fields.failureOutputs) this.noFailureOutputs(fields.failureOutputs);
    return {
      kind: 'transferToFlowSecure' as const,
      targetFlow: fields.targetFlow.object(['name']).name.string(),
      preTransferAudio: fields.preTransferAudio ? this.audio(fields.preTransferAudio) : silence(body.where),
      failureTransferAudio: fields.failureTransferAudio ? this.audio(fields.failureTransferAudio) : silence(body.where),
      failure: this.output(fields.outputs.object(['failure']).failure),
    };
  }

  /** docs/genesys.md §2.14: the number as a literal or an expression, the prompt as pre-transfer audio. */
  private transferToNumber(body: Tree) {
    const fields = body.object(['name', 'targetNumber', 'preTransferAudio', 'outputs'], ['name', 'targetNumber', 'outputs']);
    return {
      kind: 'transferToNumber' as const,
      targetNumber: this.value(fields.targetNumber, 'string'),
      preTransferAudio: fields.preTransferAudio ? this.audio(fields.preTransferAudio) : silence(body.where),
      failure: this.output(fields.outputs.object(['failure']).failure),
    };
  }

  /** docs/genesys.md §2.14: another flow by name. */
  private transferToFlow(body: Tree) {
    const fields = body.object(['name', 'targetFlow', 'preTransferAudio', 'outputs'], ['name', 'targetFlow', 'outputs']);
    return {
      kind: 'transferToFlow' as const,
      targetFlow: fields.targetFlow.object(['name']).name.string(),
      preTransferAudio: fields.preTransferAudio ? this.audio(fields.preTransferAudio) : silence(body.where),
      failure: this.output(fields.outputs.object(['failure']).failure),
    };
  }

  private noFailureOutputs(tree: Tree): void {
    const outputs = tree.object(['errorType', 'errorMessage'], []);
    for (const output of [outputs.errorType, outputs.errorMessage]) if (output) noValue(output);
  }

  /** docs/genesys.md §2.0: `{tts}`, `{exp}` (audio), or `{noValue: true}` (nothing plays). */
  private audio(tree: Tree): Source {
    const [key, value] = tree.single();
    switch (key) {
      case 'tts':
        return { kind: 'constant', value: { type: 'audio', tts: [value.string()] }, where: tree.where };
      case 'exp':
        return { kind: 'expression', expression: parseExpression(value.string(), value.where), where: value.where };
      case 'noValue':
        value.exactly(true);
        return silence(tree.where);
      default:
        return tree.fail(`unknown audio form ${key}`);
    }
  }

  /** docs/genesys.md §2.0: one of `lit`, `exp`, `noValue`; a `lit` is read as the expected type. */
  private value(tree: Tree, expected: ArchType | 'any'): Source {
    const [key, value] = tree.single();
    switch (key) {
      case 'lit':
        return { kind: 'constant', value: literal(value, expected), where: value.where };
      case 'exp':
        return { kind: 'expression', expression: parseExpression(value.string(), value.where), where: value.where };
      case 'noValue':
        value.exactly(true);
        return { kind: 'constant', value: NOT_SET, where: tree.where };
      default:
        return tree.fail(`unknown value form ${key}`);
    }
  }

  /** A boolean property that must be a literal: its value, read at load time. */
  private literalFlag(tree: Tree): boolean {
    const source = this.value(tree, 'boolean');
    if (source.kind !== 'constant') tree.fail('only a literal true or false is modelled here');
    return JSON.stringify(source.value) === JSON.stringify(booleanValue(true));
  }

  private constant(tree: Tree, expected: ArchType, only: ArchValue): void {
    const source = this.value(tree, expected);
    if (source.kind !== 'constant' || JSON.stringify(source.value) !== JSON.stringify(only))
      tree.fail(`only ${JSON.stringify(only)} is modelled here`);
  }

  /** `{var: Flow.x}`: a declared variable of the type the action writes. */
  private target(tree: Tree, type: VariableType): string {
    const name = tree.object(['var']).var;
    const variable = name.string();
    this.checkVariable(name, variable, type);
    return variable;
  }

  private checkVariable(tree: Tree, name: string, type: VariableType): void {
    const declared = this.variables.get(name);
    if (!declared) tree.fail(`${name} is not declared in this flow`);
    if (declared.type !== type) tree.fail(`${name} is a ${declared.type} variable, written as ${type}`);
  }
}

function literal(tree: Tree, expected: ArchType | 'any'): ArchValue {
  switch (expected) {
    case 'string':
      return stringValue(tree.string());
    case 'integer':
      if (!Number.isInteger(tree.number())) tree.fail('expected an integer');
      return integerValue(tree.number());
    case 'decimal':
      return { type: 'decimal', value: tree.number() };
    case 'boolean':
      return booleanValue(tree.boolean());
    case 'duration':
      return duration(tree);
    case 'queue':
      return { type: 'queue', name: tree.object(['name']).name.string() };
    case 'skill':
      return { type: 'skill', name: tree.object(['name']).name.string() };
    case 'any':
      if (typeof tree.value === 'string') return stringValue(tree.value);
      if (typeof tree.value === 'boolean') return booleanValue(tree.value);
      return Number.isInteger(tree.number()) ? integerValue(tree.number()) : { type: 'decimal', value: tree.number() };
    case 'audio':
    case 'dateTime':
    case 'notSet':
      return tree.fail(`a ${expected} literal is not modelled`);
    default:
      return assertNever(expected);
  }
}

/** docs/genesys.md §2.0: `{ms|seconds|minutes: n}`. */
function duration(tree: Tree): ArchValue {
  const [unit, amount] = tree.single();
  const factor = { ms: 1, seconds: 1000, minutes: 60_000 }[unit];
  if (factor === undefined) return tree.fail(`unknown duration unit ${unit}`);
  return { type: 'duration', ms: amount.number() * factor };
}

function noValue(tree: Tree): void {
  tree.object(['noValue']).noValue.exactly(true);
}

function silence(where: string): Source {
  return { kind: 'constant', value: { type: 'audio', tts: [] }, where };
}

function positiveInteger(tree: Tree): number {
  const value = tree.number();
  if (!Number.isInteger(value) || value < 1) tree.fail('expected a positive integer');
  return value;
}
