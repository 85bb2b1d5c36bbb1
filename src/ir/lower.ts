import { invariant, assertNever } from '../util/assert.js';
import { fillPlaceholders, findPlaceholders } from '../flowspec/environment.js';
import { isRefProblem, type FlowIndex } from '../flowspec/flow-index.js';
import {
  DEFAULT_MENU_ATTEMPTS,
  isRefValue,
  isStatusOnly,
  responseFieldsOf,
  successStatusesOf,
  responseSuccessOf,
  menuKey,
  type MenuStepSpec,
  type ComparisonOperator,
  type ConditionSpec,
  type EndpointSpec,
  type Literal,
  type RouteTargetSpec,
  type StepSpec,
  type TargetsSpec,
  type Value,
  type ValueType,
  type PromptSpec,
} from '../flowspec/types.js';
import { partPieces, promptParts } from '../flowspec/prompts.js';
import type {
  FlowGraph,
  FlowNode,
  IrCondition,
  IrEndpoint,
  IrPrompt,
  IrPromptPart,
  IrReadable,
  IrValue,
  MenuChoice,
  RouteTarget,
} from './nodes.js';
import { slugify } from './slug.js';

export interface LowerOptions {
  /** Values for `{{placeholders}}`; without it they stay verbatim. */
  environment?: ReadonlyMap<string, string>;
}

/** Spec to IR. Runs only on a spec that passed validation, so a failed lookup here is a bug. */
export function lowerToIr(index: FlowIndex, options: LowerOptions = {}): FlowGraph {
  const { spec } = index;
  const environment = options.environment ?? new Map<string, string>();
  const fill = (text: string) => fillPlaceholders(text, environment);
  const nodes = index.stepEntries.filter(([id]) => index.reachable.has(id)).map(([id, step]) => lowerStep(index, id, step));
  const graph: FlowGraph = {
    name: spec.name,
    slug: spec.id ?? slugify(spec.name),
    language: spec.language,
    start: spec.start,
    nodes,
    variables: Object.entries(spec.variables ?? {}).map(([name, variable]) => ({
      name,
      type: variable.type,
      sensitive: index.isCredential(name),
      ...optional('initial', variable.initial),
      ...optional('description', variable.description),
    })),
    secrets: Object.entries(spec.secrets ?? {}).map(([name, secret]) => ({
      name,
      use: secret.use ?? 'bearerToken',
      ...optional('description', secret.description),
    })),
    endpoints: Object.entries(spec.endpoints ?? {}).map(([id, endpoint]) => lowerEndpoint(index, id, endpoint, fill)),
    queues: Object.entries(spec.queues ?? {}).map(([id, queue]) => ({ id, ...optional('description', queue.description) })),
    targets: mapStrings(spec.targets ?? {}, fill) as TargetsSpec,
    placeholders: [
      ...new Set(
        findPlaceholders(spec)
          .map((use) => use.key)
          .filter((key) => !environment.has(key)),
      ),
    ].sort(),
  };
  if (spec.description !== undefined) graph.description = spec.description;
  if (spec.secure) {
    graph.secure = {
      entry: spec.secure.entry,
      onUnavailable: spec.secure.onUnavailable,
      exports: (spec.secure.exports ?? []).map((ref) => readable(index, ref)),
      steps: nodes.filter((node) => node.secure).map((node) => node.id),
    };
  }
  return graph;
}

