import { assertNever } from '../../util/assert.js';
import type { LeakWatch } from './sensitive-leaks.js';
import {
  describeEnd,
  describeTransfer,
  type CallEnd,
  type EngineLimit,
  type EngineName,
  type HttpReply,
  type Recorder,
} from '../../targets/engine-contract.js';
import { objectOf, sameObservation, showValue, type NormalizedRequest, type Observation, type ObservedEvent } from './observe.js';
import type { ExpectedEnd, Expectation, RequestExpectation } from '../scenario/types.js';

/** Why a scenario failed on an engine: its expectation, disagreement with the reference engine, or a broken run. */
/** `endpoint`: a live endpoint (`--endpoint`) could not be reached, or answered something the flow cannot read. */
export type FailureKind = 'expectation' | 'divergence' | 'engine' | 'scenario' | 'endpoint' | 'leak';

export interface Failure {
  kind: FailureKind;
  engine: EngineName;
  message: string;
  /** The spec step the engine was in, when known. */
  step?: string;
}

/** One engine's finished run, ready to judge. */
export interface CompletedRun {
  engine: EngineName;
  limits: readonly EngineLimit[];
  recorder: Recorder;
  events: ObservedEvent[];
}

export interface JudgeContext {
  /** `endpoint.field` of request body fields shown redacted. */
  sensitiveFields: ReadonlySet<string>;
  /** Prompt text to the step ids that play it, for readable messages. */
  /** The step that plays a recorded prompt text (a template's values matching any text). */
  promptSteps: { get(text: string): string | undefined };
  /** Each endpoint's success-check field, when it has one: a scripted body without it is a canned fault. */
  successFields?: ReadonlyMap<string, string>;
  /** Where a credential may go; with it, every completed run is checked for a leaked caller entry (sensitive-leaks.ts). */
  leakWatch?: LeakWatch;
}

/** Everything the scenario expects that this run does not do. */
export function checkExpectation(expect: Expectation, run: CompletedRun, context: JudgeContext): Failure[] {
  const failures: string[] = [];
  const end = run.recorder.callEnd!;
  if (!endMatches(expect.end, end, run.limits))
    failures.push(`expected the call to end with ${describeExpectedEnd(expect.end)}, but it ended with ${describeEnd(end)}`);
  if (expect.attributes) failures.push(...attributeProblems(expect.attributes, run.events));
  if (expect.prompts) failures.push(...promptProblems(expect.prompts, run.events, context));
  if (expect.attempts) failures.push(...attemptProblems(expect.attempts, run.recorder.attempts));
  if (expect.requests) failures.push(...requestProblems(expect.requests, run.events, context, run.limits));
  return failures.map((message) => ({ kind: 'expectation', engine: run.engine, message }));
}

function endMatches(expected: ExpectedEnd, actual: CallEnd, limits: readonly EngineLimit[]): boolean {
  if (expected.kind !== 'route' || actual.kind !== 'route') return sameNonRouteEnd(expected, actual);
  if (expected.queue !== actual.queue) return false;
  if (expected.priority !== undefined && expected.priority !== actual.priority) return false;
  return expected.skills === undefined || limits.includes('routeSkills') || sameList(expected.skills, actual.skills);
}

function sameNonRouteEnd(expected: ExpectedEnd, actual: CallEnd): boolean {
  if (expected.kind === 'transfer' && actual.kind === 'transfer') return expected.to === actual.to && expected.target === actual.target;
  return expected.kind === actual.kind;
}

function describeExpectedEnd(end: ExpectedEnd): string {
  if (end.kind === 'disconnect') return 'disconnect';
  if (end.kind === 'transfer') return describeTransfer(end);
  const priority = end.priority === undefined ? '' : ` at priority ${end.priority}`;
  const skills = end.skills === undefined || end.skills.length === 0 ? '' : ` with ${end.skills.join(', ')}`;
  return `route to ${end.queue}${priority}${skills}`;
}

