import { docUrl } from '../../../util/package-info.js';
import { playedAudio } from '../../../ir/prompt.js';
import type { Artifact } from '../../artifact.js';
import { attributeVariable, caption, counterVariable } from '../conventions.js';
import type { FlowGraph } from '../../../ir/nodes.js';
import {
  CallerScript,
  EngineError,
  MAX_STEPS_PER_CALL,
  PlatformLimit,
  type CallerEntry,
  type Engine,
  type EngineRun,
  type HttpReply,
  type HttpRequest,
  type Recorder,
  type SimulationInput,
} from '../../engine-contract.js';
import { readScript, type StudioAction, type StudioScript } from './script.js';
import { checkVocabulary } from './vocabulary.js';
import { parseExpression, parseSnippet, type Expr } from './snippet-syntax.js';
import { evaluate, interpolate, mayRequest, SnippetFailure, text, type SnippetHost, type SnippetValue } from './snippet-run.js';
import {
  compileExpression,
  compileParts,
  compileSnippet,
  runCompiledSnippet,
  type CompiledExpr,
  type CompiledSnippet,
} from './snippet-compile.js';
import { propertyParts } from './property-text.js';
import { runRestApiAction } from './rest-api-action.js';

/** What the engine needs from the graph: names only, never behaviour. */
interface NameMaps {
  /** Caption (the label before `:`) to spec step id. */
  steps: Map<string, string>;
  /** Skill as written in the script to spec queue id. */
  queues: Map<string, string>;
  /** Studio variable to spec attribute name. */
  attributes: Map<string, string>;
  /** Attempt counter variable to retry step id. */
  counters: Map<string, string>;
  /** Step id to the endpoint its http step calls. */
  endpoints: Map<string, string>;
}

/**
 * Runs the Studio script ivrflow emits (docs/cxone.md), action by action, with the Snippet code
 * interpreted. REQAGENT takes one skill, so a route's skills cannot be observed; a failed transfer
 * has no branch without a tenant catalog (a PlatformLimit).
 */
export function createCxoneEngine(artifacts: readonly Artifact[], graph: FlowGraph): Engine {
  const script = readScript(artifacts);
  checkVocabulary(script);
  const names = nameMaps(graph);
  const compiled = new CompiledScript(script);
  return {
    name: 'cxone',
    limits: ['routeSkills', 'bodyValuesAsText', 'wholeSecondTimeouts'],
    run: (input, recorder) => new CxoneCall(script, compiled, names, input, recorder).run(),
  };
}

function nameMaps(graph: FlowGraph): NameMaps {
  const skills = graph.targets.cxone?.skills ?? {};
  return {
    steps: new Map(graph.nodes.map((node) => [caption(node.id), node.id])),
    queues: new Map(graph.queues.map((queue) => [String(skills[queue.id] ?? queue.id), queue.id])),
    attributes: new Map(
      graph.nodes.flatMap((node) =>
        node.kind === 'setAttributes'
          ? node.attributes.map((attribute) => [attributeVariable(attribute.name), attribute.name] as const)
          : [],
      ),
    ),
    counters: new Map(graph.nodes.flatMap((node) => (node.kind === 'retry' ? [[counterVariable(node.id), node.id] as const] : []))),
    endpoints: new Map(graph.nodes.flatMap((node) => (node.kind === 'http' ? [[node.id, node.endpoint] as const] : []))),
  };
}

/**
 * Snippets and IF expressions parsed and compiled once per script (snippet-compile.ts), so a
 * thousand calls parse and walk no syntax tree; what each
 * call would otherwise re-derive from an action's constant properties (its location, its ASSIGN
 * Value, its Sequence's segments, its caption) is kept per action the first time it is read. The
 * spoken text itself is not: a TTS segment may hold `{variables}` (spec 1.1 prompts), read at each call.
 */
class CompiledScript {
  private readonly snippets = new Map<string, CompiledSnippet>();
  private readonly expressions = new Map<string, Expr>();
  private readonly conditions = new Map<string, CompiledExpr>();
  private readonly locations = new Map<string, string>();
  private readonly values = new Map<string, (host: SnippetHost) => string>();
  private readonly captions = new Map<string, string>();
  private readonly sequences = new Map<string, SpokenSegment[]>();

