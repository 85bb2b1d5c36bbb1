/**
 * The ivrflow spec, versions 1 and 1.1 (src/flowspec/spec-version.ts), as TypeScript types. schemas/ivrflow.schema.json is the source of
 * truth for its shape; these types describe data that passed that schema.
 */

import { ownEntry } from '../util/own.js';

export type Literal = string | number | boolean;
export type ValueType = 'string' | 'integer' | 'number' | 'boolean';
export interface RefValue {
  ref: string;
}
export type Value = Literal | RefValue;
export type SpecVersion = 1 | 1.1;

export interface FlowSpec {
  /** 1.1 adds the features of src/flowspec/spec-version.ts. */
  ivrflow: SpecVersion;
  name: string;
  id?: string;
  description?: string;
  language: string;
  /** Spec 1.1: the files whose steps, variables, endpoints and secrets are merged in (`include.ts`). */
  include?: string[];
  start: string;
  secrets?: Record<string, SecretSpec>;
  variables?: Record<string, VariableSpec>;
  endpoints?: Record<string, EndpointSpec>;
  queues?: Record<string, QueueSpec>;
  secure?: SecureSectionSpec;
  steps: Record<string, StepSpec>;
  targets?: TargetsSpec;
}

export interface SecretSpec {
  description?: string;
  use?: 'bearerToken' | 'signingKey';
}

