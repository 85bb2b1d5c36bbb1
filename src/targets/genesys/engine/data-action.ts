import type { Artifact } from '../../artifact.js';
import { fitsType } from '../../../flowspec/checks/types.js';
import { assertNever } from '../../../util/assert.js';
import { EngineError, type HttpReply, type HttpRequest } from '../../engine-contract.js';
import { Tree } from './reader.js';
import { EMPTY_RESPONSE_SUCCEEDS } from '../unverified.js';
import { parseTemplate, referencedNames, renderTemplate, type Segment } from './velocity.js';

/** JSON Schema types the contracts use (docs/genesys.md §4.2). */
export type SchemaType = 'string' | 'integer' | 'number' | 'boolean';
const SCHEMA_TYPES: readonly SchemaType[] = ['string', 'integer', 'number', 'boolean'];

/** A Web Services data action as read from `genesys/data-actions/<endpoint>.json`. */
export interface DataAction {
  name: string;
  /** `secure: true`: only Call Secure Data finds it. */
  secure: boolean;
  /** The spec endpoint id: the file is named after it. */
  endpoint: string;
  file: string;
  timeoutSeconds: number;
  method: string;
  url: readonly Segment[];
  headers: readonly { name: string; value: readonly Segment[] }[];
  body: readonly Segment[];
  inputs: ReadonlyMap<string, { type: SchemaType; required: boolean }>;
  translations: ReadonlyMap<string, { path: readonly string[]; fallback?: unknown }>;
  successTemplate: readonly Segment[];
  outputs: ReadonlyMap<string, SchemaType>;
}

