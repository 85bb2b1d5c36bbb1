/**
 * What must hold for every spec, however broken: the properties the fuzz test asserts on each mutant.
 * Each check returns the violations it found, as text, so a failing run prints all of them.
 */
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { FlowGraph, GatherNode } from '../../src/ir/nodes.js';
import type { RuleConfig, RuleSetting } from '../../src/lint/config.js';
import { RULES } from '../../src/lint/rules/index.js';
import { compileSpec, type CompileOptions, type CompileResult } from '../../src/pipeline.js';
import { passingReply } from '../../src/contract/vendor-requests.js';
import { createEngine } from '../../src/simulate/engines.js';
import type { TargetName } from '../../src/targets/artifact.js';
import {
  CallerInputExhausted,
  EngineError,
  ENGINE_NAMES,
  PlatformLimit,
  Recorder,
  type Engine,
  type HttpReply,
  type HttpRequest,
  type SimEvent,
} from '../../src/targets/engine-contract.js';
import { exampleEnvironment } from '../helpers/fixtures.js';
import { cliProblems } from './cli-invariants.js';

const REASON = 'tuning the rules in the fuzz test';
const off = (ids: readonly string[]): RuleConfig => new Map<string, RuleSetting>(ids.map((id) => [id, { level: 'off', reason: REASON }]));

/** The rule configurations a team might run: the defaults, everything off, each credential rule off alone. */
export const RULE_CONFIGURATIONS: readonly { name: string; rules?: RuleConfig }[] = [
  { name: 'default rules' },
  { name: 'every rule off', rules: off(RULES.map((rule) => rule.id)) },
  ...RULES.filter((rule) => rule.protectsCredential).map((rule) => ({ name: `${rule.id} off`, rules: off([rule.id]) })),
];
export const TARGET_SETS: readonly (readonly TargetName[])[] = [['genesys', 'cxone'], ['genesys'], ['cxone']];

export interface CompileSetup {
  configuration: number;
  targets: number;
  /** Whether `--env` is given (the example environment): without it the CXone target refuses unfilled placeholders. */
  environment: boolean;
  /** Which replies the endpoints give in the simulated call (REPLY_PLANS). */
  replies: number;
  /** Whether the CLI's properties are checked too (cli-invariants.ts): on a seeded sample, as they cost more than the rest. */
  cli: boolean;
}

export function compileOptions(setup: CompileSetup): CompileOptions {
  const { rules } = RULE_CONFIGURATIONS[setup.configuration % RULE_CONFIGURATIONS.length]!;
  return {
    targets: TARGET_SETS[setup.targets % TARGET_SETS.length]!,
    ...(rules ? { rules } : {}),
    ...(setup.environment ? { environment: environment() } : {}),
  };
}

let exampleValues: ReadonlyMap<string, string> | undefined;
/** The example environment, read once per process: every mutant with `--env` uses it. */
function environment(): ReadonlyMap<string, string> {
  return (exampleValues ??= exampleEnvironment());
}

export interface Checked {
  /** What went wrong; empty when every property holds. */
  violations: string[];
  /** `clean`, or the stage of the first error (`yaml`, `schema`, `ref`, ...): to see that the mutants reach every stage. */
  outcome: string;
}

/** Every property of one compile. */
export async function checkMutant(text: string, setup: CompileSetup): Promise<Checked> {
  const options = compileOptions(setup);
  const bytes = Buffer.from(text, 'utf8');
  let first: CompileResult;
  try {
    first = await compileSpec('mutant.yaml', bytes, options);
  } catch (error) {
    return { violations: [`compileSpec threw: ${describe(error)}`], outcome: 'threw' };
  }
  const found = [...diagnosticProblems(first.diagnostics), ...outcomeProblems(first)];
  const again = await compileSpec('mutant.yaml', bytes, options);
  if (fingerprint(again) !== fingerprint(first)) found.push('the same input gave different diagnostics or bytes');
  const plan = REPLY_PLANS[setup.replies % REPLY_PLANS.length]!;
  if (first.graph && first.artifacts) found.push(...(await leakProblems({ graph: first.graph, artifacts: first.artifacts }, plan)));
  if (setup.cli) {
    const { targets, rules } = options;
    found.push(
      ...(await cliProblems(text, { targets: targets!, environment: setup.environment, ...(rules ? { rules } : {}) }, !!first.artifacts)),
    );
  }
  const firstError = first.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  return { violations: found, outcome: first.artifacts ? 'clean' : (firstError?.code.split('/')[0] ?? 'none') };
}

/** Each diagnostic has a code, a 1-based line and column, a message and a hint. */
export function diagnosticProblems(diagnostics: readonly Diagnostic[]): string[] {
  const found: string[] = [];
  for (const diagnostic of diagnostics) {
    const label = `${diagnostic.code} "${diagnostic.message.slice(0, 120)}"`;
    if (!/^[a-z]+\/[a-z0-9-]+$/.test(diagnostic.code)) found.push(`diagnostic without a proper code: ${label}`);
    const start = diagnostic.span?.start;
    if (!start || start.line < 1 || start.column < 1) found.push(`diagnostic without line:column: ${label}`);
    if (diagnostic.message.trim() === '') found.push(`diagnostic without a message: ${label}`);
    if (!diagnostic.hint || diagnostic.hint.trim() === '') found.push(`diagnostic without a hint: ${label}`);
  }
  return found;
}

