import { invariant } from '../../../util/assert.js';
import { jsonObjectSnippet, snippetString, snippetStringWithPlaceholders } from './escape.js';
import { json, JsonText } from './json-text.js';

/**
 * The Snippet code the emitter writes, as plain functions of their data. Each only lays out text:
 * every spec value goes through `str` (a quoted, escaped Snippet string), `ident` (a checked
 * variable name), `int` or `comment`; `subst`, `member`, `padded` and `bearer` write the
 * `"{variable}"` substitutions. These were Handlebars templates, and Handlebars' runtime (context
 * lookups, helper wrappers, block frames) was most of their cost; the Handlebars templates are kept
 * as the reference in test/targets/cxone/emit/snippet-templates/, and snippet-templates.test.ts
 * holds these functions to them byte for byte, on hostile values too. The code is written already
 * JSON-escaped (`json`, json-text.ts): the script file holds it as a JSON string.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A checked Snippet identifier: letters, digits and `_`, so it is its own JSON text (the json tag need not look at it). */
function ident(value: string): JsonText {
  invariant(typeof value === 'string' && IDENT.test(value), `not a Snippet identifier: ${String(value)}`);
  return new JsonText(value);
}

function int(value: number): string {
  invariant(typeof value === 'number' && Number.isInteger(value), `not an integer: ${String(value)}`);
  return String(value);
}

/**
 * A Snippet string literal (`"…"` or `$"…"`, escape.ts) as JsonText: its quotes are known, so only
 * the text between them is looked at (most of it needs no JSON escape at all).
 */
function literal(snippet: string): JsonText {
  return snippet.startsWith('$') ? json`$"${snippet.slice(2, -1)}"` : json`"${snippet.slice(1, -1)}"`;
}

const str = (value: unknown): JsonText => literal(snippetString(String(value)));
const comment = (value: string): string => String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
const subst = (name: string): JsonText => json`"{${ident(name)}}"`;
const member = (object: string, field: string): JsonText => json`"{${ident(object)}.${ident(field)}}"`;
const bearer = (name: string): JsonText => json`"Bearer {${ident(name)}}"`;

function padded(name: string, count: number): JsonText {
  invariant(typeof count === 'number' && Number.isInteger(count) && count > 0, `not a padding length: ${String(count)}`);
  return json`"{${ident(name)}}${'x'.repeat(count)}"`;
}

/** One line per item, each with its newline: a Handlebars `{{#each}}` of one standalone line. */
function eachLine<T>(items: readonly T[] | null, line: (item: T) => JsonText): JsonText {
  let text = '';
  if (items) for (const item of items) text += `${line(item).json}\\n`;
  return new JsonText(text);
}

/** What Handlebars' `{{#if}}` counts as present: a truthy value that is not an empty list. */
function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export interface AssignLiteralData {
  header: string;
  variable: string;
  value: string;
}

/** A literal Studio's ASSIGN would misread (`{`, quotes, newlines), set as an escaped Snippet string. */
export function assignLiteralCode(data: AssignLiteralData): JsonText {
  return json`${comment(data.header)}\nASSIGN ${ident(data.variable)} = ${str(data.value)}`;
}

export interface SanitizeDigitsData {
  header: string;
  terminatorText: string;
  symbols: readonly string[];
  variable: string;
  probe: string;
  padding: number;
  valid: string;
  min: number;
  max: number;
}

/** A gather's entry: digits only, at most `max` of them, then at least `min` or it is cleared. */
export function sanitizeDigitsCode(data: SanitizeDigitsData): JsonText {
  const variable = ident(data.variable);
  const probe = ident(data.probe);
  const valid = ident(data.valid);
  const min = int(data.min);
  const max = int(data.max);
  const symbols = eachLine(data.symbols, (symbol) => json`ASSIGN ${variable} = ${variable}.replace(${str(symbol)}, "")`);
  return json`${comment(data.header)}
// Keep the digits only: the action strips the terminator (Terminator ${comment(data.terminatorText)}); any other
// DTMF symbol (* # A B C D) is removed here. Digits after the ${max}th do not count (MaxDigits
// leaves room for the terminator, so one more can arrive); then at least ${min} must remain.
${symbols}// Padded with x, the entry is longer than every .left() below takes, so .left() never meets a
// shorter string. An x among the first ${min} characters means fewer than ${min} digits came.
ASSIGN ${variable} = ${padded(data.variable, data.padding)}
ASSIGN ${probe} = ${variable}.left(${min})
ASSIGN ${variable} = ${variable}.left(${max})
ASSIGN ${variable} = ${variable}.replace("x", "")
ASSIGN ${valid} = 0
IF ${probe}.replace("x", "") = ${probe}
{
  ASSIGN ${valid} = 1
}
ELSE
{
  ASSIGN ${variable} = ""
}
ASSIGN ${probe} = ""`;
}

