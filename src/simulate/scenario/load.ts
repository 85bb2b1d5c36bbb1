import type { Diagnostic, SpecPath } from '../../diagnostics/diagnostic.js';
import { promptMatcher } from '../../ir/prompt.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type { FlowGraph, FlowNode, IrPrompt } from '../../ir/nodes.js';
import { loadSpec, type DocumentKind } from '../../flowspec/load.js';
import { checkAgainst } from '../../flowspec/schema.js';
import { DiagnosticSink, type SpecSource } from '../../flowspec/source.js';
import { validate } from '../generated/validate-scenarios.js';
import type { CallData, CallerEntry } from '../../targets/engine-contract.js';
import type { ExpectSpec, Expectation, ReplyPlan, ReplySpec, Scenario, ScenarioFileSpec, ScenarioSpec, ScriptedReply } from './types.js';
import { assertNever } from '../../util/assert.js';
import { docUrl } from '../../util/package-info.js';

export const SCENARIO_FILE: DocumentKind = {
  noun: 'scenario file',
  firstLine: 'ivrflowTest: 1',
  startFrom: `Run \`ivrflow init\` for a starter flow and its scenario file; the format is described in ${docUrl('testing.md')}.`,
};

/** The call every scenario starts from; documented in docs/testing.md. */
export const DEFAULT_CALL: CallData = {
  ani: '+15550100100',
  dnis: '+18005550100',
  id: '3f2b8c1e-0000-4000-8000-000000000001',
  timestamp: '2026-01-15T14:30:00Z',
};

/** `timestamp: now`: the time the scenario file is loaded. */
export const NOW = 'now';

export interface LoadedScenarios {
  source: SpecSource;
  scenarios?: Scenario[];
  diagnostics: Diagnostic[];
}

