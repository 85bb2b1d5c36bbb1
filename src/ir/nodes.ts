import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CallField } from '../flowspec/refs.js';
import type { Transition } from '../flowspec/transitions.js';
import type { ComparisonOperator, HttpMethod, Literal, TargetsSpec, ValueType } from '../flowspec/types.js';

/**
 * The IR: a resolved, typed graph of flow nodes. Every name is checked, every ref is resolved to
 * what it reads and its type, and every node keeps `origin`, the spec path it came from, so an
 * emitter can still point a diagnostic into the YAML.
 */

export type IrValue =
  | { kind: 'literal'; value: Literal; type: ValueType }
  | { kind: 'call'; field: CallField; type: 'string' }
  | { kind: 'variable'; name: string; type: ValueType; sensitive: boolean }
  | { kind: 'result'; result: string; field: string; step: string; endpoint: string; type: ValueType };

export type IrReadable = Exclude<IrValue, { kind: 'literal' }>;

/** A missing value never compares true: every comparison but `exists` is false on an unset value. */
export type IrCondition =
  | { kind: 'compare'; operator: ComparisonOperator; subject: IrReadable; operand?: Literal | readonly Literal[] }
  | { kind: 'all'; items: readonly IrCondition[] }
  | { kind: 'any'; items: readonly IrCondition[] }
  | { kind: 'not'; item: IrCondition };

/** A piece of spoken text: literal, or a value read at run time (spec 1.1 `{ref}`), spoken as text. */
export type IrTextPiece = { kind: 'text'; text: string } | { kind: 'value'; value: IrReadable };

/**
 * One part of a prompt: text to speech, or a prerecorded prompt with its fallback text (docs/spec.md,
 * "Prompts"). `at` is the key path of the spec string from the step (`['prompt', 1, 'tts']`), for
 * diagnostics about the part.
 */
export type IrPromptPart =
  | { kind: 'tts'; pieces: readonly IrTextPiece[]; at: readonly (string | number)[] }
  | { kind: 'audio'; name: string; fallback: string; at: readonly (string | number)[] };

/** What a step plays, parts in order. A spec 1.0 prompt is one `tts` part of one literal piece. */
export type IrPrompt = readonly IrPromptPart[];

interface NodeBase {
  id: string;
  origin: SpecPath;
  description?: string;
  /** Inside the secure section (reachable from `secure.entry`). */
  secure: boolean;
  /** Outgoing transitions, named as in the spec. */
  edges: readonly Transition[];
}

export interface PlayNode extends NodeBase {
  kind: 'play';
  prompt: IrPrompt;
  next: string;
}

export interface GatherNode extends NodeBase {
  kind: 'gather';
  prompt: IrPrompt;
  variable: string;
  /** Equal for an exact length. */
  digits: { min: number; max: number };
  terminator?: '#' | '*';
  timeoutSeconds: number;
  interDigitTimeoutSeconds?: number;
  sensitive: boolean;
  next: string;
  onNoInput: string;
}

export interface HttpNode extends NodeBase {
  kind: 'http';
  endpoint: string;
  result: string;
  onSuccess: string;
  /** The onTimeout target when the spec has none (plain `response: none`, where no answer is a failure); not in `edges` then. */
  onFailure: string;
  onTimeout: string;
}

export interface ConditionNode extends NodeBase {
  kind: 'condition';
  condition: IrCondition;
  then: string;
  else: string;
}

export interface AssignNode extends NodeBase {
  kind: 'assign';
  assignments: readonly { variable: string; value: IrValue }[];
  next: string;
}

export interface SetAttributesNode extends NodeBase {
  kind: 'setAttributes';
  attributes: readonly { name: string; value: IrValue }[];
  next: string;
}

export interface RetryNode extends NodeBase {
  kind: 'retry';
  maxAttempts: number;
  body: string;
  onExhausted: string;
  /**
   * The steps of an attempt with a transition back to the retry, in spec order: each starts the
   * next attempt. Not the whole attempt, which can be the rest of the flow (a list that made the
   * IR quadratic in the number of retries).
   */
  repeatsFrom: readonly string[];
}

export interface RouteTarget {
  queue: string;
  priority: number;
  skills: readonly string[];
}

export interface RouteNode extends NodeBase {
  kind: 'route';
  prompt?: IrPrompt;
  /** The value the cases match; absent for a single-target route. */
  by?: IrReadable;
  cases: readonly { match: string; target: RouteTarget }[];
  /** The target when no case matches, or the only target. */
  fallback: RouteTarget;
  onFailure?: string;
}

