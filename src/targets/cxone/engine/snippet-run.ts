import { assertNever } from '../../../util/assert.js';
import { ControlFlowError, EngineError, secretStandIn, type HttpReply, type HttpRequest } from '../../engine-contract.js';
import type { BinaryOperator, Expr, Statement, StringPart } from './snippet-syntax.js';
import { encodeUrlComponent } from '../../../flowspec/url-parameters.js';
import { SNIPPET_URL_ENCODE } from '../conventions.js';
import { memoizeByObject } from '../../../util/memo.js';

/** A Snippet value. Booleans exist only as the result of a condition. */
export type SnippetValue = string | number | boolean | DynamicObject | RestProxy;

/** `DYNAMIC x`, and what a REST answer parses into. Members are case-sensitive (docs/cxone.md §3). */
export class DynamicObject {
  readonly members = new Map<string, SnippetValue>();
}

/** `GetRESTProxy()` (docs/cxone.md §3: ContentType defaults to form encoding, ProxyTimeoutSeconds to 10). */
export class RestProxy {
  contentType = 'application/x-www-form-urlencoded';
  timeoutSeconds = 10;
  statusCode = 0;
  readonly headers: [string, string][] = [];
}

/** A runtime error ends the Snippet at once and takes its Error branch (docs/cxone.md §3). */
export class SnippetFailure extends ControlFlowError {}

export interface SnippetHost {
  variables: Map<string, SnippetValue>;
  /** Reserved variables: ContactID, ANI, DNIS, gmt. */
  system(name: string): string | undefined;
  /** The spec endpoint a REST request of this Snippet goes to. */
  endpoint: string | undefined;
  where: string;
}

export type SnippetRun = Generator<HttpRequest, void, HttpReply>;

/** A literal or a variable: a leaf of an expression. Undefined for the others. */
function leafValue(expr: Expr, host: SnippetHost): SnippetValue | undefined {
  switch (expr.kind) {
    case 'string':
      return interpolate(expr.parts, host);
    case 'number':
      return expr.value;
    case 'var':
      return host.variables.get(expr.name) ?? host.system(expr.name) ?? '';
    case 'member':
    case 'call':
    case 'binary':
      return undefined;
    default:
      return assertNever(expr);
  }
}

/**
 * Whether evaluating `expr` may send a request: it holds a `MakeRestRequest` call, the one thing
 * that sends one. Most expressions cannot, and they are evaluated without the generators a request
 * needs (`valueNow`), which were the interpreter's largest cost. Walked with a stack: the
 * expression's depth must not reach the call stack. Kept per expression node.
 */
export const mayRequest: (expr: Expr) => boolean = memoizeByObject((expr: Expr) => {
  let found = false;
  const stack: Expr[] = [expr];
  while (!found && stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === 'call') {
      found = next.name === 'MakeRestRequest';
      stack.push(...next.args, ...(next.object ? [next.object] : []));
    } else if (next.kind === 'member') stack.push(next.object);
    else if (next.kind === 'binary') stack.push(next.left, next.right);
  }
  return found;
});

export function* runStatements(statements: readonly Statement[], host: SnippetHost): SnippetRun {
  for (const statement of statements) if (!ranWithoutRequest(statement, host)) yield* runStatement(statement, host);
}

/** Runs a statement that cannot send a request without a generator; false for the others, left untouched. */
function ranWithoutRequest(statement: Statement, host: SnippetHost): boolean {
  switch (statement.kind) {
    case 'assign':
      if (mayRequest(statement.value)) return false;
      assign(statement.target.name, statement.target.member, valueNow(statement.value, host), host);
      return true;
    case 'dynamic':
      host.variables.set(statement.name, new DynamicObject());
      return true;
    case 'expression':
      if (mayRequest(statement.expr)) return false;
      valueNow(statement.expr, host);
      return true;
    case 'if':
      return false;
    default:
      return assertNever(statement);
  }
}

function* runStatement(statement: Statement, host: SnippetHost): SnippetRun {
  switch (statement.kind) {
    case 'assign': {
      const value = yield* evaluate(statement.value, host);
      assign(statement.target.name, statement.target.member, value, host);
      return;
    }
    case 'dynamic':
      host.variables.set(statement.name, new DynamicObject());
      return;
    case 'if':
      yield* runStatements(truth(yield* evaluate(statement.condition, host), host) ? statement.then : statement.else, host);
      return;
    case 'expression':
      yield* evaluate(statement.expr, host);
      return;
    default:
      return assertNever(statement);
  }
}

export function assign(name: string, member: string | undefined, value: SnippetValue, host: SnippetHost): void {
  if (member === undefined) return void host.variables.set(name, value);
  const object = host.variables.get(name);
  if (object instanceof DynamicObject) return void object.members.set(member, value);
  if (object instanceof RestProxy && member === 'ContentType') return void (object.contentType = text(value, host));
  if (object instanceof RestProxy && member === 'ProxyTimeoutSeconds') return void (object.timeoutSeconds = Number(text(value, host)));
  throw new EngineError(`cannot set \`${name}.${member}\``, host.where);
}