/** Parse, check against the schema and against the flow, and resolve a scenario file. */
export function loadScenarioFile(file: string, bytes: Uint8Array, graph: FlowGraph): LoadedScenarios {
  const loaded = loadSpec(file, bytes, SCENARIO_FILE);
  if (loaded.data === undefined) return { source: loaded.source, diagnostics: loaded.diagnostics };
  const sink = new DiagnosticSink(loaded.source);
  if (!checkVersion(loaded.data, sink) || !checkAgainst(validate, loaded.data, sink))
    return { source: loaded.source, diagnostics: sink.diagnostics };
  const spec = loaded.data as ScenarioFileSpec;
  new ScenarioChecker(graph, sink).check(spec);
  if (sink.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { source: loaded.source, diagnostics: sink.diagnostics };
  return {
    source: loaded.source,
    scenarios: spec.scenarios.map((scenario, index) => resolveScenario(spec, scenario, index, graph)),
    diagnostics: sink.diagnostics,
  };
}

function checkVersion(data: unknown, sink: DiagnosticSink): boolean {
  const version = (data as Record<string, unknown>)['ivrflowTest'];
  if (version === 1) return true;
  const message =
    version === undefined
      ? 'The scenario file has no `ivrflowTest` version key.'
      : `Scenario file version \`${String(version)}\` is not supported; this ivrflow reads version 1.`;
  sink.report({
    code: 'scenario/version',
    message,
    path: version === undefined ? [] : ['ivrflowTest'],
    hint: 'Write `ivrflowTest: 1` as the first line.',
  });
  return false;
}

/** Every name a scenario uses must exist in the flow: a typo would otherwise be a test that cannot fail. */
class ScenarioChecker {
  private readonly endpoints: string[];
  private readonly queues: string[];
  private readonly retries: string[];
  private readonly promptSteps: string[];

  constructor(
    graph: FlowGraph,
    private readonly sink: DiagnosticSink,
  ) {
    this.endpoints = graph.endpoints.map((endpoint) => endpoint.id);
    this.queues = graph.queues.map((queue) => queue.id);
    this.retries = graph.nodes.filter((node) => node.kind === 'retry').map((node) => node.id);
    this.promptSteps = graph.nodes.filter((node) => promptOf(node) !== undefined).map((node) => node.id);
  }

  check(spec: ScenarioFileSpec): void {
    this.checkEndpointKeys(spec.defaults?.endpoints, ['defaults', 'endpoints']);
    const seen = new Map<string, number>();
    spec.scenarios.forEach((scenario, index) => {
      const path: SpecPath = ['scenarios', index];
      const first = seen.get(scenario.name);
      if (first === undefined) seen.set(scenario.name, index);
      else
        this.sink.report({
          code: 'scenario/duplicate-name',
          message: `Two scenarios are named \`${scenario.name}\`.`,
          path: [...path, 'name'],
          hint: 'Names identify scenarios in reports; make each one unique.',
          related: [{ message: 'first used here', path: ['scenarios', first, 'name'] }],
        });
      this.checkEndpointKeys(scenario.endpoints, [...path, 'endpoints']);
      this.checkExpect(scenario.expect, [...path, 'expect']);
    });
  }

  private checkExpect(expect: ExpectSpec, path: SpecPath): void {
    const outcomes = [expect.route, expect.transfer, expect.disconnect].filter((outcome) => outcome !== undefined);
    if (outcomes.length !== 1) {
      this.sink.report({
        code: 'scenario/outcome',
        message: 'A scenario expects exactly one outcome: `route`, `transfer` or `disconnect`.',
        path,
        hint: 'Add `route: { queue: <queue id> }`, `transfer: { number: <E.164> }` or `disconnect: true`.',
      });
    }
    if (expect.route) this.checkName(expect.route.queue, this.queues, 'queue', [...path, 'route', 'queue']);
    (expect.prompts ?? []).forEach((step, index) =>
      this.checkName(step, this.promptSteps, 'step that plays a prompt', [...path, 'prompts', index]),
    );
    for (const retry of Object.keys(expect.attempts ?? {}))
      this.checkName(retry, this.retries, 'retry step', [...path, 'attempts', retry], true);
    for (const endpoint of Object.keys(expect.requests ?? {}))
      this.checkName(endpoint, this.endpoints, 'endpoint', [...path, 'requests', endpoint], true);
  }

  private checkEndpointKeys(endpoints: ScenarioSpec['endpoints'], path: SpecPath): void {
    for (const endpoint of Object.keys(endpoints ?? {})) this.checkName(endpoint, this.endpoints, 'endpoint', [...path, endpoint], true);
  }

  private checkName(name: string, known: readonly string[], what: string, path: SpecPath, onKey = false): void {
    if (known.includes(name)) return;
    const list = known.length > 0 ? `The flow has: ${known.join(', ')}.` : `The flow has no ${what}.`;
    this.sink.report({
      code: 'scenario/unknown-name',
      message: `The flow has no ${what} \`${name}\`.`,
      path,
      onKey,
      hint: didYouMean(name, known) ?? list,
    });
  }
}

function resolveScenario(file: ScenarioFileSpec, scenario: ScenarioSpec, index: number, graph: FlowGraph): Scenario {
  const defaults = file.defaults ?? {};
  const replies = new Map<string, ReplyPlan>();
  for (const [endpoint, reply] of Object.entries({ ...defaults.endpoints, ...scenario.endpoints })) replies.set(endpoint, replyPlan(reply));
  const call = { ...DEFAULT_CALL, ...defaults.call, ...scenario.call };
  if (call.timestamp === NOW) call.timestamp = new Date().toISOString();
  const own = scenario.call?.timestamp;
  return {
    name: scenario.name,
    index,
    ...(own !== undefined && own !== NOW ? { fixedTimestamp: true } : {}),
    input: {
      call,
      caller: (scenario.caller ?? []).map(callerEntry),
      transfer: scenario.transfer ?? defaults.transfer ?? 'succeeds',
    },
    replies,
    expect: resolveExpect(scenario.expect, graph),
  };
}

function callerEntry(text: string): CallerEntry {
  return text === 'silence' ? { kind: 'silence' } : { kind: 'keys', keys: text };
}

function replyPlan(reply: ReplySpec | ReplySpec[]): ReplyPlan {
  return Array.isArray(reply) ? { kind: 'sequence', replies: reply.map(scriptedReply) } : { kind: 'every', reply: scriptedReply(reply) };
}

function scriptedReply(reply: ReplySpec): ScriptedReply {
  if (reply === 'timeout' || reply === 'networkError') return { kind: reply };
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return { kind: 'response', status: reply.status, body, delaySeconds: reply.delaySeconds ?? 0 };
}

function resolveExpect(expect: ExpectSpec, graph: FlowGraph): Expectation {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const resolved: Expectation = { end: expectedEnd(expect) };
  if (expect.attributes) resolved.attributes = expect.attributes;
  if (expect.prompts) resolved.prompts = expect.prompts.map((step) => ({ step, matcher: promptMatcher(promptOf(nodes.get(step)!)!) }));
  if (expect.attempts) resolved.attempts = expect.attempts;
  if (expect.requests) resolved.requests = expect.requests;
  return resolved;
}

function expectedEnd(expect: ExpectSpec): Expectation['end'] {
  if (expect.route) return { kind: 'route', ...expect.route };
  if (expect.transfer)
    return 'number' in expect.transfer
      ? { kind: 'transfer', to: 'number', target: expect.transfer.number }
      : { kind: 'transfer', to: 'flow', target: expect.transfer.flow };
  return { kind: 'disconnect' };
}

/** The prompt a step plays, if it plays one. */
export function promptOf(node: FlowNode): IrPrompt | undefined {
  switch (node.kind) {
    case 'play':
    case 'gather':
    case 'menu':
      return node.prompt;
    case 'route':
    case 'transfer':
    case 'disconnect':
      return node.prompt;
    case 'assign':
    case 'condition':
    case 'http':
    case 'retry':
    case 'setAttributes':
      return undefined;
    default:
      return assertNever(node);
  }
}