const DATA_ACTION_PATH = /^genesys\/data-actions\/(.+)\.json$/;
/** docs/genesys.md §4.2: `translationMap` values are JSONPath; only `$.a.b` is modelled. */
const JSON_PATH = /^\$((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$/;

export function readDataAction(artifact: Artifact): DataAction {
  const endpoint = DATA_ACTION_PATH.exec(artifact.path)?.[1];
  const file = artifact.path.replace(/^genesys\//, '');
  if (endpoint === undefined) throw new EngineError(`a data action outside genesys/data-actions/`, artifact.path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(artifact.contents);
  } catch (error) {
    throw new EngineError(`not JSON: ${(error as Error).message}`, file);
  }
  const root = new Tree(parsed, file).object(['name', 'integrationType', 'actionType', 'secure', 'config', 'contract']);
  root.integrationType.exactly('custom-rest-actions');
  root.actionType.exactly('custom');

  const config = root.config.object(['timeoutSeconds', 'request', 'response']);
  const request = config.request.object(['requestUrlTemplate', 'requestType', 'headers', 'requestTemplate']);
  const response = config.response.object(['translationMap', 'translationMapDefaults', 'successTemplate']);
  const contract = root.contract.object(['input', 'output']);
  const requestKinds = ['input', 'credential'] as const;
  const action: DataAction = {
    name: root.name.string(),
    secure: root.secure.boolean(),
    endpoint,
    file,
    timeoutSeconds: config.timeoutSeconds.number(),
    method: request.requestType.string(),
    url: parseTemplate(request.requestUrlTemplate.string(), requestKinds, request.requestUrlTemplate.where),
    headers: request.headers.keys().map((name) => ({
      name,
      value: parseTemplate(request.headers.child(name).string(), requestKinds, request.headers.child(name).where),
    })),
    body: parseTemplate(request.requestTemplate.string(), requestKinds, request.requestTemplate.where),
    inputs: readInputSchema(contract.input.object(['inputSchema']).inputSchema),
    translations: readTranslations(response.translationMap, response.translationMapDefaults),
    successTemplate: parseTemplate(response.successTemplate.string(), ['output'], response.successTemplate.where),
    outputs: readOutputSchema(contract.output.object(['successSchema']).successSchema),
  };
  checkReferences(action, request.requestTemplate, response.successTemplate);
  return action;
}

function readInputSchema(tree: Tree): Map<string, { type: SchemaType; required: boolean }> {
  const schema = tree.object(['type', 'required', 'properties']);
  schema.type.exactly('object');
  const required = schema.required.list().map((item) => item.string());
  const inputs = new Map<string, { type: SchemaType; required: boolean }>();
  for (const name of schema.properties.keys())
    inputs.set(name, { type: schemaType(schema.properties.child(name)), required: required.includes(name) });
  const stray = required.find((name) => !inputs.has(name));
  if (stray !== undefined) schema.required.fail(`required input ${stray} has no property`);
  return inputs;
}

function readOutputSchema(tree: Tree): Map<string, SchemaType> {
  const schema = tree.object(['type', 'properties']);
  schema.type.exactly('object');
  return new Map(schema.properties.keys().map((name) => [name, schemaType(schema.properties.child(name))]));
}

function schemaType(tree: Tree): SchemaType {
  const type = tree.object(['type']).type;
  const name = type.string();
  if (!(SCHEMA_TYPES as readonly string[]).includes(name)) type.fail(`schema type ${name} is not modelled`);
  return name as SchemaType;
}

function readTranslations(map: Tree, defaults: Tree): Map<string, { path: readonly string[]; fallback?: unknown }> {
  const translations = new Map<string, { path: readonly string[]; fallback?: unknown }>();
  for (const key of map.keys()) {
    const entry: Tree = map.child(key);
    const path = JSON_PATH.exec(entry.string())?.[1];
    if (path === undefined) entry.fail(`JSONPath ${JSON.stringify(entry.value)} is outside the modelled subset \`$.a.b\``);
    translations.set(key, { path: path.slice(1).split('.') });
  }
  for (const key of defaults.keys()) {
    const entry: Tree = defaults.child(key);
    const translation = translations.get(key);
    if (!translation) entry.fail(`a default for ${key}, which the translation map does not define`);
    try {
      translation.fallback = JSON.parse(entry.string());
    } catch {
      entry.fail(`translationMapDefaults values are JSON literals as text; ${JSON.stringify(entry.value)} is not`);
    }
  }
  return translations;
}

/** Every input a template reads is in the contract, and every success-template value is translated. */
function checkReferences(action: DataAction, requestTemplate: Tree, successTemplate: Tree): void {
  const read = [
    ...referencedNames(action.url, 'input'),
    ...action.headers.flatMap((header) => referencedNames(header.value, 'input')),
    ...referencedNames(action.body, 'input'),
  ];
  const unknownInput = read.find((name) => !action.inputs.has(name));
  if (unknownInput !== undefined)
    requestTemplate.fail(`the request reads input ${unknownInput}, which the input contract does not declare`);
  const unknownOutput = referencedNames(action.successTemplate, 'output').find((name) => !action.translations.has(name));
  if (unknownOutput !== undefined)
    successTemplate.fail(`the success template reads ${unknownOutput}, which the translation map does not define`);
}

/** The request as the endpoint receives it. Header names lower-cased, credentials as stand-ins. */
export function buildRequest(action: DataAction, inputs: ReadonlyMap<string, string>, timeoutSeconds: number): HttpRequest {
  const where = `${action.file}: /config/request`;
  const headers: Record<string, string> = {};
  for (const header of action.headers) {
    const name = header.name.toLowerCase();
    if (Object.hasOwn(headers, name)) throw new EngineError(`header ${header.name} is set twice`, `${where}/headers`);
    headers[name] = renderTemplate(header.value, { inputs }, `${where}/headers`);
  }
  const request: HttpRequest = {
    endpoint: action.endpoint,
    method: action.method,
    url: renderTemplate(action.url, { inputs }, `${where}/requestUrlTemplate`),
    headers,
    timeoutSeconds,
  };
  // UNVERIFIED: a GET (and a DELETE, which ivrflow never gives a body) sends no body, whatever the request template says.
  if (action.method !== 'GET' && action.method !== 'DELETE')
    request.body = renderTemplate(action.body, { inputs }, `${where}/requestTemplate`);
  return request;
}

/** What the data action hands back to `callData`. */
export type ActionOutcome =
  { kind: 'success'; outputs: ReadonlyMap<string, unknown> } | { kind: 'failure'; reason: string } | { kind: 'timeout' };

/**
 * The Genesys side of an exchange (docs/genesys.md §2.3, §4.1, §4.2). A timeout is the callData
 * `timeout` output when the flow's timeout is the one that ran out, else the action's own timeout,
 * which reaches the flow as `failure`. A network error or a non-2xx status is `failure`. A 2xx
 * answer goes through the translation map, the success template and the output contract; any
 * step that cannot complete is `failure`.
 */
export function interpretReply(action: DataAction, reply: HttpReply, flowTimeoutFirst: boolean): ActionOutcome {
  switch (reply.kind) {
    case 'timeout':
      return flowTimeoutFirst ? { kind: 'timeout' } : { kind: 'failure', reason: 'the data action timed out' };
    case 'networkError':
      return { kind: 'failure', reason: 'network error' };
    case 'response':
      if (reply.status < 200 || reply.status > 299) return { kind: 'failure', reason: `status ${reply.status}` };
      return translate(action, reply.body);
    default:
      return assertNever(reply);
  }
}

function translate(action: DataAction, body: string): ActionOutcome {
  // `response: none`: nothing is read from the body, which may be empty (a 204). UNVERIFIED (unverified.ts).
  if (action.translations.size === 0 && EMPTY_RESPONSE_SUCCEEDS) return { kind: 'success', outputs: new Map() };
  // UNVERIFIED: a 2xx body that is not JSON fails the action (Web Services actions expect JSON).
  const parsed = parseJson(body);
  if (parsed === undefined) return { kind: 'failure', reason: 'the response is not JSON' };
  const outputs = new Map<string, string>();
  for (const [key, translation] of action.translations) {
    const found = followPath(parsed.value, translation.path);
    // A missing path takes the translationMapDefaults value; without one the action fails. UNVERIFIED: a
    // JSON null that is present is passed on as null, not replaced by the default.
    if (found) outputs.set(key, JSON.stringify(found.value));
    else if (Object.hasOwn(translation, 'fallback')) outputs.set(key, JSON.stringify(translation.fallback));
    else return { kind: 'failure', reason: `${key}: path not found and no default` };
  }
  const rendered = parseJson(renderTemplate(action.successTemplate, { outputs }, `${action.file}: /config/response/successTemplate`));
  if (rendered === undefined || !isObject(rendered.value))
    return { kind: 'failure', reason: 'the success template does not render a JSON object' };
  return checkContract(action, rendered.value);
}

/**
 * The output contract: a property of the wrong JSON type fails the action. UNVERIFIED: null is
 * accepted for every type and reaches the flow as NOT_SET (src/emit/genesys/unverified.ts).
 */
function checkContract(action: DataAction, output: Record<string, unknown>): ActionOutcome {
  for (const [name, type] of action.outputs) {
    if (!Object.hasOwn(output, name) || output[name] === null) continue;
    if (!fitsType(output[name], type)) return { kind: 'failure', reason: `${name} is not a ${type}` };
  }
  return { kind: 'success', outputs: new Map(Object.entries(output)) };
}

/** `$.a.b` on any JSON value: a step into something that is not an object, or a missing key, is "not found". */
function followPath(value: unknown, path: readonly string[]): { value: unknown } | undefined {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return { value: current };
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