/** An expression's value, with the requests it sends yielded; one that sends none is evaluated by `valueNow`. */
export function* evaluate(expr: Expr, host: SnippetHost): Generator<HttpRequest, SnippetValue, HttpReply> {
  if (!mayRequest(expr)) return valueNow(expr, host);
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'var':
      return leafValue(expr, host)!;
    case 'member':
      return member(yield* evaluate(expr.object, host), expr.name, host);
    case 'call': {
      const args: SnippetValue[] = [];
      for (const arg of expr.args) args.push(yield* evaluate(arg, host));
      const object = expr.object === undefined ? undefined : yield* evaluate(expr.object, host);
      if (object instanceof RestProxy && expr.name === 'MakeRestRequest' && args.length === 4)
        return yield* restRequest(object, args, host);
      return callResult(expr.name, object, args, host);
    }
    case 'binary': {
      const a = yield* evaluate(expr.left, host);
      const decided = shortCircuit(expr.op, a, host);
      return decided ?? combine(expr.op, a, yield* evaluate(expr.right, host), host);
    }
    default:
      return assertNever(expr);
  }
}

/** The value of an expression that sends no request (`mayRequest` is false), in the order `evaluate` would compute it. */
function valueNow(expr: Expr, host: SnippetHost): SnippetValue {
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'var':
      return leafValue(expr, host)!;
    case 'member':
      return member(valueNow(expr.object, host), expr.name, host);
    case 'call': {
      const args = expr.args.map((arg) => valueNow(arg, host));
      return callResult(expr.name, expr.object === undefined ? undefined : valueNow(expr.object, host), args, host);
    }
    case 'binary': {
      const a = valueNow(expr.left, host);
      return shortCircuit(expr.op, a, host) ?? combine(expr.op, a, valueNow(expr.right, host), host);
    }
    default:
      return assertNever(expr);
  }
}

/** `&` with a false left side is false, `|` with a true one true: the right side is not evaluated. */
function shortCircuit(op: BinaryOperator, left: SnippetValue, host: SnippetHost): boolean | undefined {
  if (op === '&' && !truth(left, host)) return false;
  if (op === '|' && truth(left, host)) return true;
  return undefined;
}

function combine(op: BinaryOperator, a: SnippetValue, b: SnippetValue, host: SnippetHost): boolean {
  if (op === '&' || op === '|') return truth(b, host);
  return compare(op, a, b, host);
}

/**
 * Numbers compare as numbers when both sides read as numbers, otherwise `=`/`!=` compare the text
 * exactly and ordering is false. UNVERIFIED: Studio's own rules for mixed and case-different text.
 */
export function compare(
  op: Exclude<BinaryOperator, '&' | '|'>,
  a: SnippetValue,
  b: SnippetValue,
  host: Pick<SnippetHost, 'where'>,
): boolean {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x !== undefined && y !== undefined) return compareNumbers(op, x, y);
  if (op === '=') return text(a, host) === text(b, host);
  if (op === '!=') return text(a, host) !== text(b, host);
  return false;
}

function compareNumbers(op: Exclude<BinaryOperator, '&' | '|'>, x: number, y: number): boolean {
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    default:
      return assertNever(op);
  }
}

function asNumber(value: SnippetValue): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : undefined;
}

export function truth(value: SnippetValue, host: Pick<SnippetHost, 'where'>): boolean {
  if (typeof value !== 'boolean') throw new EngineError('a condition is not a comparison', host.where);
  return value;
}

export function member(object: SnippetValue, name: string, host: SnippetHost): SnippetValue {
  if (object instanceof DynamicObject) return object.members.get(name) ?? '';
  if (object instanceof RestProxy && name === 'StatusCode') return object.statusCode;
  throw new EngineError(`cannot read \`.${name}\` here`, host.where);
}

/**
 * A call whose receiver (undefined for a function) and arguments are evaluated. `MakeRestRequest`
 * is `evaluate`'s (it sends the request); with other arguments it is an unknown method here too.
 */
export function callResult(name: string, object: SnippetValue | undefined, args: SnippetValue[], host: SnippetHost): SnippetValue {
  if (object === undefined) {
    if (name === 'GetRESTProxy' && args.length === 0) return new RestProxy();
    throw new EngineError(`unknown Snippet function \`${name}\``, host.where);
  }
  if (object instanceof RestProxy) return proxyMethod(object, name, args, host);
  if (object instanceof DynamicObject && name === 'asjson' && args.length === 0) return JSON.stringify(asJson(object, host));
  if (typeof object === 'string' || typeof object === 'number') return stringMethod(String(object), name, args, host);
  throw new EngineError(`unknown method \`${name}\``, host.where);
}

/**
 * The string functions seen in NICE's help or real scripts (docs/cxone.md): `.replace()`, `.left()`.
 * `.length()` is not one. `.urlencode()` is UNVERIFIED (conventions.ts), modelled as RFC 3986 encoding.
 */
