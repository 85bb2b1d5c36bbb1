import { promptOf } from '../scenario/load.js';
import { literalPromptText, promptMatcher } from '../../ir/prompt.js';
import type { Scenario } from '../scenario/types.js';
import { CoverageCounter, type Coverage } from './coverage.js';
import { drive, type Replier } from './drive.js';
import type { CompiledFlow } from '../engines.js';
import {
  CallerInputExhausted,
  EngineError,
  PlatformLimit,
  type Engine,
  type EngineName,
  type Recorder,
} from '../../targets/engine-contract.js';
import { observe, sensitiveBodyFields } from './observe.js';
import { findSensitiveLeaks, leakWatch } from './sensitive-leaks.js';
import { cannedReplier, liveReplier, ScenarioGap, type LiveProblem } from './replies.js';
import type { SecretLookup } from './live.js';
import type { ScriptedReply } from '../scenario/types.js';
import { parseObject } from '../../util/json.js';
import { checkExpectation, compareRuns, transcript, type CompletedRun, type Failure, type JudgeContext } from './verdict.js';

export interface ScenarioResult {
  name: string;
  /** Position in the scenario file. */
  index: number;
  /** Engines the scenario ran on. */
  ran: EngineName[];
  /** Engines that cannot express the scenario, with the reason. */
  skipped: { engine: EngineName; reason: string }[];
  failures: Failure[];
  /** With `trace`: each completed run as readable lines. */
  traces?: { engine: EngineName; lines: string[] }[];
  /** How long each engine's run took, in seconds (JUnit `time`); 0 for a run that was skipped. */
  seconds: Partial<Record<EngineName, number>>;
}

export interface FlowTestResult {
  scenarios: ScenarioResult[];
  /** Present when the spec engine ran. */
  coverage?: Coverage;
}

export interface RunOptions {
  /** `--endpoint name=url`: these endpoints get real HTTP requests instead of the canned replies. */
  endpointUrls?: ReadonlyMap<string, string>;
  /** The secrets sent to a live endpoint, looked up when each request is sent. */
  secrets?: SecretLookup;
  /** `--trace`: keep each run's transcript in the result. */
  trace?: boolean;
}

/** Run every scenario on every engine; the first engine is the reference the others are compared with. */
export async function runScenarios(
  flow: CompiledFlow,
  engines: readonly Engine[],
  scenarios: readonly Scenario[],
  options: RunOptions = {},
): Promise<FlowTestResult> {
  const context = judgeContext(flow);
  const coverage = engines.some((engine) => engine.name === 'spec') ? new CoverageCounter() : undefined;
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const outcome = runScenario(engines, scenario, context, options, coverage);
    results.push(outcome instanceof Promise ? await outcome : outcome);
  }
  return coverage ? { scenarios: results, coverage: coverage.result(flow.graph) } : { scenarios: results };
}

/** Recorded prompt text to the first step that plays it: literal prompts by their text, templates by matching. */
function promptStepLookup(graph: CompiledFlow['graph']): JudgeContext['promptSteps'] {
  const literal = new Map<string, string>();
  const templates: { matcher: RegExp; step: string }[] = [];
  for (const node of graph.nodes) {
    const prompt = promptOf(node);
    if (prompt === undefined) continue;
    const text = literalPromptText(prompt);
    if (text === undefined) templates.push({ matcher: promptMatcher(prompt), step: node.id });
    else if (!literal.has(text)) literal.set(text, node.id);
  }
  return { get: (text) => literal.get(text) ?? templates.find((template) => template.matcher.test(text))?.step };
}

export function judgeContext(flow: CompiledFlow): JudgeContext {
  const promptSteps = promptStepLookup(flow.graph);
  const successFields = new Map(
    flow.graph.endpoints.flatMap((endpoint) => (endpoint.success ? [[endpoint.id, endpoint.success.field] as const] : [])),
  );
  return { sensitiveFields: sensitiveBodyFields(flow.graph), promptSteps, successFields, leakWatch: leakWatch(flow.graph) };
}