  /** Every Snippet and IF expression is parsed here, so code the engine cannot read fails when it is built. */
  constructor(private readonly script: StudioScript) {
    for (const action of script.actions.values()) {
      if (action.name === 'SNIPPET')
        this.snippets.set(action.id, compileSnippet(parseSnippet(required(action, 'Data', script), where(script, action))));
      if (action.name === 'IF') this.addCondition(action);
    }
  }

  /** An IF's Expression; compiled unless it may send a request, which `holds` refuses when a call reaches it. */
  private addCondition(action: StudioAction): void {
    const expression = parseExpression(required(action, 'Expression', this.script), where(this.script, action));
    this.expressions.set(action.id, expression);
    if (!mayRequest(expression)) this.conditions.set(action.id, compileExpression(expression));
  }

  snippet(action: StudioAction): CompiledSnippet {
    return this.snippets.get(action.id)!;
  }

  expression(action: StudioAction): Expr {
    return this.expressions.get(action.id)!;
  }

  /** The compiled IF Expression; undefined for one that may send a request. */
  condition(action: StudioAction): CompiledExpr | undefined {
    return this.conditions.get(action.id);
  }

  where(action: StudioAction): string {
    return once(this.locations, action, () => where(this.script, action));
  }

  /** An ASSIGN's Value with its `{var}` substitutions compiled. */
  value(action: StudioAction): (host: SnippetHost) => string {
    return once(this.values, action, () => compileParts(propertyParts(required(action, 'Value', this.script, true))));
  }

  /** A PLAY or MENU's Sequence as segments (`spokenSegments`). */
  sequence(action: StudioAction): SpokenSegment[] {
    return once(this.sequences, action, () => spokenSegments(required(action, 'Sequence', this.script), this.where(action)));
  }

  /** The label before `:`, which names the spec step (`Collect Otp: keep digits` → `Collect Otp`). */
  caption(action: StudioAction): string {
    return once(this.captions, action, () => action.label.split(':')[0]!);
  }
}

/** The value kept for an action, built on first use; a build that throws keeps nothing. */
function once<T>(cache: Map<string, T>, action: StudioAction, build: () => T): T {
  let value = cache.get(action.id);
  if (value === undefined) {
    value = build();
    cache.set(action.id, value);
  }
  return value;
}

class CxoneCall {
  private readonly variables = new Map<string, SnippetValue>();
  private readonly caller: CallerScript;
  private step: string | undefined;

  constructor(
    private readonly script: StudioScript,
    private readonly compiled: CompiledScript,
    private readonly names: NameMaps,
    private readonly input: SimulationInput,
    private readonly recorder: Recorder,
  ) {
    this.caller = new CallerScript(input.caller, recorder);
  }

  *run(): EngineRun {
    let current: string | undefined = this.script.begin;
    for (let count = 0; current !== undefined; count += 1) {
      if (count >= MAX_STEPS_PER_CALL) throw new EngineError(`more than ${MAX_STEPS_PER_CALL} actions in one call`, this.script.file);
      const action = this.script.actions.get(current);
      if (!action) throw new EngineError(`a branch leads to action ${current}, which does not exist`, this.script.file);
      this.enter(action);
      const next = this.execute(action);
      current = typeof next === 'object' ? yield* next : next;
    }
  }

  /** Records the spec step an action belongs to, from its label (`Collect Otp: keep digits` → collectOtp). */
  private enter(action: StudioAction): void {
    const step = this.names.steps.get(this.compiled.caption(action));
    if (step !== undefined && step !== this.step) this.recorder.step(step);
    this.step = step ?? this.step;
  }

  /** What a PLAY or MENU says, its variables read now. */
  private spoken(action: StudioAction): string {
    const host = this.host(action, undefined);
    return this.compiled
      .sequence(action)
      .map((segment) => ('audio' in segment ? segment.audio : segment.tts(host)))
      .join(' ');
  }

