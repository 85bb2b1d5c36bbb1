import type { FlowGraph, IrReadable, IrValue } from '../../ir/nodes.js';
import type { CallField } from '../../flowspec/refs.js';
import { assertNever } from '../../util/assert.js';
import { memoizeByString } from '../../util/memo.js';

/**
 * Studio variable names for what the spec reads. Call data maps to reserved variables (HELP
 * reservedvariables: ContactID, ANI, DNIS; `gmt` is UTC in RFC 1123 form, not ISO 8601 — said so
 * in docs/cxone.md). A result field `auth.tier` becomes the flat variable `auth_tier`.
 */
const CALL_VARIABLES: Record<CallField, string> = { id: 'ContactID', ani: 'ANI', dnis: 'DNIS', timestamp: 'gmt' };

export function readableName(value: IrReadable): string {
  switch (value.kind) {
    case 'call':
      return CALL_VARIABLES[value.field];
    case 'variable':
      return value.name;
    case 'result':
      return resultField(value.result, value.field);
    default:
      return assertNever(value);
  }
}

export const resultField = (result: string, field: string): string => variableName(`${result}_${field}`);
/** A Studio variable made from a step, result or secret name, remembered: each is asked for at every action that uses it. */
const variableNamed = (make: (name: string) => string): ((name: string) => string) => memoizeByString((name) => variableName(make(name)));

export const outcomeVariable = variableNamed((result) => `ivrflow_${result}_outcome`);
export const httpStatusVariable = variableNamed((result) => `ivrflow_${result}_http_status`);
export const requestVariable = variableNamed((step) => `ivrflow_${step}_request`);
export const requestObjectVariable = variableNamed((step) => `ivrflow_${step}_request_body`);
export const headersVariable = variableNamed((step) => `ivrflow_${step}_headers`);
export const responseVariable = variableNamed((step) => `ivrflow_${step}_response`);
export const tokenVariable = variableNamed((secret) => `ivrflow_token_${secret}`);
export const counterVariable = variableNamed((retry) => `ivrflow_tries_${retry}`);
export const validVariable = variableNamed((gather) => `ivrflow_${gather}_valid`);
/** The first digits of an entry while the gather checks how many arrived (sanitizeDigitsCode in emit/templates.ts). */
export const probeVariable = variableNamed((gather) => `ivrflow_${gather}_probe`);
/** The key a menu's caller pressed, and how many tries the menu has had. */
export const menuKeyVariable = variableNamed((menu) => `ivrflow_${menu}_key`);
export const menuTriesVariable = variableNamed((menu) => `ivrflow_${menu}_tries`);
export const attributeVariable = variableNamed((attribute) => attribute);

/** The deploy-time placeholder that fills a bearer token; never filled by ivrflow (docs/cxone.md). */
export const secretPlaceholder = (secret: string): string => `{{secret_${secret}}}`;

/** True when the value is, or reads, a sensitive variable. */
export function isSensitive(value: IrValue): boolean {
  return value.kind === 'variable' && value.sensitive;
}

/** `targets.cxone.scriptName`, or the flow's slug (`identity-promotion`), documented in docs/cxone.md. */
export function scriptNameOf(graph: FlowGraph): string {
  return graph.targets.cxone?.scriptName ?? graph.slug;
}

const VALID_VARIABLE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A Studio/Snippet variable name from any spec name: letters, digits and underscores. */
export function variableName(text: string): string {
  // Most names are already valid (ivrflow_<step>_valid): one test instead of a replace and a test.
  if (VALID_VARIABLE.test(text)) return text;
  const name = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(name) ? name : `v_${name}`;
}

/** A readable caption from a step id: `collectOtp` → `Collect Otp`, `route-failed` → `Route Failed`. */
export function caption(id: string, suffix?: string): string {
  const captions = captionsOf(id);
  if (suffix === undefined) return captions.words;
  let text = captions.bySuffix.get(suffix);
  if (text === undefined) {
    if (captions.bySuffix.size >= SUFFIXES_KEPT) captions.bySuffix.clear();
    text = `${captions.words}: ${suffix}`;
    captions.bySuffix.set(suffix, text);
  }
  return text;
}

/** A step's suffixed captions kept: more than a step's own actions have, few enough that no batch grows it. */
const SUFFIXES_KEPT = 64;

/** Between words: dashes, underscores and spaces, or the point where a lower-case letter or digit meets a capital. */
const WORD_BREAK = /[-_\s]+|(?<=[a-z0-9])(?=[A-Z])/;

/**
 * Remembered: the emitter captions each of a step's actions, flow after flow, so the same ids and
 * suffixes come again and again; the same caption is then the same string, which the script text
 * escapes once (script-text.ts).
 */
const captionsOf = memoizeByString((id) => ({
  words: id
    .split(WORD_BREAK)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' '),
  bySuffix: new Map<string, string>(),
}));

/** The url of an http step with path or query values read at run time (spec 1.1), built in its Snippet. */
export const urlVariable = variableNamed((step) => `ivrflow_${step}_url`);
/** One URL-encoded path or query value of that url. */
export const urlValueVariable = (step: string, position: number): string => variableName(`ivrflow_${step}_url_${position}`);

/**
 * The Snippet string function that percent-encodes a path or query value (spec 1.1), called as a
 * method like `.replace()` and `.left()`. UNVERIFIED (docs/cxone.md, *What is UNCONFIRMED*): no NICE
 * help page or published Snippet read for this shows it; the engine models it as RFC 3986 encoding.
 */
export const SNIPPET_URL_ENCODE = 'urlencode';
