import type { FlowGraph, GatherNode, IrEndpoint, MenuNode } from '../ir/nodes.js';
import {
  CallerInputExhausted,
  EngineError,
  PlatformLimit,
  Recorder,
  type CallData,
  type CallerEntry,
  type Engine,
  type HttpReply,
  type HttpRequest,
} from '../targets/engine-contract.js';
import { endpointRoles } from './roles.js';
import { findSensitiveLeaks, leakWatch } from '../simulate/run/sensitive-leaks.js';
import type { Failure } from '../simulate/run/verdict.js';

/**
 * The request a platform's artifact sends, obtained by running the vendor engine on a call up to
 * the moment it calls the endpoint: the method, headers, body shape and value formats are the
 * generated artifact's (CXone's all-strings body, each vendor's timestamp rendering), not
 * re-derived here. Gathers before the endpoint are answered as they come: the credential
 * gather with the credential, any other with `otherKeys` or a filler of the right length; another
 * endpoint called on the way gets a reply that passes its success check.
 */
export interface CallToEndpoint {
  call: CallData;
  credential: string;
  /** Keys for the other gathers and menus on the way, in order (from the cases file). */
  otherKeys?: readonly string[];
  /** Bodies for the endpoints called on the way (from the cases file); others get a placeholder that passes. */
  replies?: ReadonlyMap<string, string>;
}

/**
 * `leaks`: what the run up to the request put where a credential must never be (the runtime check of
 * `ivrflow test`); `caller`: the entries that run took, so the rest of the same call can be run
 * after the endpoint answers (`leaksAfterAnswer`).
 */
export type VendorRequest =
  { ok: true; request: HttpRequest; leaks: Failure[]; caller: readonly CallerEntry[] } | { ok: false; reason: string };

/** Gathers answered before giving up: each rerun adds one, so this bounds the reruns too. */
const MAX_GATHERS = 32;

export function requestAsSent(engine: Engine, graph: FlowGraph, endpoint: IrEndpoint, call: CallToEndpoint): VendorRequest {
  const entries: CallerEntry[] = [];
  const credentialVariable = endpointRoles(endpoint).credentialVariable;
  const gathers = new Map(graph.nodes.filter((node): node is GatherNode => node.kind === 'gather').map((node) => [node.id, node]));
  const menus = new Map(graph.nodes.filter((node): node is MenuNode => node.kind === 'menu').map((node) => [node.id, node]));
  let others = 0;
  for (let tries = 0; tries <= MAX_GATHERS; tries++) {
    const outcome = runUntil(engine, graph, endpoint.id, call, entries);
    if (outcome.kind !== 'needsInput')
      return outcome.kind === 'request'
        ? { ok: true, request: outcome.request, leaks: outcome.leaks, caller: [...entries] }
        : { ok: false, reason: outcome.reason };
    const menu = menus.get(outcome.gather);
    if (menu) {
      // A menu on the way takes the next listed keys too, else its first choice.
      entries.push({ kind: 'keys', keys: call.otherKeys?.[others++] ?? menu.choices[0]!.key });
      continue;
    }
    const gather = gathers.get(outcome.gather);
    const keys =
      gather?.variable === credentialVariable ? call.credential : (call.otherKeys?.[others++] ?? '1'.repeat(gather?.digits.min ?? 1));
    entries.push({ kind: 'keys', keys: `${keys}${gather?.terminator ?? ''}` });
  }
  return { ok: false, reason: `the flow asked for more than ${MAX_GATHERS} caller entries before calling ${endpoint.id}` };
}

type Outcome =
  { kind: 'request'; request: HttpRequest; leaks: Failure[] } | { kind: 'needsInput'; gather: string } | { kind: 'ended'; reason: string };

function runUntil(engine: Engine, graph: FlowGraph, target: string, call: CallToEndpoint, caller: readonly CallerEntry[]): Outcome {
  const recorder = new Recorder();
  const run = engine.run({ call: call.call, caller, transfer: 'succeeds' }, recorder);
  try {
    let step = run.next();
    while (!step.done) {
      if (step.value.endpoint === target)
        return { kind: 'request', request: step.value, leaks: findSensitiveLeaks(recorder, leakWatch(graph), engine.name) };
      const given = call.replies?.get(step.value.endpoint);
      step = run.next(given === undefined ? passingReply(graph, step.value.endpoint) : { kind: 'response', status: 200, body: given });
    }
    return { kind: 'ended', reason: `the ${engine.name} flow ended the call without calling ${target}` };
  } catch (error) {
    if (error instanceof CallerInputExhausted) return { kind: 'needsInput', gather: error.gather };
    if (error instanceof EngineError || error instanceof PlatformLimit)
      return { kind: 'ended', reason: `${engine.name}: ${error.message}` };
    throw error;
  } finally {
    run.return(undefined);
  }
}

/**
 * The same call again, with the endpoint answered by `reply` (what the live backend said) every time
 * it is called, and the rest of the call run to its end (or to a gather the caller entries do not
 * cover): what it put, after the endpoint answered, where a credential must never be. A verifier
 * that answers with the credential in a field the flow promotes, says or sends on is caught here,
 * on the vendor's own artifact; leaks before the request are `requestAsSent`'s.
 */
export function leaksAfterAnswer(
  engine: Engine,
  graph: FlowGraph,
  endpoint: string,
  call: CallToEndpoint,
  caller: readonly CallerEntry[],
  reply: HttpReply,
): Failure[] {
  const recorder = new Recorder();
  const run = engine.run({ call: call.call, caller, transfer: 'succeeds' }, recorder);
  let answeredAt: number | undefined;
  try {
    for (let step = run.next(); !step.done;) {
      const request = step.value;
      if (request.endpoint === endpoint) answeredAt ??= recorder.events.length;
      const given = call.replies?.get(request.endpoint);
      step = run.next(
        request.endpoint === endpoint
          ? reply
          : given === undefined
            ? passingReply(graph, request.endpoint)
            : { kind: 'response', status: 200, body: given },
      );
    }
  } catch (error) {
    if (!(error instanceof CallerInputExhausted || error instanceof EngineError || error instanceof PlatformLimit)) throw error;
  } finally {
    run.return(undefined);
  }
  return answeredAt === undefined ? [] : findSensitiveLeaks(eventsFrom(recorder, answeredAt), leakWatch(graph), engine.name);
}

/** The recording from `index` on, with the caller's inputs and the step that was running then. */
function eventsFrom(recorder: Recorder, index: number): Recorder {
  const after = new Recorder();
  after.inputs.push(...recorder.inputs);
  let running = index - 1;
  while (running >= 0 && recorder.events[running]!.kind !== 'step') running -= 1;
  after.events.push(...(running >= 0 ? [recorder.events[running]!] : []), ...recorder.events.slice(index));
  return after;
}

/** An answer to an endpoint on the way that meets its success check, with a typed placeholder for every field. */
export function passingReply(graph: FlowGraph, endpointId: string): HttpReply {
  const endpoint = graph.endpoints.find((candidate) => candidate.id === endpointId);
  const body: Record<string, unknown> = {};
  for (const field of endpoint?.responseFields ?? [])
    body[field.name] = field.type === 'string' ? 'x' : field.type === 'boolean' ? true : 1;
  if (endpoint?.success) body[endpoint.success.field] = endpoint.success.equals;
  return { kind: 'response', status: 200, body: JSON.stringify(body) };
}
