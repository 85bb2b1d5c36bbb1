import type { HttpNode, IrEndpoint } from '../../../../ir/nodes.js';
import { invariant } from '../../../../util/assert.js';
import { action, assignAction, snippetAction } from '../actions.js';
import { catalogEntry } from '../../catalog/index.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { matchCase, named, next, stepKey, type DraftAction, type MapContext } from '../draft.js';
import {
  caption,
  headersVariable,
  httpStatusVariable,
  outcomeVariable,
  readableName,
  requestObjectVariable,
  requestVariable,
  responseVariable,
  resultField,
  secretPlaceholder,
  tokenVariable,
  urlValueVariable,
  urlVariable,
} from '../../conventions.js';
import { urlPieces } from '../../../../ir/url.js';
import { snippetTemplate } from '../escape.js';
import { json, type JsonText } from '../json-text.js';
import { findErrorBranch, findRoleProperty, REST_API_ROLES } from '../../catalog/rest-api-roles.js';
import { httpEvaluateCode, httpHeadersCode, httpPrepareCode, httpProxyCode, httpStatusCode, type HttpSnippetData } from '../templates.js';

/**
 * http → SNIPPET with GetRESTProxy() (docs/cxone.md §3, §6.5), or, with a tenant catalog,
 * SNIPPET (body) → REST API action → SNIPPET (outcome). Then the sensitive values sent are cleared
 * (ASSIGN "") and a CASE on the outcome leads to onSuccess / onFailure; its Default, every Error
 * branch and any status but 200 lead to onTimeout (the service-unavailable path).
 */
export function mapHttp(node: HttpNode, ctx: MapContext): DraftAction[] {
  const endpoint = ctx.graph.endpoints.find((candidate) => candidate.id === node.endpoint);
  invariant(endpoint, `endpoint ${node.endpoint} after validation`);
  const rest = catalogEntry(ctx.catalog, 'RESTAPI');
  const data = templateData(node, endpoint, ctx.specFile, rest !== undefined);
  const sensitive = sensitiveBodyVariables(endpoint);
  const secrets: string[] = [];
  if (data.token) secrets.push(data.token.variable);
  if (sensitive.length > 0) secrets.push(data.requestJson, data.request);
  if (rest && data.token) secrets.push(data.headersJson);
  const outcome = stepKey(node.id, 'outcome');
  const unavailable = ctx.enter(node, node.onTimeout);
  const cleared = clearChain(node, 'clear', sensitive, outcome);
  const errorPath = clearChain(node, 'error-clear', [...sensitive, ...secrets], unavailable);
  const afterCall = cleared[0]?.key ?? outcome;
  const onError = errorPath[0]?.key ?? unavailable;
  const callKey = data.token ? stepKey(node.id, 'request') : stepKey(node.id);
  const statusOnly = endpoint.responseNone && !rest ? statusCheck(node, data, afterCall, onError) : [];
  const call = rest
    ? restApiCall(node, callKey, endpoint, rest, data, afterCall, onError)
    : [snippetAction(callKey, caption(node.id), proxyCode(data), afterCall, statusOnly[0]?.key ?? onError, true)];
  if (data.token) call.unshift(tokenAction(node, data.token, callKey));
  const cases = action(outcome, 'CASE', caption(node.id, 'outcome'), { Variable: data.outcome }, [
    next(unavailable),
    matchCase('success', ctx.enter(node, node.onSuccess)),
    matchCase('failure', ctx.enter(node, node.onFailure)),
  ]);
  return [...call, ...statusOnly, ...cleared, ...errorPath, cases];
}

/**
 * `response: none` (spec 1.1): when the proxy cannot read the answer (an empty 204 body may not parse
 * as JSON; UNVERIFIED, docs/cxone.md), the Snippet takes its Error branch. The status it got is
 * still the whole answer, so a second Snippet judges it; the token is cleared there too.
 */
function statusCheck(node: HttpNode, data: HttpSnippetData, to: string, onError: string): DraftAction[] {
  return [snippetAction(stepKey(node.id, 'status'), caption(node.id, 'status only'), httpStatusCode(data), to, onError)];
}

/**
 * The bearer token's placeholder as the Value of an ASSIGN, never inside Snippet code: the upload
 * step fills it, and the value then lives in the saved script (docs/cxone.md, *Where the token lives*).
 */
function tokenAction(node: HttpNode, token: { variable: string; placeholder: string }, to: string): DraftAction {
  return assignAction(stepKey(node.id), caption(node.id, 'bearer token'), token.variable, token.placeholder, to);
}

function clearChain(node: HttpNode, part: string, variables: readonly string[], to: string): DraftAction[] {
  const keys = variables.map((_, position) => stepKey(node.id, `${part}:${position}`));
  const why = part === 'clear' ? 'clear' : 'on error, clear';
  return variables.map((variable, position) =>
    assignAction(keys[position]!, caption(node.id, `${why} ${variable}`), variable, '', keys[position + 1] ?? to),
  );
}

function sensitiveBodyVariables(endpoint: IrEndpoint): string[] {
  const names = new Set<string>();
  for (const { value } of endpoint.body) if (value.kind === 'variable' && value.sensitive) names.add(value.name);
  return [...names];
}

