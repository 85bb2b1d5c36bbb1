import type { FlowGraph, IrCondition, IrEndpoint, IrReadable } from '../ir/nodes.js';
import { fitsType } from '../flowspec/checks/types.js';
import type { Literal } from '../flowspec/types.js';
import { assertNever } from '../util/assert.js';
import type { CallerEntry } from '../targets/engine-contract.js';
import { DEFAULT_CALL } from './scenario/load.js';
import type { ReplyPlan, Scenario, ScriptedReply } from './scenario/types.js';

/**
 * Random calls for a flow: what a caller might key and what its endpoints might answer, drawn from
 * the flow itself (the digit counts of its gathers, the fields and success values of its
 * endpoints, the values its conditions and routes compare). They carry no expectation: they check
 * that the engines agree (test/simulate/agreement.test.ts) and feed `npm run bench`.
 */
export function randomCalls(graph: FlowGraph, count: number, seed: number): Scenario[] {
  const random = new SeededRandom(seed);
  const vocabulary = fieldVocabulary(graph);
  // Each menu try takes an entry, as each gather does.
  const inputs = graph.nodes.flatMap((node) => (node.kind === 'gather' || node.kind === 'menu' ? [node] : []));
  const entriesPerInput = inputs.reduce((sum, node) => sum + (node.kind === 'menu' ? node.attempts : 1), 0);
  const entriesPerCall = entriesPerInput * Math.max(1, ...graph.nodes.map((node) => (node.kind === 'retry' ? node.maxAttempts : 1))) + 1;
  return Array.from({ length: count }, (_, index) => {
    const caller = Array.from({ length: entriesPerCall }, () => inputEntry(random, random.pick(inputs)));
    const replies = new Map<string, ReplyPlan>(
      graph.endpoints.map((endpoint) => [
        endpoint.id,
        { kind: 'sequence', replies: Array.from({ length: entriesPerCall }, () => reply(random, endpoint, vocabulary)) },
      ]),
    );
    return {
      name: `random call ${index + 1} (seed ${seed})`,
      index,
      input: { call: DEFAULT_CALL, caller, transfer: random.chance(0.1) ? 'fails' : 'succeeds' },
      replies,
    };
  });
}

type Gather = Extract<FlowGraph['nodes'][number], { kind: 'gather' }>;
type Menu = Extract<FlowGraph['nodes'][number], { kind: 'menu' }>;

function inputEntry(random: SeededRandom, input: Gather | Menu | undefined): CallerEntry {
  return input?.kind === 'menu' ? menuEntry(random, input) : callerEntry(random, input);
}

/** Mostly a listed key, sometimes any key (an unlisted one is a no-match), sometimes nothing. */
function menuEntry(random: SeededRandom, menu: Menu): CallerEntry {
  if (random.chance(0.15)) return { kind: 'silence' };
  if (random.chance(0.7)) return { kind: 'keys', keys: random.pick(menu.choices).key };
  return { kind: 'keys', keys: random.pick([...'0123456789*#']) };
}

function callerEntry(random: SeededRandom, gather: Gather | undefined): CallerEntry {
  if (!gather || random.chance(0.15)) return { kind: 'silence' };
  const length = random.integer(Math.max(0, gather.digits.min - 1), gather.digits.max + 2);
  const digits = Array.from({ length }, () => String(random.integer(0, 9))).join('');
  const terminator = gather.terminator !== undefined && random.chance(0.7) ? gather.terminator : '';
  return digits + terminator === '' ? { kind: 'silence' } : { kind: 'keys', keys: digits + terminator };
}

function reply(random: SeededRandom, endpoint: IrEndpoint, vocabulary: ReadonlyMap<string, readonly Literal[]>): ScriptedReply {
  if (random.chance(0.08)) return { kind: 'timeout' };
  if (random.chance(0.05)) return { kind: 'networkError' };
  const status = random.chance(0.85) ? random.pick(answeredStatuses(endpoint)) : random.pick([400, 401, 404, 500, 502, 503]);
  const delaySeconds = random.chance(0.1) ? random.integer(0, endpoint.timeoutSeconds + 2) : 0;
  return { kind: 'response', status, body: JSON.stringify(body(random, endpoint, vocabulary)), delaySeconds };
}

/** The 2xx statuses a call draws from: with `successStatuses`, each listed one and a 2xx it does not list. */
function answeredStatuses(endpoint: IrEndpoint): readonly number[] {
  if (endpoint.successStatuses === undefined) return [200, 200, 200, 201];
  const unlisted = [200, 201, 202, 204].find((status) => !endpoint.successStatuses!.includes(status)) ?? 299;
  return [...endpoint.successStatuses, unlisted];
}

function body(random: SeededRandom, endpoint: IrEndpoint, vocabulary: ReadonlyMap<string, readonly Literal[]>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of endpoint.responseFields) {
    if (random.chance(0.15)) continue;
    // A renamed key: the field is missing, a key nobody reads is there instead.
    const name = random.chance(0.05) ? `${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}` : field.name;
    const known = vocabulary.get(`${endpoint.id}.${field.name}`) ?? [];
    const success = endpoint.success?.field === field.name ? [endpoint.success.equals] : [];
    fields[name] = value(random, field.type, [...known, ...success]);
  }
  return fields;
}

/** Well-typed always: a value of the wrong JSON type is a known divergence (docs/testing.md), not what this explores. */
function value(random: SeededRandom, type: IrEndpoint['responseFields'][number]['type'], vocabulary: readonly Literal[]): unknown {
  const known = vocabulary.filter((literal) => fitsType(literal, type));
  if (known.length > 0 && random.chance(0.7)) return random.pick(known);
  switch (type) {
    case 'string':
      return random.pick(['', 'failure', 'other', 'C-1001']);
    case 'integer':
      return random.integer(0, 100);
    case 'number':
      return random.integer(0, 1000) / 10;
    case 'boolean':
      return random.chance(0.5);
    default:
      return assertNever(type);
  }
}

/** Per `endpoint.field`: the literals the flow compares that field with, in conditions and route cases. */
function fieldVocabulary(graph: FlowGraph): Map<string, Literal[]> {
  const results = new Map<string, string>();
  for (const node of graph.nodes) if (node.kind === 'http') results.set(node.result, node.endpoint);
  const vocabulary = new Map<string, Literal[]>();
  const add = (subject: IrReadable, literals: readonly Literal[]) => {
    if (subject.kind !== 'result') return;
    const key = `${results.get(subject.result) ?? subject.endpoint}.${subject.field}`;
    vocabulary.set(key, [...(vocabulary.get(key) ?? []), ...literals]);
  };
  const visit = (condition: IrCondition): void => {
    if (condition.kind === 'not') visit(condition.item);
    else if (condition.kind !== 'compare') condition.items.forEach(visit);
    // `exists: false` names no value of the field.
    else if (condition.operator !== 'exists')
      add(
        condition.subject,
        condition.operand === undefined ? [] : Array.isArray(condition.operand) ? condition.operand : [condition.operand as Literal],
      );
  };
  for (const node of graph.nodes) {
    if (node.kind === 'condition') visit(node.condition);
    if (node.kind === 'route' && node.by)
      add(
        node.by,
        node.cases.map((entry) => entry.match),
      );
  }
  return vocabulary;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}
