import type { IrCondition, IrEndpoint, IrValue } from '../../ir/nodes.js';
import { fitsType } from '../../flowspec/checks/types.js';
import type { Literal } from '../../flowspec/types.js';
import { assertNever } from '../../util/assert.js';
import type { CallData, HttpReply, HttpRequest } from '../../targets/engine-contract.js';
import { secretStandIn } from '../../targets/engine-contract.js';
import { encodeUrlComponent } from '../../flowspec/url-parameters.js';
import { renderUrl, urlPieces, type UrlPiece } from '../../ir/url.js';
import { memoizeByObject } from '../../util/memo.js';

/** A value during a simulated call; `undefined` is unset. */
export type SimValue = string | number | boolean | undefined;

/** Where the spec engine reads values from. */
export interface ValueScope {
  call: CallData;
  variables: ReadonlyMap<string, SimValue>;
  /** Result name -> response field -> value. */
  results: ReadonlyMap<string, ReadonlyMap<string, SimValue>>;
}

export function evaluate(value: IrValue, scope: ValueScope): SimValue {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'call':
      return scope.call[value.field];
    case 'variable':
      return scope.variables.get(value.name);
    case 'result':
      return scope.results.get(value.result)?.get(value.field);
    default:
      return assertNever(value);
  }
}

/** A missing value never compares true: every comparison but `exists` is false on it (docs/spec.md). */
export function holds(condition: IrCondition, scope: ValueScope): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.items.every((item) => holds(item, scope));
    case 'any':
      return condition.items.some((item) => holds(item, scope));
    case 'not':
      return !holds(condition.item, scope);
    case 'compare':
      return compare(condition.operator, evaluate(condition.subject, scope), condition.operand);
    default:
      return assertNever(condition);
  }
}

function compare(
  operator: Extract<IrCondition, { kind: 'compare' }>['operator'],
  subject: SimValue,
  operand: Literal | readonly Literal[] | undefined,
): boolean {
  if (operator === 'exists') return (subject !== undefined) === (operand === true);
  if (subject === undefined) return false;
  switch (operator) {
    case 'equals':
      return subject === operand;
    case 'notEquals':
      return subject !== operand;
    case 'in':
      return (Array.isArray(operand) ? operand : [operand]).includes(subject);
    case 'greaterThan':
      return typeof subject === 'number' && subject > (operand as number);
    case 'lessThan':
      return typeof subject === 'number' && subject < (operand as number);
    case 'atLeast':
      return typeof subject === 'number' && subject >= (operand as number);
    case 'atMost':
      return typeof subject === 'number' && subject <= (operand as number);
    default:
      return assertNever(operator);
  }
}

/** How an interaction attribute stores a value: a string, empty when unset. */
export function attributeText(value: SimValue): string {
  return value === undefined ? '' : String(value);
}

/** The request the endpoint receives, as the spec describes it. */
export function buildRequest(endpoint: IrEndpoint, scope: ValueScope): HttpRequest {
  const headers: Record<string, string> = {};
  for (const header of endpoint.headers) headers[header.name.toLowerCase()] = header.value;
  if (endpoint.bearerSecret !== undefined) headers.authorization = `Bearer ${secretStandIn(endpoint.bearerSecret)}`;
  const request: HttpRequest = {
    endpoint: endpoint.id,
    method: endpoint.method,
    url: renderUrl(piecesOf(endpoint), ({ value }) => encodeUrlComponent(attributeText(evaluate(value, scope)))),
    headers,
    timeoutSeconds: endpoint.timeoutSeconds,
  };
  if (endpoint.body.length > 0) {
    headers['content-type'] = 'application/json';
    request.body = JSON.stringify(Object.fromEntries(endpoint.body.map((field) => [field.field, evaluate(field.value, scope) ?? ''])));
  }
  return request;
}

/** An endpoint's url split into text and run-time values once per graph (the IR is not changed once lowered), not once per request. */
const piecesOf: (endpoint: IrEndpoint) => readonly UrlPiece[] = memoizeByObject(urlPieces);

export type HttpOutcome = { transition: 'onSuccess' | 'onFailure'; fields: Map<string, SimValue> } | { transition: 'onTimeout' };

/**
 * The spec's HTTP semantics (docs/spec.md, http): no usable answer (no answer, not 2xx, not JSON)
 * is the timeout path; a usable one succeeds only when its success field is present and equal. A field that is missing, null or
 * an empty string reads as unset (neither platform can tell those apart); a field of the wrong JSON
 * type makes the answer unusable (Genesys validates the output contract).
 */
export function classifyReply(endpoint: IrEndpoint, reply: HttpReply): HttpOutcome {
  if (reply.kind !== 'response' || reply.status < 200 || reply.status > 299) return { transition: 'onTimeout' };
  // `response: none`: the status alone is the answer; the body (often empty, a 204) is not read.
  // With `successStatuses`, a 2xx it does not list is an answer that is not a success.
  if (endpoint.responseNone) return { transition: isSuccessStatus(endpoint, reply.status) ? 'onSuccess' : 'onFailure', fields: new Map() };
  const body = parseObject(reply.body);
  if (!body) return { transition: 'onTimeout' };
  const fields = new Map<string, SimValue>();
  for (const field of endpoint.responseFields) {
    const raw = Object.hasOwn(body, field.name) ? body[field.name] : undefined;
    if (raw === undefined || raw === null || raw === '') continue;
    if (!fitsType(raw, field.type)) return { transition: 'onTimeout' };
    fields.set(field.name, raw as SimValue);
  }
  const success = endpoint.success;
  const passed = success === undefined || fields.get(success.field) === success.equals;
  return { transition: passed ? 'onSuccess' : 'onFailure', fields };
}

/** JSON text as an object of fields; JSON that is not an object has no fields, as on both platforms (docs/testing.md). */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

/** The spec's gather: the terminator ends the entry, non-digits are dropped, at most `max` digits count. */
export function collectDigits(keys: string, terminator: string | undefined, max: number): string {
  const ended = terminator === undefined ? keys : keys.split(terminator)[0]!;
  return ended.replace(/[^0-9]/g, '').slice(0, max);
}

/** A 2xx status the endpoint counts as success: any, unless it lists `successStatuses`. */
function isSuccessStatus(endpoint: IrEndpoint, status: number): boolean {
  return endpoint.successStatuses === undefined || endpoint.successStatuses.includes(status);
}