/**
 * What every Snippet of the step is written from, made once: with a REST API action (`viaAction`)
 * the evaluating Snippet follows it and clears the header text too, else it follows the proxy call
 * (and so does the status-only Snippet, which clears the same).
 */
function templateData(node: HttpNode, endpoint: IrEndpoint, specFile: string, viaAction: boolean): HttpSnippetData {
  const fields = endpoint.responseFields.map((field) => ({ variable: resultField(node.result, field.name), field: field.name }));
  const token =
    endpoint.bearerSecret === undefined
      ? null
      : { variable: tokenVariable(endpoint.bearerSecret), placeholder: secretPlaceholder(endpoint.bearerSecret) };
  const requestJson = requestVariable(node.id);
  const headersJson = headersVariable(node.id);
  const clear: string[] = [];
  if (token) clear.push(token.variable);
  if (viaAction) clear.push(headersJson);
  if (endpoint.body.length > 0) clear.push(requestJson);
  const url = urlData(node, endpoint);
  return {
    header: `// Generated by ivrflow from ${specFile}: step ${node.id}, endpoint ${endpoint.id}. Do not edit.`,
    outcome: outcomeVariable(node.result),
    httpStatus: httpStatusVariable(node.result),
    fields: fields.map((field) => field.variable),
    reads: fields,
    request: requestObjectVariable(node.id),
    requestJson,
    headersJson,
    response: responseVariable(node.id),
    proxy: `ivrflow_proxy`,
    body: endpoint.body.map(({ field, value }) =>
      value.kind === 'literal'
        ? { field, variable: null, literal: String(value.value) }
        : { field, variable: readableName(value), literal: null },
    ),
    sensitiveFields: endpoint.body.filter(({ value }) => value.kind === 'variable' && value.sensitive).map(({ field }) => field),
    token,
    headers: endpoint.headers,
    url: endpoint.url,
    method: endpoint.method,
    timeout: Math.ceil(endpoint.timeoutSeconds),
    success: endpoint.success
      ? { variable: resultField(node.result, endpoint.success.field), value: String(endpoint.success.equals) }
      : null,
    successStatuses: endpoint.successStatuses ?? null,
    fromAction: viaAction,
    clear,
    urlValues: url.urlValues,
    urlVariable: url.urlVariable,
    urlText: url.urlText,
  };
}

/**
 * Spec 1.1: with path or query values read at run time, the Snippet URL-encodes each one
 * (`.urlencode()`, UNVERIFIED: conventions.ts) and builds the url in a variable; literal values are
 * already encoded in the text. Without any, the url stays one string, as before.
 */
function urlData(node: HttpNode, endpoint: IrEndpoint) {
  const pieces = urlPieces(endpoint);
  const values = pieces.flatMap((piece) => (piece.kind === 'value' ? [piece] : []));
  if (values.length === 0) return { urlValues: [], urlVariable: null, urlText: null };
  const urlValues = values.map((piece, position) => ({ variable: urlValueVariable(node.id, position), source: readableName(piece.value) }));
  let position = 0;
  const parts = pieces.map((piece) => (piece.kind === 'text' ? { text: piece.text } : { variable: urlValues[position++]!.variable }));
  return { urlValues, urlVariable: urlVariable(node.id), urlText: snippetTemplate(parts) };
}

/** One SNIPPET does it all: body, proxy call, outcome; the token and the request text are cleared inside it. */
function proxyCode(data: HttpSnippetData): JsonText {
  return json`${httpPrepareCode(data)}\n${httpProxyCode(data)}\n${httpEvaluateCode(data)}`;
}

/** With a tenant's REST API action: its property names come from the catalog (rest-api-roles.ts, UNVERIFIED). */
function restApiCall(
  node: HttpNode,
  entry: string,
  endpoint: IrEndpoint,
  rest: CatalogEntry,
  data: HttpSnippetData,
  to: string,
  onError: string,
): DraftAction[] {
  const property = (role: string) =>
    findRoleProperty(
      rest,
      REST_API_ROLES.find((candidate) => candidate.role === role)!,
    )!;
  const callKey = stepKey(node.id, 'call');
  const evaluateKey = stepKey(node.id, 'evaluate');
  const prepare = json`${httpPrepareCode(data)}\n${httpHeadersCode(data)}`;
  const properties = {
    [property('verb')]: endpoint.method,
    [property('url')]: data.urlVariable === null ? endpoint.url : `{${data.urlVariable}}`,
    [property('body')]: endpoint.body.length > 0 ? `{${data.requestJson}}` : '',
    [property('headers')]: `{${data.headersJson}}`,
    [property('timeout')]: String(data.timeout),
    [property('result')]: data.response,
  };
  const errorBranch = findErrorBranch(rest)!;
  return [
    snippetAction(entry, caption(node.id, 'request'), prepare, callKey, onError),
    action(callKey, 'RESTAPI', caption(node.id), properties, [next(evaluateKey), named(errorBranch, onError)]),
    snippetAction(evaluateKey, caption(node.id, 'check answer'), httpEvaluateCode(data), to, onError),
  ];
}
