import type { FlowGraph } from '../../ir/nodes.js';
import type { CallData, HttpRequest, Recorder, SimEvent } from '../../targets/engine-contract.js';
import { assertNever } from '../../util/assert.js';
import { recordOf } from '../../util/own.js';

/** What is compared between engines: the events a caller, an endpoint or the ACD could notice. */
export type Observation =
  { kind: 'prompt'; text: string } | { kind: 'request'; request: NormalizedRequest } | { kind: 'attribute'; name: string; value: string };

export interface NormalizedRequest {
  endpoint: string;
  method: string;
  url: string;
  /** Sorted by name. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text; `call.timestamp` in any platform format reads `<call.timestamp>`. */
  body: unknown;
  timeoutSeconds: number;
}

export interface ObservedEvent {
  observation: Observation;
  /** The spec step the engine was in, for divergence reports. */
  step: string | undefined;
}

export const TIMESTAMP_STAND_IN = '<call.timestamp>';

/** The observable events of a run, in order, each with the step it happened in. */
export function observe(recorder: Recorder, call: CallData): ObservedEvent[] {
  const renderings = timestampRenderings(call.timestamp);
  const observed: ObservedEvent[] = [];
  let step: string | undefined;
  for (const event of recorder.events) {
    if (event.kind === 'step') step = event.step;
    const observation = toObservation(event, renderings);
    if (observation) observed.push({ observation, step });
  }
  return observed;
}

function toObservation(event: SimEvent, renderings: ReadonlySet<string>): Observation | undefined {
  switch (event.kind) {
    case 'prompt':
    case 'attribute':
      return event;
    case 'request':
      return event.request.platformRepeat === undefined
        ? { kind: 'request', request: normalizeRequest(event.request, renderings) }
        : undefined;
    case 'reply':
    case 'step':
    case 'transition':
      return undefined;
    default:
      return assertNever(event);
  }
}

function normalizeRequest(request: HttpRequest, renderings: ReadonlySet<string>): NormalizedRequest {
  return {
    endpoint: request.endpoint,
    method: request.method,
    url: request.url,
    headers: sortedCopy(request.headers),
    body: normalizeBody(request.body, renderings),
    timeoutSeconds: request.timeoutSeconds,
  };
}

function normalizeBody(body: string | undefined, renderings: ReadonlySet<string>): unknown {
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return replaceTimestamps(parsed, renderings);
}

/**
 * The parsed body with its objects' keys sorted (key order carries no meaning in JSON; sorted,
 * equal values print equal) and the call's time as the stand-in. The value is JSON.parse's own,
 * so its arrays and its objects whose keys are sorted already are rewritten in place, not copied.
 */
function replaceTimestamps(value: unknown, renderings: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return renderings.has(value) ? TIMESTAMP_STAND_IN : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = replaceTimestamps(value[index], renderings);
    return value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (isSorted(keys)) {
    for (const key of keys) object[key] = replaceTimestamps(object[key], renderings);
    return object;
  }
  return objectOf(keys.sort(), (key) => replaceTimestamps(object[key], renderings));
}

/** A new object with these keys, in this order, and their values (a `__proto__` key stays an own key, as JSON.parse keeps it). */
export function objectOf<T>(keys: readonly string[], valueOf: (key: string) => T): Record<string, T> {
  return recordOf(keys, (key) => key, valueOf);
}

/** Headers with their names sorted: a fresh object, the request is the engine's. */
function sortedCopy(headers: Record<string, string>): Record<string, string> {
  return objectOf(Object.keys(headers).sort(), (name) => headers[name]!);
}

/** Whether the keys are in the order `Array.prototype.sort` puts them (UTF-16 code units). */
function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index += 1) if (keys[index - 1]! > keys[index]!) return false;
  return true;
}

/**
 * The call's time as each platform renders it: as given, ISO 8601 with milliseconds (Genesys
 * ToString of a DateTime) and RFC 1123 (CXone `{gmt}`), so a body field from `call.timestamp`
 * compares equal across engines (docs/testing.md).
 */
function timestampRenderings(timestamp: string): ReadonlySet<string> {
  if (lastRenderings?.timestamp !== timestamp) lastRenderings = { timestamp, renderings: renderTimestamp(timestamp) };
  return lastRenderings.renderings;
}

/** Every engine's run of a call, and usually every call of a batch, has the same timestamp: rendered once. */
let lastRenderings: { timestamp: string; renderings: ReadonlySet<string> } | undefined;

function renderTimestamp(timestamp: string): ReadonlySet<string> {
  const instant = new Date(timestamp);
  return new Set([timestamp, instant.toISOString(), instant.toUTCString(), instant.toISOString().replace('.000Z', 'Z')]);
}

/** Request body fields that carry a sensitive variable: shown redacted in reports. */
export function sensitiveBodyFields(graph: FlowGraph): Set<string> {
  const fields = new Set<string>();
  for (const endpoint of graph.endpoints)
    for (const field of endpoint.body)
      if (field.value.kind === 'variable' && field.value.sensitive) fields.add(`${endpoint.id}.${field.field}`);
  return fields;
}

/** A value as a report shows it; sensitive ones by length only (scenario data is test data, but logs are logs). */
export function showValue(value: unknown, sensitive = false): string {
  if (sensitive) return typeof value === 'string' ? `<sensitive, ${value.length} characters>` : '<sensitive>';
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Whether two observations print the same JSON (key order included), compared without printing them. */
export function sameObservation(a: Observation, b: Observation): boolean {
  return sameJson(a, b);
}

/** `JSON.stringify(a) === JSON.stringify(b)` for the plain data observations hold, without building either text. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((item, index) => sameJson(arrayItem(item), arrayItem((b as unknown[])[index])));
  return sameJsonObject(a, b);
}

/** Objects print the same when the keys they print come in the same order with values that print the same. */
function sameJsonObject(a: object, b: object): boolean {
  const [left, right] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const [leftKeys, rightKeys] = [Object.keys(left), Object.keys(right)];
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < leftKeys.length && !printed(left[leftKeys[i]!])) i += 1;
    while (j < rightKeys.length && !printed(right[rightKeys[j]!])) j += 1;
    if (i === leftKeys.length || j === rightKeys.length) return i === leftKeys.length && j === rightKeys.length;
    const key = leftKeys[i]!;
    if (key !== rightKeys[j] || !sameJson(left[key], right[key])) return false;
    i += 1;
    j += 1;
  }
}

/** JSON.stringify leaves out a property whose value is undefined, a function or a symbol. */
function printed(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** In an array, JSON.stringify prints undefined, functions and symbols as null. */
function arrayItem(value: unknown): unknown {
  return printed(value) ? value : null;
}

/** A non-object as JSON.stringify prints it (NaN and infinities as null). */
function jsonScalar(value: unknown): string | undefined {
  return JSON.stringify(value);
}
