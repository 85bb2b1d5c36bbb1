import { REST_API_ROLES, type RestApiRole } from '../catalog/rest-api-roles.js';
import { EngineError, type HttpReply, type HttpRequest } from '../../engine-contract.js';
import { REST_API_SENDS_ON_FAILURE } from '../facts.js';
import { propertyParts } from './property-text.js';
import type { StudioAction } from './script.js';
import { fromJson, interpolate, SnippetFailure, type SnippetHost } from './snippet-run.js';

/**
 * The variable the REST API action leaves the HTTP status in (HELP rest_api, as cited in
 * docs/cxone.md: `__httpstatuscode`). UNVERIFIED: no readable copy of that part of the page.
 */
export const HTTP_STATUS_VARIABLE = '__httpstatuscode';

/**
 * A tenant's REST API action (`--cxone-catalog`), run from the roles of its properties: the same
 * roles the emitter writes them by (catalog/rest-api-roles.ts), found in the action by name, so a
 * catalog that names them differently runs the same way. The answer goes to the result variable as
 * a dynamic object and its status to `__httpstatuscode`; a timeout, a failed connection or an
 * answer that is not JSON takes the error branch (HELP rest_api: JSON responses only). A failure
 * answer is sent again as the action handler does (facts.ts `REST_API_SENDS_ON_FAILURE`); the
 * last answer is the one the script sees.
 */
export function* runRestApiAction(action: StudioAction, host: SnippetHost): Generator<HttpRequest, 'ok' | 'error', HttpReply> {
  if (host.endpoint === undefined) throw new EngineError('a REST API action outside an http step', host.where);
  const text = (role: RestApiRole['role']) => interpolate(propertyParts(roleValue(action, role, host)), host);
  const body = text('body');
  const headers = headerObject(text('headers'), host);
  if (body !== '') headers['content-type'] = 'application/json';
  const timeout = text('timeout');
  if (!/^[0-9]+$/.test(timeout)) throw new EngineError(`a REST API timeout of \`${timeout}\``, host.where);
  const request: HttpRequest = {
    endpoint: host.endpoint,
    method: text('verb'),
    url: text('url'),
    headers,
    timeoutSeconds: Number(timeout),
  };
  if (body !== '') request.body = body;
  let reply = yield request;
  for (let repeat = 1; repeat < REST_API_SENDS_ON_FAILURE && isFailureAnswer(reply); repeat += 1)
    reply = yield { ...request, platformRepeat: repeat };
  if (reply.kind !== 'response') return 'error';
  host.variables.set(HTTP_STATUS_VARIABLE, reply.status);
  try {
    host.variables.set(roleValue(action, 'result', host), fromJson(reply.body));
  } catch (error) {
    if (error instanceof SnippetFailure) return 'error';
    throw error;
  }
  return 'ok';
}

function isFailureAnswer(reply: HttpReply): boolean {
  return reply.kind === 'response' && (reply.status < 200 || reply.status > 299);
}

/** The value of the action's property for `role`; a catalog without one was refused when it was read. */
function roleValue(action: StudioAction, role: RestApiRole['role'], host: SnippetHost): string {
  const names = new Set(REST_API_ROLES.find((candidate) => candidate.role === role)!.names.map((name) => name.toLowerCase()));
  for (const [name, value] of action.properties) if (names.has(name.toLowerCase())) return value;
  throw new EngineError(`the REST API action has no property for its ${role}`, host.where);
}

/** The header property holds a JSON object of names to values (how ivrflow writes it; the tenant format is UNVERIFIED). */
function headerObject(json: string, host: SnippetHost): Record<string, string> {
  if (json === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new EngineError('the REST API headers are not a JSON object', host.where);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new EngineError('the REST API headers are not a JSON object', host.where);
  return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