/** What an http step's Snippets are written from (nodes/http.ts builds it). */
export interface HttpSnippetData {
  header: string;
  outcome: string;
  httpStatus: string;
  fields: readonly string[];
  reads: readonly { variable: string; field: string }[];
  request: string;
  requestJson: string;
  headersJson: string;
  response: string;
  proxy: string;
  body: readonly ({ field: string; variable: string; literal: null } | { field: string; variable: null; literal: string })[];
  sensitiveFields: readonly string[];
  token: { variable: string; placeholder: string } | null;
  headers: readonly { name: string; value: string }[];
  url: string;
  method: string;
  timeout: number;
  success: { variable: string; value: string } | null;
  successStatuses: readonly number[] | null;
  /** The evaluating Snippet follows a REST API action (it reads the status itself) instead of the proxy call. */
  fromAction: boolean;
  /** The variables the evaluating Snippet clears first. */
  clear: readonly string[];
  urlValues: readonly { variable: string; source: string }[];
  urlVariable: string | null;
  urlText: string | null;
}

/**
 * The outcome starts as unavailable, the result fields as ""; then the url and the body are built.
 * The Handlebars template's text was trimmed at the end: every last line but the url's ends in
 * code, so only the newline goes, and the url line is trimmed itself when it comes last.
 */
export function httpPrepareCode(data: HttpSnippetData): JsonText {
  let code = json`${comment(data.header)}
// Every outcome starts as "unavailable": only a 2xx answer changes it (ivrflow documentation, cxone.md).
ASSIGN ${ident(data.outcome)} = "unavailable"
ASSIGN ${ident(data.httpStatus)} = 0
${eachLine(data.fields, (field) => json`ASSIGN ${ident(field)} = ""`)}`;
  const body = present(data.body);
  const token = present(data.token);
  if (present(data.urlVariable)) {
    const urlLine = `ASSIGN ${ident(data.urlVariable!).json} = ${data.urlText ?? ''}`;
    const values = eachLine(data.urlValues, (value) => json`ASSIGN ${ident(value.variable)} = ${ident(value.source)}.urlencode()`);
    code = json`${code}// Each path or query value is URL-encoded, so it cannot leave its place in the url (spec 1.1).
${values}${body || token ? `${urlLine}\n` : urlLine.trimEnd()}`;
    if (!body && !token) return code;
  }
  if (body) {
    const request = ident(data.request);
    const members = eachLine(
      data.body,
      (entry) => json`${request}.${ident(entry.field)} = ${entry.variable ? subst(entry.variable) : str(entry.literal)}`,
    );
    code = json`${code}// The body is a DYNAMIC object serialised by asjson(): no caller input is ever spliced into JSON text.
DYNAMIC ${request}
${members}ASSIGN ${ident(data.requestJson)} = ${request}.asjson()
${eachLine(data.sensitiveFields, (field) => json`${request}.${ident(field)} = ""`)}`;
  }
  if (token)
    code = json`${code}// The bearer token variable was set by the ASSIGN before this snippet (ivrflow documentation, cxone.md); it is redacted.
`;
  return withoutLastNewline(code);
}

/** The text but its final newline, which every part above ends with (escaped: two characters). */
function withoutLastNewline(code: JsonText): JsonText {
  return new JsonText(code.json.slice(0, -2));
}

