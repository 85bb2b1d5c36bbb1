import type { FlowGraph, IrReadable, IrValue } from '../../ir/nodes.js';
import type { CallField } from '../../flowspec/refs.js';
import { assertNever } from '../../util/assert.js';

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
export const outcomeVariable = (result: string): string => variableName(`ivrflow_${result}_outcome`);
export const httpStatusVariable = (result: string): string => variableName(`ivrflow_${result}_http_status`);
export const requestVariable = (step: string): string => variableName(`ivrflow_${step}_request`);
export const requestObjectVariable = (step: string): string => variableName(`ivrflow_${step}_request_body`);
export const headersVariable = (step: string): string => variableName(`ivrflow_${step}_headers`);
export const responseVariable = (step: string): string => variableName(`ivrflow_${step}_response`);
export const tokenVariable = (secret: string): string => variableName(`ivrflow_token_${secret}`);
export const counterVariable = (retry: string): string => variableName(`ivrflow_tries_${retry}`);
export const validVariable = (gather: string): string => variableName(`ivrflow_${gather}_valid`);
/** The first digits of an entry while the gather checks how many arrived (sanitizeDigitsCode in emit/templates.ts). */
export const probeVariable = (gather: string): string => variableName(`ivrflow_${gather}_probe`);
/** The key a menu's caller pressed, and how many tries the menu has had. */
export const menuKeyVariable = (menu: string): string => variableName(`ivrflow_${menu}_key`);
export const menuTriesVariable = (menu: string): string => variableName(`ivrflow_${menu}_tries`);
export const attributeVariable = (attribute: string): string => variableName(attribute);

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
  const text = captionWords(id);
  return suffix === undefined ? text : `${text}: ${suffix}`;
}

/**
 * The emitter captions each of a step's actions in turn, so the same id comes several times in a
 * row: the last id's words are kept (one entry, so nothing grows), which saves most of the regex work.
 */
let lastCaption = { id: '', words: '' };

/** Between words: dashes, underscores and spaces, or the point where a lower-case letter or digit meets a capital. */
const WORD_BREAK = /[-_\s]+|(?<=[a-z0-9])(?=[A-Z])/;

function captionWords(id: string): string {
  if (id === lastCaption.id) return lastCaption.words;
  const words = id
    .split(WORD_BREAK)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
  lastCaption = { id, words };
  return words;
}

/** The url of an http step with path or query values read at run time (spec 1.1), built in its Snippet. */
export const urlVariable = (step: string): string => variableName(`ivrflow_${step}_url`);
/** One URL-encoded path or query value of that url. */
export const urlValueVariable = (step: string, position: number): string => variableName(`ivrflow_${step}_url_${position}`);

/**
 * The Snippet string function that percent-encodes a path or query value (spec 1.1), called as a
 * method like `.replace()` and `.left()`. UNVERIFIED (docs/cxone.md, *What is UNCONFIRMED*): no NICE
 * help page or published Snippet read for this shows it; the engine models it as RFC 3986 encoding.
 */
export const SNIPPET_URL_ENCODE = 'urlencode';