function lowerStep(index: FlowIndex, id: string, step: StepSpec): FlowNode {
  const base = {
    id,
    origin: ['steps', id],
    secure: index.secureSteps.has(id),
    // The index's list: after validation every transition leads to a step, so none was filtered out.
    edges: index.edges(id),
    ...optional('description', step.description),
  };
  switch (step.type) {
    case 'play':
      return { kind: 'play', ...base, prompt: lowerPrompt(index, step.prompt), next: step.next };
    case 'gather': {
      const digits =
        typeof step.digits === 'number' ? { min: step.digits, max: step.digits } : { min: step.digits.min, max: step.digits.max };
      const sensitive = step.sensitive === true || index.isCredential(step.into);
      return {
        kind: 'gather',
        ...base,
        prompt: lowerPrompt(index, step.prompt),
        variable: step.into,
        digits,
        ...optional('terminator', step.terminator),
        timeoutSeconds: step.timeoutSeconds,
        ...optional('interDigitTimeoutSeconds', step.interDigitTimeoutSeconds),
        sensitive,
        next: step.next,
        onNoInput: step.onNoInput,
      };
    }
    case 'http':
      return {
        kind: 'http',
        ...base,
        endpoint: step.endpoint,
        result: step.result,
        onSuccess: step.onSuccess,
        // Absent only for plain `response: none` (checks/http-outcomes.ts), where every 2xx is a
        // success and no answer can be a failure: the timeout target keeps the node's outcomes
        // complete, so the emitters need no special case. `edges` has no onFailure: the graph and
        // the coverage show no transition the flow cannot take.
        onFailure: step.onFailure ?? step.onTimeout,
        onTimeout: step.onTimeout,
      };
    case 'condition':
      return { kind: 'condition', ...base, condition: lowerCondition(index, step.if), then: step.then, else: step.else };
    case 'assign':
      return {
        kind: 'assign',
        ...base,
        assignments: Object.entries(step.set).map(([variable, value]) => ({
          variable,
          value: lowerValue(index, value, index.spec.variables?.[variable]?.type),
        })),
        next: step.next,
      };
    case 'setAttributes':
      return {
        kind: 'setAttributes',
        ...base,
        attributes: Object.entries(step.attributes).map(([name, value]) => ({ name, value: lowerValue(index, value) })),
        next: step.next,
      };
    case 'retry':
      return {
        kind: 'retry',
        ...base,
        maxAttempts: step.maxAttempts,
        body: step.body,
        onExhausted: step.onExhausted,
        repeatsFrom: index.retryLoops.get(id)?.repeatsFrom ?? [],
      };
    case 'route': {
      const single = step.queue === undefined ? undefined : { queue: step.queue, priority: step.priority, skills: step.skills };
      const fallback = lowerTarget(single ?? step.default);
      const cases = Object.entries(step.cases ?? {}).map(([match, target]) => ({ match, target: lowerTarget(target) }));
      return {
        kind: 'route',
        ...base,
        ...optional('prompt', step.prompt === undefined ? undefined : lowerPrompt(index, step.prompt)),
        ...optional('by', step.by && readable(index, step.by.ref)),
        cases,
        fallback,
        ...optional('onFailure', step.onFailure),
      };
    }
    case 'menu':
      return {
        kind: 'menu',
        ...base,
        prompt: lowerPrompt(index, step.prompt),
        choices: firstChoicePerKey(step),
        timeoutSeconds: step.timeoutSeconds,
        attempts: step.attempts ?? DEFAULT_MENU_ATTEMPTS,
        onNoInput: step.onNoInput,
        onNoMatch: step.onNoMatch,
      };
    case 'transfer':
      return {
        kind: 'transfer',
        ...base,
        ...optional('prompt', step.prompt === undefined ? undefined : lowerPrompt(index, step.prompt)),
        target:
          'flow' in step.to
            ? { kind: 'flow', flow: step.to.flow }
            : { kind: 'number', number: lowerValue(index, step.to.number, 'string') },
        ...optional('onFailure', step.onFailure),
      };
    case 'disconnect':
      return {
        kind: 'disconnect',
        ...base,
        ...optional('prompt', step.prompt === undefined ? undefined : lowerPrompt(index, step.prompt)),
      };
    default:
      return assertNever(step);
  }
}

/** The choice that wins for each key (a later one for the same key is the unreachable-choice warning). */
function firstChoicePerKey(step: MenuStepSpec): MenuChoice[] {
  const choices = new Map<string, MenuChoice>();
  for (const choice of step.choices)
    if (!choices.has(menuKey(choice))) choices.set(menuKey(choice), { key: menuKey(choice), next: choice.next });
  return [...choices.values()];
}

