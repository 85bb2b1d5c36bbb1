import type { CallData, SimulationInput } from '../../targets/engine-contract.js';

/** A scenario file as written (checked against schemas/ivrflow-test.schema.json). */
export interface ScenarioFileSpec {
  ivrflowTest: 1;
  defaults?: ScenarioDefaultsSpec;
  scenarios: ScenarioSpec[];
}

export interface ScenarioDefaultsSpec {
  call?: Partial<CallData>;
  endpoints?: Record<string, ReplySpec | ReplySpec[]>;
  transfer?: SimulationInput['transfer'];
}

export interface ScenarioSpec extends ScenarioDefaultsSpec {
  name: string;
  description?: string;
  caller?: string[];
  expect: ExpectSpec;
}

export type ReplySpec = 'timeout' | 'networkError' | { status: number; body?: unknown; delaySeconds?: number };

export interface ExpectSpec {
  route?: { queue: string; priority?: number; skills?: string[] };
  transfer?: { number: string } | { flow: string };
  disconnect?: true;
  attributes?: Record<string, string>;
  prompts?: string[];
  attempts?: Record<string, number>;
  requests?: Record<string, RequestExpectation[]>;
}

export interface RequestExpectation {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** A reply the runner gives: the canned answer, before its delay is weighed against the timeout. */
export type ScriptedReply =
  { kind: 'timeout' } | { kind: 'networkError' } | { kind: 'response'; status: number; body: string; delaySeconds: number };

/** Per endpoint: one reply for every request, or one per request in order. */
export type ReplyPlan = { kind: 'every'; reply: ScriptedReply } | { kind: 'sequence'; replies: readonly ScriptedReply[] };

/** The expected end: the queue, and the priority and skills when the scenario gives them. */
export type ExpectedEnd =
  | { kind: 'route'; queue: string; priority?: number; skills?: readonly string[] }
  | { kind: 'transfer'; to: 'number' | 'flow'; target: string }
  | { kind: 'disconnect' };

export interface Expectation {
  end: ExpectedEnd;
  attributes?: Readonly<Record<string, string>>;
  /** Resolved from step ids to the text each step plays. */
  prompts?: readonly { step: string; matcher: RegExp }[];
  attempts?: Readonly<Record<string, number>>;
  requests?: Readonly<Record<string, readonly RequestExpectation[]>>;
}

/** A scenario ready to run. `index` is its position in the file, for locating it. */
export interface Scenario {
  name: string;
  index: number;
  input: SimulationInput;
  replies: ReadonlyMap<string, ReplyPlan>;
  /** Absent for generated calls, which only check that the engines agree. */
  expect?: Expectation;
  /**
   * The scenario itself fixes `call.timestamp` (not `now`, not a default): a live endpoint gets that
   * instant as written. Otherwise a live endpoint gets the current time, as a platform sends it.
   */
  fixedTimestamp?: boolean;
}