function attributeProblems(expected: Readonly<Record<string, string>>, events: readonly ObservedEvent[]): string[] {
  const actual = new Map<string, string>();
  for (const { observation } of events) if (observation.kind === 'attribute') actual.set(observation.name, observation.value);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (!actual.has(name)) problems.push(`expected attribute ${name} = ${showValue(value)}, but it was never set`);
    else if (actual.get(name) !== value)
      problems.push(`expected attribute ${name} = ${showValue(value)}, got ${showValue(actual.get(name))}`);
  }
  for (const [name, value] of actual)
    if (!Object.hasOwn(expected, name))
      problems.push(`attribute ${name} was set (to ${showValue(value)}) but the scenario does not expect it`);
  return problems;
}

function promptProblems(expected: Expectation['prompts'] & object, events: readonly ObservedEvent[], context: JudgeContext): string[] {
  const played = events.flatMap(({ observation }) => (observation.kind === 'prompt' ? [observation.text] : []));
  const index = firstMismatch(expected, played);
  if (index === -1) return [];
  const wanted = expected[index] ? expected[index].step : 'no more prompts';
  const got = played[index] === undefined ? 'no more prompts' : (context.promptSteps.get(played[index]) ?? showValue(played[index]));
  return [
    `prompt ${index + 1}: expected ${wanted}, got ${got} (played: ${played.map((text) => context.promptSteps.get(text) ?? showValue(text)).join(', ') || 'none'})`,
  ];
}

function attemptProblems(expected: Readonly<Record<string, number>>, actual: ReadonlyMap<string, number>): string[] {
  return Object.entries(expected)
    .filter(([retry, count]) => (actual.get(retry) ?? 0) !== count)
    .map(([retry, count]) => `expected ${count} attempt(s) of ${retry}, got ${actual.get(retry) ?? 0}`);
}

function requestProblems(
  expected: Readonly<Record<string, readonly RequestExpectation[]>>,
  events: readonly ObservedEvent[],
  context: JudgeContext,
  limits: readonly EngineLimit[],
): string[] {
  const problems: string[] = [];
  for (const [endpoint, wanted] of Object.entries(expected)) {
    const sent = events.flatMap(({ observation }) =>
      observation.kind === 'request' && observation.request.endpoint === endpoint ? [observation.request] : [],
    );
    if (sent.length !== wanted.length) problems.push(`expected ${wanted.length} request(s) to ${endpoint}, got ${sent.length}`);
    wanted.forEach((expectation, index) => {
      const request = sent[index];
      if (request) problems.push(...requestMismatches(expectation, request, `${endpoint} request ${index + 1}`, context, limits));
    });
  }
  return problems;
}

function requestMismatches(
  expected: RequestExpectation,
  actual: NormalizedRequest,
  label: string,
  context: JudgeContext,
  limits: readonly EngineLimit[],
): string[] {
  const problems: string[] = [];
  if (expected.method !== undefined && expected.method !== actual.method)
    problems.push(`${label}: expected method ${expected.method}, got ${actual.method}`);
  if (expected.url !== undefined && expected.url !== actual.url) problems.push(`${label}: expected url ${expected.url}, got ${actual.url}`);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = actual.headers[name.toLowerCase()];
    if (got !== value) problems.push(`${label}: expected header ${name.toLowerCase()} = ${showValue(value)}, got ${showValue(got)}`);
  }
  const body = actual.body !== null && typeof actual.body === 'object' ? (actual.body as Record<string, unknown>) : {};
  for (const [field, value] of Object.entries(expected.body ?? {})) {
    if (JSON.stringify(bodyValue(body[field], limits)) === JSON.stringify(bodyValue(value, limits))) continue;
    const sensitive = context.sensitiveFields.has(`${actual.endpoint}.${field}`);
    const where = sensitive ? differenceHint(value, body[field]) : '';
    problems.push(`${label}: expected body.${field} = ${showValue(value, sensitive)}, got ${showValue(body[field], sensitive)}${where}`);
  }
  return problems;
}