function lowerEndpoint(index: FlowIndex, id: string, endpoint: EndpointSpec, fill: (text: string) => string): IrEndpoint {
  const lowered: IrEndpoint = {
    id,
    origin: ['endpoints', id],
    method: endpoint.method,
    url: fill(endpoint.url),
    timeoutSeconds: endpoint.timeoutSeconds,
    international: endpoint.international === true,
    verifiesCredential: endpoint.verifiesCredential === true,
    ...optional('verifierReason', endpoint.verifierReason),
    headers: Object.entries(endpoint.headers ?? {}).map(([name, value]) => ({ name, value })),
    body: Object.entries(endpoint.body ?? {}).map(([field, value]) => ({ field, value: lowerValue(index, value) })),
    path: lowerParameters(index, endpoint.path),
    query: lowerParameters(index, endpoint.query),
    responseNone: isStatusOnly(endpoint),
    ...optional('successStatuses', successStatusesOf(endpoint)),
    responseFields: Object.entries(responseFieldsOf(endpoint)).map(([name, type]) => ({ name, type })),
  };
  if (endpoint.description !== undefined) lowered.description = endpoint.description;
  if (endpoint.auth) lowered.bearerSecret = endpoint.auth.bearer;
  const success = responseSuccessOf(endpoint);
  if (success) lowered.success = { ...success };
  return lowered;
}

function lowerParameters(index: FlowIndex, parameters: Record<string, Value> | undefined): IrEndpoint['path'] {
  return Object.entries(parameters ?? {}).map(([name, value]) => ({ name, value: lowerValue(index, value) }));
}

function lowerCondition(index: FlowIndex, condition: ConditionSpec): IrCondition {
  if ('all' in condition) return { kind: 'all', items: condition.all.map((item) => lowerCondition(index, item)) };
  if ('any' in condition) return { kind: 'any', items: condition.any.map((item) => lowerCondition(index, item)) };
  if ('not' in condition) return { kind: 'not', item: lowerCondition(index, condition.not) };
  const operator = Object.keys(condition).find((key) => key !== 'ref') as ComparisonOperator;
  const compare: IrCondition = { kind: 'compare', operator, subject: readable(index, condition.ref) };
  if (operator !== 'exists') compare.operand = condition[operator];
  else compare.operand = condition.exists;
  return compare;
}

function lowerValue(index: FlowIndex, value: Value, expected?: ValueType): IrValue {
  if (isRefValue(value)) return readable(index, value.ref);
  return { kind: 'literal', value, type: expected ?? literalType(value) };
}

/** A spec prompt as parts; a template's `{ref}`s are resolved like every other ref. */
function lowerPrompt(index: FlowIndex, prompt: PromptSpec): IrPrompt {
  return promptParts(prompt).map(({ part, path }): IrPromptPart => {
    switch (part.kind) {
      case 'text':
        return { kind: 'tts', pieces: [{ kind: 'text', text: part.text }], at: path };
      case 'tts':
        return {
          kind: 'tts',
          pieces: partPieces(part).map((piece) =>
            piece.kind === 'text' ? { kind: 'text', text: piece.text } : { kind: 'value', value: readable(index, piece.ref) },
          ),
          at: [...path, 'tts'],
        };
      case 'audio':
        return { kind: 'audio', name: part.audio, fallback: part.fallback, at: path };
      default:
        return assertNever(part);
    }
  });
}

function readable(index: FlowIndex, ref: string): IrReadable {
  const resolved = index.resolveRef(ref);
  invariant(!isRefProblem(resolved), `unresolved ref ${ref} after validation`);
  return resolved;
}

function lowerTarget(target: RouteTargetSpec | undefined): RouteTarget {
  invariant(target !== undefined, 'route without a target after validation');
  return { queue: target.queue, priority: target.priority ?? 0, skills: target.skills ?? [] };
}

function literalType(value: Literal): ValueType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return 'string';
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (!value || typeof value !== 'object') return value;
  // Assigned key by key, in order: the loader refuses `__proto__` and the other keys that an assignment would not copy as data.
  const mapped: Record<string, unknown> = {};
  for (const key of Object.keys(value)) mapped[key] = mapStrings((value as Record<string, unknown>)[key], map);
  return mapped;
}

/** What `optional` spreads for an absent value: one shared empty object, not a new one per field. */
const ABSENT = Object.freeze({});

/** `{ key: value }` when the value is defined, nothing otherwise: keeps absent keys absent in the IR dump. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined) return ABSENT;
  return { [key]: value } as { [P in K]?: V };
}