  /**
   * Runs one action; returns the next action id, or undefined when the call left the script. An
   * action that may send a request (SNIPPET, RESTAPI) returns the run that does, started by the
   * caller: the others need no generator, and one per action was a large part of a call's cost.
   */
  private execute(action: StudioAction): string | undefined | Generator<HttpRequest, string | undefined, HttpReply> {
    switch (action.name) {
      case 'BEGIN':
        return this.follow(action);
      case 'PLAY':
        this.recorder.prompt(this.spoken(action));
        return this.follow(action);
      case 'MENU':
        return this.menu(action);
      case 'CAPTURE':
        return this.capture(action);
      case 'ASSIGN':
        this.assign(action);
        return this.follow(action);
      case 'IF':
        return this.follow(action, this.holds(action) ? 'True' : 'False');
      case 'CASE':
        return this.caseBranch(action);
      case 'SNIPPET':
        return this.snippet(action);
      case 'REQAGENT':
        return this.requestAgent(action);
      case 'RESTAPI':
        return this.restApi(action);
      case 'HANGUP':
        this.recorder.end({ kind: 'disconnect' });
        return undefined;
      case 'TRANSFER':
        return this.transferToNumber(action);
      case 'RUNSCRIPT':
        return this.runScript(action);
      default:
        throw new EngineError(`unknown action ${action.name}`, this.where(action));
    }
  }

  /**
   * MENU (docs/cxone.md §2, §6.3): keys are read until the terminator or MaxDigits keys, the
   * terminator counting toward MaxDigits and `-` stripping it from Variable. UNVERIFIED for MENU
   * (HELP states both rules for CAPTURE only). Silence leaves Variable empty and takes Default; an
   * entry equal to a case label takes that case (docs/cxone.md §6.3, NICE's MENU.xml `<Cases>`).
   */
  private menu(action: StudioAction): string | undefined {
    this.recorder.prompt(this.spoken(action));
    const maxDigits = Number(required(action, 'MaxDigits', this.script));
    const terminator = (action.properties.get('Terminator') ?? '').replace(/-$/, '');
    const strip = (action.properties.get('Terminator') ?? '').endsWith('-');
    const entered = collect(this.caller.take(this.step ?? action.label), maxDigits, terminator, strip);
    this.variables.set(required(action, 'Variable', this.script), entered);
    const matched = action.branches.find((branch) => branch.type === 'case' && branch.label === entered);
    return matched ? matched.to : this.follow(action);
  }

  /**
   * CAPTURE (docs/cxone.md §2, HELP actionscx/capture): no prompt of its own; MaxDigits counts
   * the terminator, `-` strips it; the branch says how the entry ended (Timeout when nothing came).
   */
  private capture(action: StudioAction): string | undefined {
    const setting = action.properties.get('Terminator') ?? '';
    const terminator = setting.replace(/-$/, '');
    const maxDigits = Number(required(action, 'MaxDigits', this.script));
    const entry = this.caller.take(this.step ?? action.label);
    const digits = collect(entry, maxDigits, terminator, setting.endsWith('-'));
    this.variables.set(required(action, 'Variable', this.script), digits);
    const label =
      entry.kind === 'silence'
        ? 'Timeout'
        : terminator !== '' && entry.keys.slice(0, maxDigits).includes(terminator)
          ? 'Terminator'
          : digits.length >= maxDigits
            ? 'MaxDigits'
            : 'InterDigitTimeout';
    const branch = action.branches.find((candidate) => candidate.type === 'branch' && candidate.label === label);
    return branch ? branch.to : this.follow(action);
  }

  /** ASSIGN: Value with `{var}` substituted; Numeric evaluates `a+b` sums. ScreenPop makes it an interaction attribute (docs/cxone.md §4). */
  private assign(action: StudioAction): void {
    const variable = required(action, 'Variable', this.script);
    const host = this.host(action, undefined);
    let value: SnippetValue = this.compiled.value(action)(host);
    if (action.properties.get('Type') === 'Numeric') value = numeric(value, this.where(action));
    this.variables.set(variable, value);
    const retry = this.names.counters.get(variable);
    if (retry !== undefined && typeof value === 'number' && value > 0) this.recorder.attempt(retry, value);
    if (action.properties.get('ScreenPop') === 'True')
      this.recorder.attribute(this.names.attributes.get(variable) ?? variable, text(value, host));
  }

  /** IF: the Expression is a Snippet condition; it calls nothing, so it never yields. */
  private holds(action: StudioAction): boolean {
    const condition = this.compiled.condition(action);
    const host = this.host(action, undefined);
    const result = condition ? { done: true, value: condition(host) } : evaluate(this.compiled.expression(action), host).next();
    if (!result.done || typeof result.value !== 'boolean') throw new EngineError('an IF expression is not a condition', this.where(action));
    return result.value;
  }

