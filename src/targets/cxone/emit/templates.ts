import { invariant } from '../../../util/assert.js';
import { jsonObjectSnippet, snippetString, snippetStringWithPlaceholders } from './escape.js';

/**
 * The Snippet code the emitter writes, as plain functions of their data. Each only lays out text:
 * every spec value goes through `str` (a quoted, escaped Snippet string), `ident` (a checked
 * variable name), `int` or `comment`; `subst`, `member`, `padded` and `bearer` write the
 * `"{variable}"` substitutions. These were Handlebars templates, and Handlebars' runtime (context
 * lookups, helper wrappers, block frames) was most of their cost; the Handlebars templates are kept
 * as the reference in test/targets/cxone/emit/snippet-templates/, and snippet-templates.test.ts
 * holds these functions to them byte for byte, on hostile values too.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function ident(value: string): string {
  invariant(typeof value === 'string' && IDENT.test(value), `not a Snippet identifier: ${String(value)}`);
  return value;
}

function int(value: number): string {
  invariant(typeof value === 'number' && Number.isInteger(value), `not an integer: ${String(value)}`);
  return String(value);
}

const str = (value: unknown): string => snippetString(String(value));
const comment = (value: string): string => String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
const subst = (name: string): string => `"{${ident(name)}}"`;
const member = (object: string, field: string): string => `"{${ident(object)}.${ident(field)}}"`;
const bearer = (name: string): string => `"Bearer {${ident(name)}}"`;

function padded(name: string, count: number): string {
  invariant(typeof count === 'number' && Number.isInteger(count) && count > 0, `not a padding length: ${String(count)}`);
  return `"{${ident(name)}}${'x'.repeat(count)}"`;
}

/** One line per item, each with its newline: a Handlebars `{{#each}}` of one standalone line. */
function eachLine<T>(items: readonly T[] | null, line: (item: T) => string): string {
  let text = '';
  if (items) for (const item of items) text += `${line(item)}\n`;
  return text;
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
export function assignLiteralCode(data: AssignLiteralData): string {
  return `${comment(data.header)}\nASSIGN ${ident(data.variable)} = ${str(data.value)}`;
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
export function sanitizeDigitsCode(data: SanitizeDigitsData): string {
  const variable = ident(data.variable);
  const probe = ident(data.probe);
  const valid = ident(data.valid);
  const min = int(data.min);
  const max = int(data.max);
  return (
    `${comment(data.header)}\n` +
    `// Keep the digits only: the action strips the terminator (Terminator ${comment(data.terminatorText)}); any other\n` +
    `// DTMF symbol (* # A B C D) is removed here. Digits after the ${max}th do not count (MaxDigits\n` +
    `// leaves room for the terminator, so one more can arrive); then at least ${min} must remain.\n` +
    eachLine(data.symbols, (symbol) => `ASSIGN ${variable} = ${variable}.replace(${str(symbol)}, "")`) +
    '// Padded with x, the entry is longer than every .left() below takes, so .left() never meets a\n' +
    `// shorter string. An x among the first ${min} characters means fewer than ${min} digits came.\n` +
    `ASSIGN ${variable} = ${padded(data.variable, data.padding)}\n` +
    `ASSIGN ${probe} = ${variable}.left(${min})\n` +
    `ASSIGN ${variable} = ${variable}.left(${max})\n` +
    `ASSIGN ${variable} = ${variable}.replace("x", "")\n` +
    `ASSIGN ${valid} = 0\n` +
    `IF ${probe}.replace("x", "") = ${probe}\n` +
    '{\n' +
    `  ASSIGN ${valid} = 1\n` +
    '}\n' +
    'ELSE\n' +
    '{\n' +
    `  ASSIGN ${variable} = ""\n` +
    '}\n' +
    `ASSIGN ${probe} = ""`
  );
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

/** The outcome starts as unavailable, the result fields as ""; then the url and the body are built. */
export function httpPrepareCode(data: HttpSnippetData): string {
  let code =
    `${comment(data.header)}\n` +
    '// Every outcome starts as "unavailable": only a 2xx answer changes it (ivrflow documentation, cxone.md).\n' +
    `ASSIGN ${ident(data.outcome)} = "unavailable"\n` +
    `ASSIGN ${ident(data.httpStatus)} = 0\n` +
    eachLine(data.fields, (field) => `ASSIGN ${ident(field)} = ""`);
  if (present(data.urlVariable))
    code +=
      '// Each path or query value is URL-encoded, so it cannot leave its place in the url (spec 1.1).\n' +
      eachLine(data.urlValues, (value) => `ASSIGN ${ident(value.variable)} = ${ident(value.source)}.urlencode()`) +
      `ASSIGN ${ident(data.urlVariable!)} = ${data.urlText ?? ''}\n`;
  if (present(data.body))
    code +=
      '// The body is a DYNAMIC object serialised by asjson(): no caller input is ever spliced into JSON text.\n' +
      `DYNAMIC ${ident(data.request)}\n` +
      eachLine(
        data.body,
        (entry) => `${ident(data.request)}.${ident(entry.field)} = ${entry.variable ? subst(entry.variable) : str(entry.literal)}`,
      ) +
      `ASSIGN ${ident(data.requestJson)} = ${ident(data.request)}.asjson()\n` +
      eachLine(data.sensitiveFields, (field) => `${ident(data.request)}.${ident(field)} = ""`);
  if (present(data.token))
    code += '// The bearer token variable was set by the ASSIGN before this snippet (ivrflow documentation, cxone.md); it is redacted.\n';
  return code.trimEnd();
}

/** The request through GetRESTProxy(): headers, the call, the status it got. */
export function httpProxyCode(data: HttpSnippetData): string {
  const proxy = ident(data.proxy);
  const url = present(data.urlVariable) ? ident(data.urlVariable!) : snippetStringWithPlaceholders(String(data.url));
  const body = present(data.body) ? ident(data.requestJson) : '""';
  return (
    `ASSIGN ${proxy} = GetRESTProxy()\n` +
    `${proxy}.ContentType = "application/json"\n` +
    `${proxy}.ProxyTimeoutSeconds = ${int(data.timeout)}\n` +
    (present(data.token) ? `${proxy}.AddHeader("Authorization", ${bearer(data.token!.variable)})\n` : '') +
    eachLine(data.headers, (header) => `${ident(data.proxy)}.AddHeader(${str(header.name)}, ${str(header.value)})`) +
    `ASSIGN ${ident(data.response)} = ${proxy}.MakeRestRequest(${url}, ${body}, 0, ${str(data.method)})\n` +
    `ASSIGN ${ident(data.httpStatus)} = ${proxy}.StatusCode`
  );
}

/** The request headers for a tenant's REST API action, as JSON text in a variable. */
export function httpHeadersCode(data: HttpSnippetData): string {
  const token = data.token ? ident(data.token.variable) : undefined;
  return (
    "// Request headers for the REST API action as JSON text (that property's format is UNVERIFIED: ivrflow documentation, cxone.md).\n" +
    `ASSIGN ${ident(data.headersJson)} = ${jsonObjectSnippet(data.headers, token)}`
  );
}

/** Before the check of `response: { successStatuses }` (listedSuccess). */
const LISTED_COMMENT = '  // `response: { successStatuses }`: only a listed status is success; another 2xx is a failure.\n';

/** The outcome from the HTTP status, then from the success field or the listed statuses. */
export function httpEvaluateCode(data: HttpSnippetData): string {
  const status = ident(data.httpStatus);
  const outcome = ident(data.outcome);
  let code = data.fromAction ? `${comment(data.header)}\nASSIGN ${status} = __httpstatuscode\n` : '';
  code +=
    eachLine(data.clear, (name) => `ASSIGN ${ident(name)} = ""`) +
    '// HTTP status first; then the success field must exist and match (a missing key reads as "").\n' +
    `IF ${status} >= 200 & ${status} <= 299\n` +
    '{\n' +
    `  ASSIGN ${outcome} = "failure"\n` +
    eachLine(data.reads, (read) => `  ASSIGN ${ident(read.variable)} = ${member(data.response, read.field)}`);
  if (present(data.successStatuses)) code += LISTED_COMMENT + listedSuccess(data);
  else if (present(data.success)) {
    const success = ident(data.success!.variable);
    code += `  IF ${success} != "" & ${success} = ${str(data.success!.value)}\n  {\n    ASSIGN ${outcome} = "success"\n  }\n`;
  } else code += `  ASSIGN ${outcome} = "success"\n`;
  return `${code}}`;
}

/** `response: none`: no answer to read, so the status alone decides (after the sent secrets are cleared). */
export function httpStatusCode(data: HttpSnippetData): string {
  const status = ident(data.httpStatus);
  return (
    `${comment(data.header)}\n` +
    '// `response: none`: the answer could not be read, but its HTTP status is the whole answer.\n' +
    eachLine(data.clear, (name) => `ASSIGN ${ident(name)} = ""`) +
    `ASSIGN ${status} = ${ident(data.proxy)}.StatusCode\n` +
    `IF ${status} >= 200 & ${status} <= 299\n` +
    '{\n' +
    (present(data.successStatuses)
      ? `${LISTED_COMMENT}  ASSIGN ${ident(data.outcome)} = "failure"\n${listedSuccess(data)}`
      : `  ASSIGN ${ident(data.outcome)} = "success"\n`) +
    '}'
  );
}

/** `response: { successStatuses }`: `IF <status> = 204 | <status> = 202`, inside the 2xx check. */
function listedSuccess(data: HttpSnippetData): string {
  const status = ident(data.httpStatus);
  const listed = data.successStatuses!.map((code) => `${status} = ${int(code)}`).join(' | ');
  return `  IF ${listed}\n  {\n    ASSIGN ${ident(data.outcome)} = "success"\n  }\n`;
}