type RunOutcome = (
  | { engine: Engine; recorder: Recorder; liveProblems: readonly LiveProblem[] }
  | { engine: Engine; failure: Failure }
  | { engine: Engine; skipped: string }
) & {
  seconds?: number;
};

/** Synchronous unless an endpoint is live, so thousands of simulated calls take milliseconds. */
export function runScenario(
  engines: readonly Engine[],
  scenario: Scenario,
  context: JudgeContext,
  options: RunOptions = {},
  coverage?: CoverageCounter,
): ScenarioResult | Promise<ScenarioResult> {
  const urls = liveUrls(options);
  const cannedOnly = urls ? needsCannedReply(scenario, urls, context.successFields ?? new Map()) : undefined;
  if (cannedOnly !== undefined)
    return {
      name: scenario.name,
      index: scenario.index,
      ran: [],
      skipped: engines.map((engine) => ({ engine: engine.name, reason: cannedOnly })),
      failures: [],
      seconds: {},
    };
  const outcomes = engines.map((engine) => timed(() => runOne(engine, scenario, options)));
  const judged = (settled: readonly RunOutcome[]) => judge(scenario, settled, context, coverage, options.trace === true);
  if (outcomes.some((outcome) => outcome instanceof Promise))
    return Promise.all(outcomes.map((outcome) => Promise.resolve(outcome))).then(judged);
  return judged(outcomes as RunOutcome[]);
}

function liveUrls(options: RunOptions): ReadonlyMap<string, string> | undefined {
  return options.endpointUrls && options.endpointUrls.size > 0 ? options.endpointUrls : undefined;
}

/**
 * Why a scenario cannot run against the live endpoints: it scripts, for one of them, a reply no
 * backend can be asked for (a timeout, a failed connection, a delay, an error status, a body
 * without the success field). Undefined when every scripted reply is one a live backend can give.
 */
export function needsCannedReply(
  scenario: Scenario,
  urls: ReadonlyMap<string, string>,
  successFields: ReadonlyMap<string, string>,
): string | undefined {
  for (const [endpoint, plan] of scenario.replies) {
    if (!urls.has(endpoint)) continue;
    for (const reply of plan.kind === 'every' ? [plan.reply] : plan.replies) {
      const canned = cannedReason(reply, successFields.get(endpoint));
      if (canned !== undefined) return `needs a canned reply from ${endpoint} (${canned}); not sent to the live endpoint`;
    }
  }
  return undefined;
}

function cannedReason(reply: ScriptedReply, successField: string | undefined): string | undefined {
  if (reply.kind !== 'response') return reply.kind === 'timeout' ? 'a timeout' : 'a failed connection';
  if (reply.delaySeconds > 0) return `an answer after ${reply.delaySeconds} s`;
  if (reply.status < 200 || reply.status > 299) return `HTTP ${reply.status}`;
  const body = parseObject(reply.body);
  if (!body) return 'a body that is not JSON';
  if (successField !== undefined && !Object.hasOwn(body, successField)) return `a body without \`${successField}\``;
  return undefined;
}

/** The run's wall-clock time, for reports only: no verdict depends on it. */
function timed(run: () => RunOutcome | Promise<RunOutcome>): RunOutcome | Promise<RunOutcome> {
  const started = performance.now();
  // Each outcome is a fresh object of runOne's: stamped in place rather than copied, once per engine run.
  const stamp = (outcome: RunOutcome): RunOutcome => Object.assign(outcome, { seconds: (performance.now() - started) / 1000 });
  const outcome = run();
  return outcome instanceof Promise ? outcome.then(stamp) : stamp(outcome);
}

