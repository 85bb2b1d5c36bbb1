/**
 * What every simulation engine shares: the call it is given, the HTTP exchange it drives, and the
 * record of what a caller, an endpoint and the ACD could observe. Engines differ in what they
 * interpret (the IR, the Archy YAML, the Studio JSON); the record is the common language in which
 * their verdicts are compared.
 */

import { TARGET_NAMES, type TargetName } from '../flowspec/targets.js';

/** The engines `ivrflow test` runs: the reference engine on the IR (`spec`), then one per target. */
export type EngineName = 'spec' | TargetName;
export const ENGINE_NAMES: readonly EngineName[] = ['spec', ...TARGET_NAMES];

/** The platform's view of the call. Values are passed to the flow as the platform presents them. */
export interface CallData {
  /** Caller number (`call.ani`). */
  ani: string;
  /** Number dialled (`call.dnis`). */
  dnis: string;
  /** Interaction / conversation / contact id (`call.id`). */
  id: string;
  /** When the call is handled, an ISO 8601 instant (`call.timestamp`); each engine renders it as its platform does. */
  timestamp: string;
}

/** What the caller does at one gather: key a DTMF string (digits, `*`, `#`), or nothing until the timeout. */
export type CallerEntry = { kind: 'keys'; keys: string } | { kind: 'silence' };

export interface SimulationInput {
  call: CallData;
  /** One entry per gather, in order. A gather with no entry left is a scenario error. */
  caller: readonly CallerEntry[];
  /** Whether the ACD accepts a transfer to a queue, and the far end a transfer to a number or a flow. */
  transfer: 'succeeds' | 'fails';
}

/** A request as the endpoint receives it. */
export interface HttpRequest {
  /** The spec's endpoint id. */
  endpoint: string;
  method: string;
  url: string;
  /** Header names lower-cased. Secrets appear as `<secret:NAME>` (see `secretStandIn`). */
  headers: Record<string, string>;
  /** The body text as sent, or undefined for none. */
  body?: string;
  /** The timeout the platform applies to this request, in seconds. */
  timeoutSeconds: number;
  /**
   * Set when the platform itself sends the previous request to this endpoint again, byte for
   * byte (1 = its first repeat), as CXone's REST API action does after a failure answer. The flow
   * made one call: a repeat is not compared between engines, and a canned reply answers it as it
   * answered the request it repeats.
   */
  platformRepeat?: number;
}

/** What came back: an answer (any status), nothing in time, or a failed connection. */
export type HttpReply = { kind: 'response'; status: number; body: string } | { kind: 'timeout' } | { kind: 'networkError' };

/** What a simulated platform puts where a secret's value would go. Never a real value. */
export function secretStandIn(secret: string): string {
  return `<secret:${secret}>`;
}

export type RouteEnd = { kind: 'route'; queue: string; priority: number; skills: readonly string[] };
/** A transfer out of the flow (spec 1.1): the number dialled, as dialled, or the flow's name. */
export type TransferEnd = { kind: 'transfer'; to: 'number' | 'flow'; target: string };
/** How the call left the flow: queued (queue is the spec's queue id), transferred out, or disconnected. */
export type CallEnd = RouteEnd | TransferEnd | { kind: 'disconnect' };

/** Observable events in order. `step` is context (which spec step an engine was in), not compared. */
export type SimEvent =
  | { kind: 'step'; step: string }
  | { kind: 'prompt'; text: string }
  | { kind: 'request'; request: HttpRequest }
  | { kind: 'attribute'; name: string; value: string }
  | { kind: 'transition'; from: string; name: string; to: string }
  /** What the endpoint answered; recorded by the driver, for transcripts only (every engine gets the same). */
  | { kind: 'reply'; reply: HttpReply };

/** Collects what an engine observes. Engines call it; the runner reads `record()`. */
export class Recorder {
  readonly events: SimEvent[] = [];
  readonly attempts = new Map<string, number>();
  /** Each caller entry a gather took, in order, with the spec id of that gather (`CallerScript`). */
  readonly inputs: { gather: string; entry: CallerEntry }[] = [];
  private ended: CallEnd | undefined;