/**
 * A run as lines a person can follow (`--trace`): the step each event happened in, what was
 * observed, how the call ended. Sensitive request fields stay redacted.
 */
export function transcript(run: CompletedRun, context: JudgeContext): string[] {
  const lines: string[] = [];
  const observed = run.events[Symbol.iterator]();
  let step: string | undefined;
  for (const event of run.recorder.events) {
    if (event.kind === 'step' && event.step !== step) lines.push(`[${(step = event.step)}]`);
    else if (event.kind === 'reply') lines.push(`  gets ${describeReply(event.reply)}`);
    else if (event.kind === 'request' && event.request.platformRepeat !== undefined)
      lines.push(`  the platform sends the same request to ${event.request.endpoint} again (repeat ${event.request.platformRepeat})`);
    else if (event.kind === 'prompt' || event.kind === 'request' || event.kind === 'attribute')
      lines.push(`  ${describeObservation(observed.next().value?.observation, context)}`);
  }
  const attempts = [...run.recorder.attempts].map(([retry, count]) => `${retry} ${count}`).join(', ');
  lines.push(`ends with ${describeEnd(run.recorder.callEnd!)}${attempts === '' ? '' : ` (attempts: ${attempts})`}`);
  return lines;
}

/** An answer as the scenario gave it (test data, not a credential), cut short when long. */
function describeReply(reply: HttpReply): string {
  if (reply.kind !== 'response') return reply.kind === 'timeout' ? 'no answer in time' : 'a failed connection';
  const body = reply.body.length > 200 ? `${reply.body.slice(0, 200)}…` : reply.body;
  return `${reply.status} ${body}`;
}

/**
 * Where `run` first differs from the reference run: an observable event, then the end, then the
 * attempt counts. One failure at most: after a divergence everything else differs too.
 */
export function compareRuns(reference: CompletedRun, run: CompletedRun, context: JudgeContext): Failure | undefined {
  const length = Math.max(reference.events.length, run.events.length);
  for (let index = 0; index < length; index += 1) {
    const expected = reference.events[index];
    const actual = run.events[index];
    if (expected && actual && sameAsReference(expected.observation, actual.observation, run.limits)) continue;
    const where = actual?.step ?? expected?.step;
    return divergence(
      run,
      `${reference.engine} ${describeObservation(expected?.observation, context)}, ${run.engine} ${describeObservation(actual?.observation, context)}`,
      where,
    );
  }
  const referenceEnd = comparableEnd(reference.recorder.callEnd!, run.limits);
  const actualEnd = comparableEnd(run.recorder.callEnd!, run.limits);
  if (describeEnd(referenceEnd) !== describeEnd(actualEnd))
    return divergence(
      run,
      `${reference.engine} ends with ${describeEnd(referenceEnd)}, ${run.engine} with ${describeEnd(actualEnd)}`,
      lastStep(run),
    );
  const attempts = [...new Set([...reference.recorder.attempts.keys(), ...run.recorder.attempts.keys()])].sort();
  for (const retry of attempts) {
    const [expected, actual] = [reference.recorder.attempts.get(retry) ?? 0, run.recorder.attempts.get(retry) ?? 0];
    if (expected !== actual)
      return divergence(run, `${reference.engine} counts ${expected} attempt(s) of ${retry}, ${run.engine} ${actual}`, retry);
  }
  return undefined;
}

/**
 * Whether an observation prints the same JSON as the reference's, once both are `comparable` for
 * the engine. Prompts and attributes are the recorder's own events, of strings only
 * (engine-contract.ts): the same JSON is the same strings, compared without walking their keys.
 */