function runOne(engine: Engine, scenario: Scenario, options: RunOptions): RunOutcome | Promise<RunOutcome> {
  const canned = cannedReplier(scenario.replies);
  const urls = liveUrls(options);
  const liveProblems: LiveProblem[] = [];
  const context = {
    secrets: options.secrets ?? (() => undefined),
    call: scenario.input.call,
    currentTime: scenario.fixedTimestamp !== true,
  };
  const replier: Replier = urls ? liveReplier(urls, canned, context, liveProblems) : canned;
  try {
    const driven = drive(engine, scenario.input, replier);
    return driven instanceof Promise
      ? driven.then(
          (recorder) => ({ engine, recorder, liveProblems }),
          (error: unknown) => notCompleted(engine, error),
        )
      : { engine, recorder: driven, liveProblems };
  } catch (error) {
    return notCompleted(engine, error);
  }
}

function notCompleted(engine: Engine, error: unknown): RunOutcome {
  return error instanceof PlatformLimit ? { engine, skipped: error.message } : { engine, failure: runFailure(engine, error) };
}

/** An engine or scenario problem becomes a failure; anything else is a bug in ivrflow and propagates. */
function runFailure(engine: Engine, error: unknown): Failure {
  if (error instanceof EngineError) return { kind: 'engine', engine: engine.name, message: error.message };
  if (error instanceof CallerInputExhausted)
    return { kind: 'scenario', engine: engine.name, message: `${error.message}; add an entry to \`caller\``, step: error.gather };
  if (error instanceof ScenarioGap)
    return { kind: 'scenario', engine: engine.name, message: `${error.message}; add one under \`endpoints\`` };
  throw error;
}

/**
 * How a vendor engine's failed run reads beside the reference: needing more input or replies than a
 * reference that finished is a divergence; the same scenario gap as the reference is said once.
 */
function relativeToReference(failure: Failure, reference: RunOutcome | undefined): Failure | undefined {
  if (failure.kind !== 'scenario' || !reference) return failure;
  if ('recorder' in reference)
    return {
      ...failure,
      kind: 'divergence',
      message: `${reference.engine.name} finished the call, but here ${failure.message.replace(/; add .*$/, '')}`,
    };
  return 'failure' in reference && reference.failure.kind === 'scenario' && reference.failure.message === failure.message
    ? undefined
    : failure;
}

function judge(
  scenario: Scenario,
  outcomes: readonly RunOutcome[],
  context: JudgeContext,
  coverage: CoverageCounter | undefined,
  trace: boolean,
): ScenarioResult {
  const result: ScenarioResult = { name: scenario.name, index: scenario.index, ran: [], skipped: [], failures: [], seconds: {} };
  const completed: CompletedRun[] = [];
  for (let position = 0; position < outcomes.length; position += 1) {
    const outcome = outcomes[position]!;
    result.seconds[outcome.engine.name] = 'skipped' in outcome ? 0 : (outcome.seconds ?? 0);
    if ('skipped' in outcome) {
      result.skipped.push({ engine: outcome.engine.name, reason: outcome.skipped });
      continue;
    }
    result.ran.push(outcome.engine.name);
    if ('failure' in outcome) {
      const failure = position === 0 ? outcome.failure : relativeToReference(outcome.failure, outcomes[0]);
      if (failure) result.failures.push(failure);
      continue;
    }
    for (const problem of outcome.liveProblems)
      result.failures.push({ kind: 'endpoint', engine: outcome.engine.name, message: `${problem.endpoint}: ${problem.message}` });
    if (context.leakWatch)
      for (const leak of findSensitiveLeaks(outcome.recorder, context.leakWatch, outcome.engine.name)) result.failures.push(leak);
    if (outcome.engine.name === 'spec') coverage?.add(outcome.recorder);
    completed.push({
      engine: outcome.engine.name,
      limits: outcome.engine.limits,
      recorder: outcome.recorder,
      events: observe(outcome.recorder, scenario.input.call),
    });
  }
  if (scenario.expect) for (const run of completed) result.failures.push(...checkExpectation(scenario.expect, run, context));
  const [reference, ...others] = completed;
  for (const run of reference ? others : []) {
    const divergence = compareRuns(reference!, run, context);
    if (divergence) result.failures.push(divergence);
  }
  if (trace) result.traces = completed.map((run) => ({ engine: run.engine, lines: transcript(run, context) }));
  return result;
}