/** The request through GetRESTProxy(): headers, the call, the status it got. */
export function httpProxyCode(data: HttpSnippetData): JsonText {
  const proxy = ident(data.proxy);
  const url = present(data.urlVariable) ? ident(data.urlVariable!) : literal(snippetStringWithPlaceholders(String(data.url)));
  const body = present(data.body) ? ident(data.requestJson) : '""';
  const authorization = present(data.token) ? json`${proxy}.AddHeader("Authorization", ${bearer(data.token!.variable)})\n` : '';
  const headers = eachLine(data.headers, (header) => json`${ident(data.proxy)}.AddHeader(${str(header.name)}, ${str(header.value)})`);
  return json`ASSIGN ${proxy} = GetRESTProxy()
${proxy}.ContentType = "application/json"
${proxy}.ProxyTimeoutSeconds = ${int(data.timeout)}
${authorization}${headers}ASSIGN ${ident(data.response)} = ${proxy}.MakeRestRequest(${url}, ${body}, 0, ${str(data.method)})
ASSIGN ${ident(data.httpStatus)} = ${proxy}.StatusCode`;
}

/** The request headers for a tenant's REST API action, as JSON text in a variable. */
export function httpHeadersCode(data: HttpSnippetData): JsonText {
  const token = data.token ? ident(data.token.variable).json : undefined;
  return json`// Request headers for the REST API action as JSON text (that property's format is UNVERIFIED: ivrflow documentation, cxone.md).
ASSIGN ${ident(data.headersJson)} = ${jsonObjectSnippet(data.headers, token)}`;
}

/** Before the check of `response: { successStatuses }` (listedSuccess). */
const LISTED_COMMENT = json`  // \`response: { successStatuses }\`: only a listed status is success; another 2xx is a failure.
`;

/** The outcome from the HTTP status, then from the success field or the listed statuses. */
export function httpEvaluateCode(data: HttpSnippetData): JsonText {
  const status = ident(data.httpStatus);
  const outcome = ident(data.outcome);
  const fromAction = data.fromAction ? json`${comment(data.header)}\nASSIGN ${status} = __httpstatuscode\n` : '';
  const reads = eachLine(data.reads, (read) => json`  ASSIGN ${ident(read.variable)} = ${member(data.response, read.field)}`);
  return json`${fromAction}${eachLine(data.clear, (name) => json`ASSIGN ${ident(name)} = ""`)}// HTTP status first; then the success field must exist and match (a missing key reads as "").
IF ${status} >= 200 & ${status} <= 299
{
  ASSIGN ${outcome} = "failure"
${reads}${successCheck(data, outcome)}}`;
}

/** Inside the 2xx check: the listed statuses, the success field, or success outright. */
function successCheck(data: HttpSnippetData, outcome: JsonText): JsonText {
  if (present(data.successStatuses)) return json`${LISTED_COMMENT}${listedSuccess(data)}`;
  if (!present(data.success)) return json`  ASSIGN ${outcome} = "success"\n`;
  const success = ident(data.success!.variable);
  return json`  IF ${success} != "" & ${success} = ${str(data.success!.value)}
  {
    ASSIGN ${outcome} = "success"
  }
`;
}

/** `response: none`: no answer to read, so the status alone decides (after the sent secrets are cleared). */
export function httpStatusCode(data: HttpSnippetData): JsonText {
  const status = ident(data.httpStatus);
  const decision = present(data.successStatuses)
    ? json`${LISTED_COMMENT}  ASSIGN ${ident(data.outcome)} = "failure"\n${listedSuccess(data)}`
    : json`  ASSIGN ${ident(data.outcome)} = "success"\n`;
  return json`${comment(data.header)}
// \`response: none\`: the answer could not be read, but its HTTP status is the whole answer.
${eachLine(data.clear, (name) => json`ASSIGN ${ident(name)} = ""`)}ASSIGN ${status} = ${ident(data.proxy)}.StatusCode
IF ${status} >= 200 & ${status} <= 299
{
${decision}}`;
}

/** `response: { successStatuses }`: `IF <status> = 204 | <status> = 202`, inside the 2xx check. */
function listedSuccess(data: HttpSnippetData): JsonText {
  const status = ident(data.httpStatus);
  const listed = data.successStatuses!.map((code) => `${status.json} = ${int(code)}`).join(' | ');
  return json`  IF ${listed}
  {
    ASSIGN ${ident(data.outcome)} = "success"
  }
`;
}
