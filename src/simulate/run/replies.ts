import type { Replier } from './drive.js';
import type { HttpReply, HttpRequest } from '../../targets/engine-contract.js';
import type { ReplyPlan, ScriptedReply } from '../scenario/types.js';

/** The scenario does not say what happens next (no reply left for a request): its author must add it. */
export class ScenarioGap extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioGap';
  }
}

/** Canned replies for one run; each run gets a fresh one so every engine sees the same answers. */
export function cannedReplier(plans: ReadonlyMap<string, ReplyPlan>): Replier {
  const used = new Map<string, number>();
  return (request) => {
    const plan = plans.get(request.endpoint);
    if (!plan) throw new ScenarioGap(`the flow called endpoint ${request.endpoint}, but the scenario gives it no reply`);
    const count = used.get(request.endpoint) ?? 0;
    used.set(request.endpoint, count + 1);
    const scripted = plan.kind === 'every' ? plan.reply : plan.replies[count];
    if (!scripted)
      throw new ScenarioGap(`the flow called endpoint ${request.endpoint} ${count + 1} times, but the scenario gives ${count} replies`);
    return deliver(scripted, request);
  };
}

/** A slow answer is a timeout when it comes at or after the timeout the platform applies. */
function deliver(scripted: ScriptedReply, request: HttpRequest): HttpReply {
  if (scripted.kind !== 'response') return scripted;
  if (scripted.delaySeconds >= request.timeoutSeconds) return { kind: 'timeout' };
  return { kind: 'response', status: scripted.status, body: scripted.body };
}

/**
 * Send the requests of the named endpoints to a real server (`--endpoint name=url`), the others to
 * the canned replies. The url replaces the endpoint's whole url; the request keeps its method,
 * headers (secrets stay stand-ins) and body, and the platform's timeout.
 */
export function liveReplier(urls: ReadonlyMap<string, string>, fallback: Replier): Replier {
  return (request) => {
    const url = urls.get(request.endpoint);
    return url === undefined ? fallback(request) : send(url, request);
  };
}

async function send(url: string, request: HttpRequest): Promise<HttpReply> {
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: AbortSignal.timeout(request.timeoutSeconds * 1000),
      redirect: 'manual',
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(url, init);
    return { kind: 'response', status: response.status, body: await response.text() };
  } catch (error) {
    return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
      ? { kind: 'timeout' }
      : { kind: 'networkError' };
  }
}