/**
 * A menu (spec 1.1): the prompt, then one key. A listed key takes its choice; no key or an unlisted
 * one plays the prompt again, `attempts` times in all, and the last try decides between `onNoInput`
 * and `onNoMatch`. `choices` has one entry per key, the first the spec lists.
 */
export interface MenuNode extends NodeBase {
  kind: 'menu';
  prompt: IrPrompt;
  choices: readonly MenuChoice[];
  timeoutSeconds: number;
  attempts: number;
  onNoInput: string;
  onNoMatch: string;
}

export interface MenuChoice {
  /** One DTMF key: 0-9, `*` or `#`. */
  key: string;
  next: string;
}

/**
 * A transfer out of the flow (spec 1.1): to a number (a literal E.164 number, or a string value read
 * at run time) or to another flow by name. `onFailure` is absent inside the secure section, where
 * transfers are blind.
 */
export interface TransferNode extends NodeBase {
  kind: 'transfer';
  prompt?: IrPrompt;
  target: TransferTarget;
  onFailure?: string;
}

export type TransferTarget = { kind: 'number'; number: IrValue } | { kind: 'flow'; flow: string };

export interface DisconnectNode extends NodeBase {
  kind: 'disconnect';
  prompt?: IrPrompt;
}

export type FlowNode =
  | PlayNode
  | GatherNode
  | HttpNode
  | ConditionNode
  | AssignNode
  | SetAttributesNode
  | RetryNode
  | RouteNode
  | MenuNode
  | TransferNode
  | DisconnectNode;
export type FlowNodeKind = FlowNode['kind'];

/**
 * Every node kind, for the registry test (test/registry/step-kinds.test.ts) that points at each place
 * a new kind must be handled. The two checks below fail to compile when this list and the union differ.
 */
export const FLOW_NODE_KINDS = [
  'play',
  'gather',
  'http',
  'condition',
  'assign',
  'setAttributes',
  'retry',
  'route',
  'menu',
  'transfer',
  'disconnect',
] as const;
type ListedKind = (typeof FLOW_NODE_KINDS)[number];
export const everyKindListed: Exclude<FlowNodeKind, ListedKind> extends never ? true : never = true;
export const onlyKindsListed: Exclude<ListedKind, FlowNodeKind> extends never ? true : never = true;

export interface IrVariable {
  name: string;
  type: ValueType;
  sensitive: boolean;
  initial?: Literal;
  description?: string;
}

export interface IrSecret {
  name: string;
  use: 'bearerToken' | 'signingKey';
  description?: string;
}

export interface IrEndpoint {
  id: string;
  origin: SpecPath;
  description?: string;
  method: HttpMethod;
  url: string;
  timeoutSeconds: number;
  international: boolean;
  verifiesCredential: boolean;
  /** Why this endpoint verifies credentials too, when a credential is sent to more than one verifier. */
  verifierReason?: string;
  /** Name of the secret holding the bearer token; its value never enters the IR. */
  bearerSecret?: string;
  headers: readonly { name: string; value: string }[];
  body: readonly { field: string; value: IrValue }[];
  /** Values of the url's `{name}` path parameters (spec 1.1); each platform URL-encodes them. */
  path: readonly { name: string; value: IrValue }[];
  /** Query parameters appended to the url in this order (spec 1.1), URL-encoded like the path. */
  query: readonly { name: string; value: IrValue }[];
  /** `response: none`: any 2xx status is success and the body is not read (spec 1.1). */
  responseNone: boolean;
  /** `response: { successStatuses }`: only these 2xx statuses are success, another 2xx is onFailure (spec 1.1). */
  successStatuses?: readonly number[];
  responseFields: readonly { name: string; type: ValueType }[];
  success?: { field: string; equals: Literal };
}

export interface IrQueue {
  id: string;
  description?: string;
}

export interface IrSecureSection {
  entry: string;
  /** Taken, outside the section, when the platform cannot enter it. */
  onUnavailable: string;
  exports: readonly IrReadable[];
  /** Ids of the steps inside it, in spec order. */
  steps: readonly string[];
}

export interface FlowGraph {
  name: string;
  /** Folder name: the spec's `id`, else derived from `name`; lower-case letters, digits and dashes only. */
  slug: string;
  description?: string;
  language: string;
  start: string;
  /** In spec order. */
  nodes: readonly FlowNode[];
  variables: readonly IrVariable[];
  secrets: readonly IrSecret[];
  endpoints: readonly IrEndpoint[];
  queues: readonly IrQueue[];
  secure?: IrSecureSection;
  /** With `{{placeholders}}` filled from the environment file, when one was given. */
  targets: TargetsSpec;
  /** Placeholder keys still in the graph (sorted), for Terraform substitutions or an Archy options file. */
  placeholders: readonly string[];
}