export interface VariableSpec {
  type: ValueType;
  sensitive?: boolean;
  /** `identifier`: the value names the caller (an account or member number) and is not a credential, even when the verifier receives it. */
  role?: 'identifier';
  description?: string;
  initial?: Literal;
  /** A token from a PCI-compliant capture standing for card data (see rule no-card-data). */
  pciToken?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An answer whose fields the flow may read. */
export interface ResponseFieldsSpec {
  fields: Record<string, ValueType>;
  success?: { field: string; equals: Literal };
}

export interface EndpointSpec {
  description?: string;
  method: HttpMethod;
  url: string;
  timeoutSeconds: number;
  international?: boolean;
  verifiesCredential?: boolean;
  /** Why this endpoint is a verifier too: required on each when one credential is sent to more than one. */
  verifierReason?: string;
  auth?: { bearer: string };
  headers?: Record<string, string>;
  body?: Record<string, Value>;
  /** 1.1: values of the url's `{name}` path parameters. */
  path?: Record<string, Value>;
  /** 1.1: query parameters appended to the url. */
  query?: Record<string, Value>;
  /** 1.1: `none` when any 2xx status alone is success, `{ successStatuses }` when one of those alone is. */
  response: ResponseFieldsSpec | 'none' | StatusOnlyResponseSpec;
}

/** Spec 1.1: success is one of these 2xx statuses alone; another 2xx is the failure path. */
export interface StatusOnlyResponseSpec {
  successStatuses: number[];
}

export interface QueueSpec {
  description?: string;
}

export interface SecureSectionSpec {
  entry: string;
  onUnavailable: string;
  exports?: string[];
}

export interface RouteTargetSpec {
  queue: string;
  priority?: number;
  skills?: string[];
}

export type ComparisonOperator = 'equals' | 'notEquals' | 'in' | 'exists' | 'greaterThan' | 'lessThan' | 'atLeast' | 'atMost';

export type ComparisonSpec = { ref: string } & Partial<Record<ComparisonOperator, Literal | Literal[]>>;

export type ConditionSpec = ComparisonSpec | { all: ConditionSpec[] } | { any: ConditionSpec[] } | { not: ConditionSpec };

/** Spec 1.1 object form of a prompt part (docs/spec.md, "Prompts"): a `{tts}` template, or prerecorded `audio` with `tts` as its fallback. */
export interface PromptPartSpec {
  tts: string;
  audio?: string;
}

/** A plain string (literal TTS), one part, or a sequence of them (spec 1.1). */
export type PromptSpec = string | PromptPartSpec | (string | PromptPartSpec)[];

interface StepBase {
  description?: string;
}

export interface PlayStepSpec extends StepBase {
  type: 'play';
  prompt: PromptSpec;
  next: string;
}

export interface GatherStepSpec extends StepBase {
  type: 'gather';
  prompt: PromptSpec;
  into: string;
  digits: number | { min: number; max: number };
  terminator?: '#' | '*';
  timeoutSeconds: number;
  interDigitTimeoutSeconds?: number;
  sensitive?: boolean;
  next: string;
  onNoInput: string;
}

export interface HttpStepSpec extends StepBase {
  type: 'http';
  endpoint: string;
  result: string;
  onSuccess: string;
  /** Absent only when the endpoint has plain `response: none`, where no answer is a failure (checks/http-outcomes.ts). */
  onFailure?: string;
  onTimeout: string;
}

export interface ConditionStepSpec extends StepBase {
  type: 'condition';
  if: ConditionSpec;
  then: string;
  else: string;
}

export interface AssignStepSpec extends StepBase {
  type: 'assign';
  set: Record<string, Value>;
  next: string;
}

export interface SetAttributesStepSpec extends StepBase {
  type: 'setAttributes';
  attributes: Record<string, Value>;
  next: string;
}

export interface RetryStepSpec extends StepBase {
  type: 'retry';
  maxAttempts: number;
  body: string;
  onExhausted: string;
}

export interface RouteStepSpec extends StepBase {
  type: 'route';
  prompt?: PromptSpec;
  queue?: string;
  priority?: number;
  skills?: string[];
  by?: RefValue;
  cases?: Record<string, RouteTargetSpec>;
  default?: RouteTargetSpec;
  onFailure?: string;
}

/** One key of a menu; YAML may write a digit key as a number. */
export interface MenuChoiceSpec {
  key: string | number;
  description?: string;
  next: string;
}

/** Spec 1.1: a prompt, one key, a transition per listed key. */
export interface MenuStepSpec extends StepBase {
  type: 'menu';
  prompt: PromptSpec;
  choices: MenuChoiceSpec[];
  timeoutSeconds: number;
  /** How many times the prompt is played in all (default 3). */
  attempts?: number;
  onNoInput: string;
  onNoMatch: string;
}

/** Spec 1.1: where a transfer sends the call, exactly one of the two. */
export type TransferTargetSpec = { number: string | RefValue } | { flow: string };

/** Spec 1.1: hand the call to an outside number or another flow; the call leaves this flow. */
export interface TransferStepSpec extends StepBase {
  type: 'transfer';
  prompt?: PromptSpec;
  to: TransferTargetSpec;
  /** Where the call goes when the platform reports the transfer failed (not in the secure section: transfers there are blind). */
  onFailure?: string;
}

export interface DisconnectStepSpec extends StepBase {
  type: 'disconnect';
  prompt?: PromptSpec;
}

export type StepSpec =
  | PlayStepSpec
  | GatherStepSpec
  | HttpStepSpec
  | ConditionStepSpec
  | AssignStepSpec
  | SetAttributesStepSpec
  | RetryStepSpec
  | RouteStepSpec
  | MenuStepSpec
  | TransferStepSpec
  | DisconnectStepSpec;

export type StepType = StepSpec['type'];

export interface TargetsSpec {
  genesys?: {
    inboundFlowName?: string;
    secureFlowName?: string;
    division?: string;
    integration?: string;
    dataActions?: Record<string, string>;
    queues?: Record<string, string>;
  };
  cxone?: {
    scriptName?: string;
    /** The business unit (the access token's `icBUId`); a number, digits, or a `{{placeholder}}`. */
    busNo?: number | string;
    /** Per queue: a numeric skill id, or the skill's name. */
    skills?: Record<string, string | number>;
  };
}

/** The default number of times a menu plays its prompt. */
export const DEFAULT_MENU_ATTEMPTS = 3;

/** A choice's key as text: `1` and `"1"` are the same key. */
export function menuKey(choice: MenuChoiceSpec): string {
  return String(choice.key);
}

export function isRefValue(value: Value): value is RefValue {
  return typeof value === 'object' && value !== null;
}

/** The endpoint's answer is its status alone (`response: none` or `{ successStatuses }`): no body is read. */
export function isStatusOnly(endpoint: EndpointSpec): boolean {
  return endpoint.response === 'none' || 'successStatuses' in endpoint.response;
}

/** The listed success statuses of `response: { successStatuses }`, if the endpoint has them. */
export function successStatusesOf(endpoint: EndpointSpec): number[] | undefined {
  return typeof endpoint.response === 'object' && 'successStatuses' in endpoint.response ? endpoint.response.successStatuses : undefined;
}

/** The fields an endpoint's answer gives the flow: none when its status is the whole answer. */
export function responseFieldsOf(endpoint: EndpointSpec): Record<string, ValueType> {
  return endpoint.response === 'none' || 'successStatuses' in endpoint.response ? {} : endpoint.response.fields;
}

/**
 * The declared type of one response field. An own-property lookup: a spec may name any field,
 * `__proto__` or `constructor` included, and must not read the object's prototype.
 */
export function responseFieldType(endpoint: EndpointSpec, field: string): ValueType | undefined {
  return ownEntry(responseFieldsOf(endpoint), field);
}

/** The endpoint's success check besides a 2xx status, if any. */
export function responseSuccessOf(endpoint: EndpointSpec): { field: string; equals: Literal } | undefined {
  return endpoint.response === 'none' || 'successStatuses' in endpoint.response ? undefined : endpoint.response.success;
}