function sameAsReference(expected: Observation, actual: Observation, limits: readonly EngineLimit[]): boolean {
  switch (expected.kind) {
    case 'prompt':
      return actual.kind === 'prompt' && actual.text === expected.text;
    case 'attribute':
      return actual.kind === 'attribute' && actual.name === expected.name && actual.value === expected.value;
    case 'request':
      return actual.kind === 'request' && sameObservation(comparable(expected, limits), comparable(actual, limits));
    default:
      return assertNever(expected);
  }
}

function divergence(run: CompletedRun, message: string, step: string | undefined): Failure {
  return step === undefined
    ? { kind: 'divergence', engine: run.engine, message }
    : { kind: 'divergence', engine: run.engine, message, step };
}

/** A body value as an engine that sends every value as text would send it. */
function bodyValue(value: unknown, limits: readonly EngineLimit[]): unknown {
  return limits.includes('bodyValuesAsText') && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : value;
}

/** What is compared for an engine: body values as text, timeouts rounded up, where its platform does so. */
function comparable(observation: Observation, limits: readonly EngineLimit[]): Observation {
  if (observation.kind !== 'request') return observation;
  const { request } = observation;
  // Nothing to rewrite: the copy below would print the same JSON (an array body alone would become an object).
  if (!limits.includes('bodyValuesAsText') && !limits.includes('wholeSecondTimeouts') && !Array.isArray(request.body)) return observation;
  const fields = request.body as Record<string, unknown>;
  const body =
    fields !== null && typeof fields === 'object'
      ? objectOf(Object.keys(fields), (field) => bodyValue(fields[field], limits))
      : request.body;
  const timeoutSeconds = limits.includes('wholeSecondTimeouts') ? Math.ceil(request.timeoutSeconds) : request.timeoutSeconds;
  return { ...observation, request: { ...request, body, timeoutSeconds } };
}

/** Skills are not compared for an engine that cannot route by them. */
function comparableEnd(end: CallEnd, limits: readonly EngineLimit[]): CallEnd {
  return end.kind === 'route' && limits.includes('routeSkills') ? { ...end, skills: [] } : end;
}

function lastStep(run: CompletedRun): string | undefined {
  return run.events.at(-1)?.step;
}

export function describeObservation(observation: Observation | undefined, context: JudgeContext): string {
  if (!observation) return 'does nothing more';
  switch (observation.kind) {
    case 'prompt':
      return `plays ${context.promptSteps.get(observation.text) ?? showValue(observation.text)}`;
    case 'attribute':
      return `sets attribute ${observation.name} = ${showValue(observation.value)}`;
    case 'request':
      return `sends ${describeRequest(observation.request, context)}`;
  }
}

function describeRequest(request: NormalizedRequest, context: JudgeContext): string {
  const body =
    request.body !== null && typeof request.body === 'object'
      ? Object.entries(request.body as Record<string, unknown>)
          .map(([field, value]) => `${field}: ${showValue(value, context.sensitiveFields.has(`${request.endpoint}.${field}`))}`)
          .join(', ')
      : showValue(request.body);
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');
  return `${request.method} ${request.url} to ${request.endpoint} (timeout ${request.timeoutSeconds} s; headers ${headers}; body {${body}})`;
}

/** For redacted values: where they start to differ, which is usually enough to see the bug. */
function differenceHint(expected: unknown, actual: unknown): string {
  if (typeof expected !== 'string' || typeof actual !== 'string') return '';
  let index = 0;
  while (index < expected.length && expected[index] === actual[index]) index += 1;
  return ` (they differ from character ${index + 1})`;
}

/** The first position where the played text is not what the expected step plays, or -1. */
function firstMismatch(expected: readonly { matcher: RegExp }[], played: readonly string[]): number {
  for (let index = 0; index < Math.max(expected.length, played.length); index += 1) {
    const text = played[index];
    const wanted = expected[index];
    if (text === undefined || wanted === undefined || !wanted.matcher.test(text)) return index;
  }
  return -1;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