  /** CASE: the variable's text against each case label, exactly; no match takes Default. UNVERIFIED: case sensitivity. */
  private caseBranch(action: StudioAction): string | undefined {
    const host = this.host(action, undefined);
    const value = text(this.variables.get(required(action, 'Variable', this.script)) ?? '', host);
    const matched = action.branches.find((branch) => branch.type === 'case' && branch.label === value);
    return matched ? matched.to : this.follow(action);
  }

  private *snippet(action: StudioAction): Generator<HttpRequest, string | undefined, HttpReply> {
    const host = this.host(action, this.step === undefined ? undefined : this.names.endpoints.get(this.step));
    try {
      const run = runCompiledSnippet(this.compiled.snippet(action), host);
      for (let step = run.next(); !step.done;) {
        this.recorder.request(step.value);
        step = run.next(yield step.value);
      }
    } catch (error) {
      if (!(error instanceof SnippetFailure)) throw error;
      return this.follow(action, 'Error');
    }
    return this.follow(action);
  }

  /** A tenant's REST API action, run from the roles of its properties (rest-api-action.ts); its error branch as the catalog names it. */
  private *restApi(action: StudioAction): Generator<HttpRequest, string | undefined, HttpReply> {
    const host = this.host(action, this.step === undefined ? undefined : this.names.endpoints.get(this.step));
    const run = runRestApiAction(action, host);
    let step = run.next();
    while (!step.done) {
      this.recorder.request(step.value);
      step = run.next(yield step.value);
    }
    if (step.value === 'ok') return this.follow(action);
    const error = action.branches.find((branch) => branch.type === 'branch' && /^(on)?error$/i.test(branch.label));
    if (!error) throw new EngineError('the REST API action has no error branch', this.where(action));
    return error.to;
  }

  /**
   * TRANSFER dials Destination (`{var}` substituted); an empty one takes OnInvalidNumber, a refused
   * transfer OnDialingError. Once the far end answers, Studio no longer controls the call: the END
   * after Default is not run (https://help.nicecxone.com/content/studio/actions/transfer/transfer.htm).
   */
  private transferToNumber(action: StudioAction): string | undefined {
    const destination = text(
      interpolate(propertyParts(required(action, 'Destination', this.script, true)), this.host(action, undefined)),
      this.host(action, undefined),
    );
    if (destination === '') return this.follow(action, 'OnInvalidNumber');
    if (this.input.transfer === 'fails') return this.follow(action, 'OnDialingError');
    this.recorder.end({ kind: 'transfer', to: 'number', target: destination });
    return undefined;
  }

  /** RUNSCRIPT ends this script and starts ScriptName; it has no failure branch (docs/cxone.md, unverified list). */
  private runScript(action: StudioAction): string | undefined {
    if (this.input.transfer === 'fails')
      throw new PlatformLimit(
        `CXone's RUNSCRIPT has no failure branch, so a failed transfer to a flow cannot be modelled (${docUrl('cxone.md')})`,
      );
    this.recorder.end({ kind: 'transfer', to: 'flow', target: required(action, 'ScriptName', this.script) });
    return undefined;
  }

  /** REQAGENT queues the call at InitialPriority; the MUSIC loop after it is the caller waiting. */
  private requestAgent(action: StudioAction): string | undefined {
    const skill = required(action, 'Skill', this.script);
    const queue = this.names.queues.get(skill);
    if (queue === undefined) throw new EngineError(`skill \`${skill}\` is no queue of the flow`, this.where(action));
    if (this.input.transfer === 'fails') {
      const failure = action.branches.find((branch) => branch.type === 'branch');
      if (!failure)
        throw new PlatformLimit(
          `REQAGENT has no failure branch without a tenant catalog: the caller would wait in queue, so onFailure cannot run (${docUrl('cxone.md')})`,
        );
      return failure.to;
    }
    this.recorder.end({ kind: 'route', queue, priority: Number(required(action, 'InitialPriority', this.script)), skills: [] });
    return undefined;
  }