  step(step: string): void {
    this.events.push({ kind: 'step', step });
  }
  /** Only the spec engine knows transitions by their spec names; coverage is measured from it. */
  transition(from: string, name: string, to: string): void {
    this.events.push({ kind: 'transition', from, name, to });
  }
  prompt(text: string): void {
    this.events.push({ kind: 'prompt', text });
  }
  request(request: HttpRequest): void {
    this.events.push({ kind: 'request', request });
  }
  reply(reply: HttpReply): void {
    this.events.push({ kind: 'reply', reply });
  }
  input(gather: string, entry: CallerEntry): void {
    this.inputs.push({ gather, entry });
  }
  attribute(name: string, value: string): void {
    this.events.push({ kind: 'attribute', name, value });
  }
  /** A retry started its `attempt`-th attempt (1-based); the last one recorded is the count. */
  attempt(retry: string, attempt: number): void {
    this.attempts.set(retry, attempt);
  }
  end(end: CallEnd): void {
    if (this.ended) throw new EngineError(`the call ended twice (${describeEnd(this.ended)}, then ${describeEnd(end)})`);
    this.ended = end;
  }
  get callEnd(): CallEnd | undefined {
    return this.ended;
  }
}

export function describeEnd(end: CallEnd): string {
  if (end.kind === 'transfer') return describeTransfer(end);
  return end.kind === 'route'
    ? `route to ${end.queue} at priority ${end.priority}${end.skills.length > 0 ? ` with ${end.skills.join(', ')}` : ''}`
    : 'disconnect';
}

export function describeTransfer(end: { to: 'number' | 'flow'; target: string }): string {
  return end.to === 'number' ? `transfer to number ${end.target}` : `transfer to flow ${JSON.stringify(end.target)}`;
}

/**
 * A run: the engine yields each HTTP request and is resumed with the reply. Being a generator lets
 * the same engine run on canned replies (synchronously, fast) or against a real server.
 */
export type EngineRun = Generator<HttpRequest, void, HttpReply>;

/** Things a platform's emitted flow never does; the runner does not compare them for that engine. */
export type EngineLimit =
  /** Route skills are not applied (CXone: REQAGENT takes one skill, docs/cxone.md). */
  | 'routeSkills'
  /** Request body values are all sent as JSON strings (CXone: asjson(), docs/cxone.md §3); compared as text. */
  | 'bodyValuesAsText'
  /** Timeouts are whole seconds, rounded up (CXone ProxyTimeoutSeconds, docs/cxone.md); compared rounded up. */
  | 'wholeSecondTimeouts';

/**
 * An error an engine throws as control flow, caught on every run that meets it: it captures no
 * stack trace, which was most of its cost (`Error.stackTraceLimit` is read when an Error is built).
 */
export class ControlFlowError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/**
 * The call reached something the platform cannot do as the spec says (a failed transfer with no
 * failure path on that platform). Not an engine bug and not a failure: the runner reports the
 * scenario as not run on this engine, with this reason.
 */
export class PlatformLimit extends ControlFlowError {
  constructor(reason: string) {
    super(reason);
    this.name = 'PlatformLimit';
  }
}

export interface Engine {
  name: EngineName;
  limits: readonly EngineLimit[];
  /** Runs one call. Must end by calling `recorder.end`, or throw `EngineError`, `PlatformLimit` or `CallerInputExhausted`. */
  run(input: SimulationInput, recorder: Recorder): EngineRun;
}

/**
 * The engine met something it does not know (an action, an expression function, a Snippet
 * statement) or an artifact that contradicts itself. `where` says where in the artifact.
 */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${message} (at ${where})` : message);
    this.name = 'EngineError';
  }
}

/** The flow asked for more caller input than the scenario gives: a scenario problem, not an engine one. */
export class CallerInputExhausted extends Error {
  constructor(readonly gather: string) {
    super(`the flow reached gather ${gather} but the scenario has no caller entry left`);
    this.name = 'CallerInputExhausted';
  }
}

/** Hands out caller entries one per gather, and tells the recorder which gather took which (the runtime leak check reads it). */
export class CallerScript {
  private next = 0;
  constructor(
    private readonly entries: readonly CallerEntry[],
    private readonly recorder?: Recorder,
  ) {}
  take(gather: string): CallerEntry {
    const entry = this.entries[this.next];
    if (!entry) throw new CallerInputExhausted(gather);
    this.next += 1;
    this.recorder?.input(gather, entry);
    return entry;
  }
}

/** Upper bound on engine steps for one call: a flow that loops forever is an engine error, not a hang. */
export const MAX_STEPS_PER_CALL = 10_000;