/** Artifacts and no error, or at least one error and no artifacts: never neither, never both. */
function outcomeProblems(result: CompileResult): string[] {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (result.artifacts && errors > 0) return [`artifacts written despite ${errors} errors`];
  if (!result.artifacts && errors === 0) return ['no artifacts and no error'];
  if (result.artifacts && result.artifacts.length < 2) return ['only the IR dump was written'];
  return [];
}

function fingerprint(result: CompileResult): string {
  const artifacts = (result.artifacts ?? []).map((artifact) => [artifact.path, Buffer.from(artifact.contents).toString('base64')]);
  return JSON.stringify([result.diagnostics, artifacts]);
}

/** Digits the caller keys at every sensitive gather: what must never show outside the verifier's request body. */
const MARKER = '73917391';

/** Replies every endpoint gets in one simulated call: all succeed, all refuse, all time out (one plan per case). */
type ReplyPlan = (graph: FlowGraph, endpoint: string) => HttpReply;
export const REPLY_PLANS: readonly ReplyPlan[] = [
  (graph, endpoint) => passingReply(graph, endpoint),
  () => ({ kind: 'response', status: 401, body: '{"status":"failed"}' }),
  () => ({ kind: 'timeout' }),
];

/**
 * Runs the compiled flow on the three engines (the reference engine and one per artifact), keying
 * the marker at every gather, and reports any prompt, attribute or request that carries it other
 * than a verifying endpoint's body. Only flows whose gathers are all sensitive are judged: a plain
 * gather's digits may legitimately reach an attribute.
 */
export async function leakProblems(
  flow: { graph: FlowGraph; artifacts: CompileResult['artifacts'] & object },
  plan: ReplyPlan,
): Promise<string[]> {
  const gathers = flow.graph.nodes.filter((node): node is GatherNode => node.kind === 'gather');
  const sensitiveVariables = new Set(flow.graph.variables.filter((variable) => variable.sensitive).map((variable) => variable.name));
  const judged = gathers.length > 0 && gathers.every((gather) => gather.sensitive || sensitiveVariables.has(gather.variable));
  if (!judged || gathers.some((gather) => gather.digits.max < 4)) return [];
  const found: string[] = [];
  for (const name of ENGINE_NAMES) {
    if (name !== 'spec' && !flow.artifacts.some((artifact) => artifact.target === name)) continue;
    let engine: Engine;
    try {
      engine = await createEngine(name, flow);
    } catch (error) {
      if (error instanceof EngineError) continue;
      found.push(`the ${name} engine could not load the artifacts: ${describe(error)}`);
      continue;
    }
    found.push(...runForLeaks(engine, flow.graph, gathers, plan));
  }
  return found;
}

function runForLeaks(engine: Engine, graph: FlowGraph, gathers: readonly GatherNode[], plan: ReplyPlan): string[] {
  const keys = (gather: GatherNode) => MARKER.slice(0, Math.min(gather.digits.max, MARKER.length)) + (gather.terminator ?? '');
  const caller = Array.from({ length: 12 }, (_, index) => ({ kind: 'keys' as const, keys: keys(gathers[index % gathers.length]!) }));
  const recorder = new Recorder();
  const run = engine.run(
    { call: { ani: '+15550100', dnis: '+15550199', id: 'call-1', timestamp: '2026-01-01T00:00:00.000Z' }, caller, transfer: 'succeeds' },
    recorder,
  );
  try {
    let step = run.next();
    while (!step.done) step = run.next(plan(graph, step.value.endpoint));
  } catch (error) {
    if (!(error instanceof EngineError || error instanceof PlatformLimit || error instanceof CallerInputExhausted))
      return [`the ${engine.name} engine threw: ${describe(error)}`];
  }
  const verifiers = new Set(graph.endpoints.filter((endpoint) => endpoint.verifiesCredential).map((endpoint) => endpoint.id));
  return recorder.events.flatMap((event) =>
    leakIn(event, verifiers, MARKER.slice(0, 4)).map((where) => `${engine.name}: the keyed credential reached ${where}`),
  );
}

function leakIn(event: SimEvent, verifiers: ReadonlySet<string>, marker: string): string[] {
  switch (event.kind) {
    case 'prompt':
      return event.text.includes(marker) ? [`a prompt: ${event.text.slice(0, 80)}`] : [];
    case 'attribute':
      return event.value.includes(marker) || event.name.includes(marker) ? [`the attribute ${event.name}`] : [];
    case 'request':
      return requestLeaks(event.request, verifiers, marker);
    case 'step':
    case 'transition':
    case 'reply':
      return [];
  }
}

function requestLeaks(request: HttpRequest, verifiers: ReadonlySet<string>, marker: string): string[] {
  const found: string[] = [];
  if (request.url.includes(marker)) found.push(`the URL of ${request.endpoint}`);
  if (Object.entries(request.headers).some(([name, value]) => `${name}${value}`.includes(marker)))
    found.push(`a header of ${request.endpoint}`);
  if (!verifiers.has(request.endpoint) && request.body?.includes(marker))
    found.push(`the body of ${request.endpoint}, which verifies nothing`);
  return found;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