function stringMethod(value: string, name: string, args: SnippetValue[], host: SnippetHost): SnippetValue {
  if (name === 'replace' && args.length === 2) return replaceAll(value, text(args[0]!, host), text(args[1]!, host));
  if (name === 'left' && args.length === 1) return value.slice(0, Number(text(args[0]!, host)));
  if (name === SNIPPET_URL_ENCODE && args.length === 0) return encodeUrlComponent(value);
  throw new EngineError(`unknown string function \`${name}\` with ${args.length} argument(s)`, host.where);
}

/** Every occurrence replaced (an empty search puts the replacement between characters); most searches find nothing, and copy nothing. */
function replaceAll(value: string, search: string, replacement: string): string {
  if (search !== '' && !value.includes(search)) return value;
  return value.split(search).join(replacement);
}

function proxyMethod(proxy: RestProxy, name: string, args: SnippetValue[], host: SnippetHost): SnippetValue {
  if (name === 'AddHeader' && args.length === 2) {
    proxy.headers.push([text(args[0]!, host), text(args[1]!, host)]);
    return '';
  }
  throw new EngineError(`unknown REST proxy method \`${name}\` with ${args.length} argument(s)`, host.where);
}

/**
 * `MakeRestRequest(url, payload, 0, verb)`: parser 0 is JSON. The answer becomes a dynamic object
 * and StatusCode is set. UNVERIFIED: a timeout, a failed connection or an answer that is not JSON
 * is modelled as a runtime error (the Snippet's Error branch); HELP documents only status -1.
 */
function* restRequest(
  proxy: RestProxy,
  [url, payload, parser, verb]: SnippetValue[],
  host: SnippetHost,
): Generator<HttpRequest, SnippetValue, HttpReply> {
  if (host.endpoint === undefined) throw new EngineError('a REST request outside an http step', host.where);
  if (text(parser!, host) !== '0') throw new EngineError('MakeRestRequest with a parser other than 0 (JSON)', host.where);
  const body = text(payload!, host);
  const headers: Record<string, string> = {};
  for (const [name, value] of proxy.headers) headers[name.toLowerCase()] = value;
  if (body !== '') headers['content-type'] = proxy.contentType;
  const request: HttpRequest = {
    endpoint: host.endpoint,
    method: text(verb!, host),
    url: text(url!, host),
    headers,
    timeoutSeconds: proxy.timeoutSeconds,
  };
  if (body !== '') request.body = body;
  const reply = yield request;
  if (reply.kind !== 'response') throw new SnippetFailure(`REST request ${reply.kind}`);
  proxy.statusCode = reply.status;
  return fromJson(reply.body);
}

/** A REST answer parsed as JSON into a dynamic object; not JSON is a runtime failure. */
export function fromJson(body: string): DynamicObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new SnippetFailure('the answer is not JSON');
  }
  return toDynamic(parsed);
}

/** JSON into a dynamic object. UNVERIFIED: an array or a scalar answer gives an object with no members; null reads as "". */
function toDynamic(value: unknown): DynamicObject {
  const object = new DynamicObject();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return object;
  for (const [key, item] of Object.entries(value))
    object.members.set(
      key,
      item !== null && typeof item === 'object' ? toDynamic(item) : item === null ? '' : typeof item === 'number' ? item : String(item),
    );
  return object;
}

/** `asjson()` treats every value as a string (docs/cxone.md §3). */
function asJson(object: DynamicObject, host: SnippetHost): Record<string, unknown> {
  return Object.fromEntries(
    [...object.members].map(([key, value]) => [key, value instanceof DynamicObject ? asJson(value, host) : text(value, host)]),
  );
}

/** A value as text, as `{var}` substitution writes it. */
export function text(value: SnippetValue, host: Pick<SnippetHost, 'where'>): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  throw new EngineError('an object used as text', host.where);
}

/** `{name}` and `{object.member}`; an unset variable is "". `{{secret_X}}` is what the deployment fills with the token. */
export function interpolate(parts: readonly StringPart[], host: SnippetHost): string {
  let result = '';
  for (const part of parts) {
    if ('text' in part) result += deployed(part.text);
    else {
      const { name, field } = splitReference(part.ref);
      result += substitute(name, field, host);
    }
  }
  return result;
}

/** `{name}` or `{name.member}` as the variable and its member. */
export function splitReference(ref: string): { name: string; field: string | undefined } {
  const dot = ref.indexOf('.');
  return dot < 0 ? { name: ref, field: undefined } : { name: ref.slice(0, dot), field: ref.slice(dot + 1) };
}

export function substitute(name: string, field: string | undefined, host: SnippetHost): string {
  const value = host.variables.get(name) ?? host.system(name) ?? '';
  if (field === undefined) return text(value, host);
  return value instanceof DynamicObject ? text(value.members.get(field) ?? '', host) : '';
}

/** Deploy-time placeholders: the bearer token's becomes its stand-in; the others stay as written (the spec engine keeps them too). */
export function deployed(textPart: string): string {
  if (!textPart.includes('{{')) return textPart;
  return textPart.replace(/\{\{secret_([A-Za-z0-9_]+)\}\}/g, (_, secret: string) => secretStandIn(secret));
}