  private follow(action: StudioAction, label?: string): string {
    const branch =
      label === undefined
        ? action.branches.find((candidate) => candidate.type === 'default')
        : action.branches.find((candidate) => candidate.type === 'branch' && candidate.label === label);
    if (!branch) throw new EngineError(`${action.name} has no ${label === undefined ? 'Default' : label} branch`, this.where(action));
    return branch.to;
  }

  private host(action: StudioAction, endpoint: string | undefined): SnippetHost {
    return { variables: this.variables, system: this.system, endpoint, where: this.where(action) };
  }

  private readonly system = (name: string): string | undefined => systemVariable(name, this.input);

  private where(action: StudioAction): string {
    return this.compiled.where(action);
  }
}

/** HELP reservedvariables; `gmt` is the time in RFC 1123 form (docs/cxone.md). */
function systemVariable(name: string, input: SimulationInput): string | undefined {
  switch (name) {
    case 'ContactID':
      return input.call.id;
    case 'ANI':
      return input.call.ani;
    case 'DNIS':
      return input.call.dnis;
    case 'gmt':
      return gmtOf(input.call.timestamp);
    default:
      return undefined;
  }
}

/** Every call of a batch usually has the same timestamp: its RFC 1123 form is computed once. */
let lastGmt: { timestamp: string; gmt: string } | undefined;
function gmtOf(timestamp: string): string {
  if (lastGmt?.timestamp !== timestamp) lastGmt = { timestamp, gmt: new Date(timestamp).toUTCString() };
  return lastGmt.gmt;
}

function collect(entry: CallerEntry, maxDigits: number, terminator: string, strip: boolean): string {
  if (entry.kind === 'silence') return '';
  let collected = '';
  for (const key of entry.keys) {
    if (terminator !== '' && key === terminator) return strip ? collected : collected + key;
    collected += key;
    if (collected.length >= maxDigits) break;
  }
  return collected;
}

/** One segment of a Sequence: TTS text with its `{variables}` still to read, or a prerecorded prompt's name. */
type SpokenSegment = { tts: (host: SnippetHost) => string } | { audio: string };

/**
 * A Sequence (docs/cxone.md §2 PLAY) as the caller hears it, once its segments are spoken (joined
 * by a space): TTS segments `"%text"` with their `{variables}` substituted, and prerecorded files
 * `"name.wav"` as the prompt's name (the engine has no recording).
 */
function spokenSegments(sequence: string, at: string): SpokenSegment[] {
  const segments = [...sequence.matchAll(/"(%[^"]*|[A-Za-z][A-Za-z0-9_]*\.wav)"/g)].map((match) => match[1]!);
  if (segments.length === 0 || sequence.replace(/"(%[^"]*|[A-Za-z][A-Za-z0-9_]*\.wav)"/g, '').trim() !== '')
    throw new EngineError(`a Sequence other than TTS segments and WAV files: ${sequence}`, at);
  return segments.map((segment) =>
    segment.startsWith('%')
      ? { tts: compileParts(propertyParts(segment.slice(1))) }
      : { audio: playedAudio(segment.slice(0, -'.wav'.length)) },
  );
}

/** Numeric ASSIGN: a number or a sum such as `2+1`. UNVERIFIED: an empty value stays empty. */
function numeric(value: SnippetValue, at: string): SnippetValue {
  const source = String(value).trim();
  if (source === '') return '';
  if (!NUMERIC_SUM.test(source)) throw new EngineError(`a Numeric ASSIGN of \`${source}\``, at);
  let sum = 0;
  for (const term of source.match(NUMERIC_TERM)!) sum += Number(term);
  return sum;
}

const NUMERIC_SUM = /^-?[0-9]+(\.[0-9]+)?([+-][0-9]+(\.[0-9]+)?)*$/;
const NUMERIC_TERM = /[+-]?[0-9]+(\.[0-9]+)?/g;

function required(action: StudioAction, property: string, script: StudioScript, allowEmpty = false): string {
  const value = action.properties.get(property);
  if (value === undefined || (!allowEmpty && value === ''))
    throw new EngineError(`${action.name} without ${property}`, where(script, action));
  return value;
}

function where(script: StudioScript, action: StudioAction): string {
  return `${script.file}: action ${action.id} ${action.name} "${action.label}"`;
}
