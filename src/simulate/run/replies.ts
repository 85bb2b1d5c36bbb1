import { randomUUID } from 'node:crypto';
import { parseObject } from '../../util/json.js';
import type { Replier } from './drive.js';
import type { CallData, HttpReply, HttpRequest } from '../../targets/engine-contract.js';
import { liveSendOf, sendLive, type LiveReply, type SecretLookup } from './live.js';
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
  const last = new Map<string, ScriptedReply>();
  return (request) => {
    const plan = plans.get(request.endpoint);
    if (!plan) throw new ScenarioGap(`the flow called endpoint ${request.endpoint}, but the scenario gives it no reply`);
    const repeated = request.platformRepeat === undefined ? undefined : last.get(request.endpoint);
    if (repeated) return deliver(repeated, request);
    const count = used.get(request.endpoint) ?? 0;
    used.set(request.endpoint, count + 1);
    const scripted = plan.kind === 'every' ? plan.reply : plan.replies[count];
    if (!scripted)
      throw new ScenarioGap(`the flow called endpoint ${request.endpoint} ${count + 1} times, but the scenario gives ${count} replies`);
    last.set(request.endpoint, scripted);
    return deliver(scripted, request);
  };
}

/** A slow answer is a timeout when it comes at or after the timeout the platform applies. */
function deliver(scripted: ScriptedReply, request: HttpRequest): HttpReply {
  if (scripted.kind !== 'response') return scripted;
  if (scripted.delaySeconds >= request.timeoutSeconds) return { kind: 'timeout' };
  return { kind: 'response', status: scripted.status, body: scripted.body };
}

/** What a live run needs besides the urls: the secrets, and the call whose values the platform fills in when sending. */
export interface LiveContext {
  secrets: SecretLookup;
  call: CallData;
  /** Send the current time instead of the call's timestamp (unless the scenario fixed one). */
  currentTime: boolean;
}

/** A live exchange that was not a JSON answer: a failed connection, no answer in time, or a body the flow cannot read. */
export interface LiveProblem {
  endpoint: string;
  message: string;
}

/**
 * Send the requests of the named endpoints to a real server (`--endpoint name=url`), the others to
 * the canned replies. The url replaces the endpoint's whole url; the request keeps its method,
 * headers and body, and the platform's timeout. What a platform fills in at the moment of sending
 * is filled in here: the secrets (from the environment, never recorded: the engines' record keeps
 * the stand-ins), a fresh interaction id for this run (a real platform never reuses one, and the
 * backend's replay cache and attempt counters must see separate calls), and the current time.
 */
export function liveReplier(urls: ReadonlyMap<string, string>, fallback: Replier, context: LiveContext, problems: LiveProblem[]): Replier {
  const wire = new WireValues(context);
  const lastBody = new Map<string, string>();
  return (request) => {
    const url = urls.get(request.endpoint);
    if (url === undefined) return fallback(request);
    const send = liveSendOf(request, url, context.secrets);
    if (send.body !== undefined) send.body = wireBody(send.body, request, wire, lastBody);
    return sendLive(send).then((reply) => {
      const problem = describeProblem(reply, url);
      if (problem) problems.push({ endpoint: request.endpoint, message: problem });
      return reply.kind === 'response' ? { kind: 'response', status: reply.status, body: reply.body } : { kind: reply.kind };
    });
  };
}

/** The body as sent: a platform repeat sends the previous bytes again (same id, same timestamp), so a replay cache sees it. */
function wireBody(body: string, request: HttpRequest, wire: WireValues, lastBody: Map<string, string>): string {
  const sent = (request.platformRepeat === undefined ? undefined : lastBody.get(request.endpoint)) ?? wire.rewrite(body);
  lastBody.set(request.endpoint, sent);
  return sent;
}

function describeProblem(reply: LiveReply, url: string): string | undefined {
  if (reply.kind === 'networkError') return `no connection to ${url} (${reply.cause ?? 'network error'})`;
  if (reply.kind === 'timeout') return `${url} did not answer within the timeout`;
  if (parseObject(reply.body) === undefined)
    return `${url} answered HTTP ${reply.status} with a body that is not a JSON object${reply.contentType ? ` (${reply.contentType})` : ''}`;
  return undefined;
}

/**
 * The call's interaction id and timestamp as JSON strings in a body, replaced by this run's wire
 * values. Each request is stamped with the current time in the rendering the engine used (ISO
 * 8601 or RFC 1123), at least a second after the previous one of the same call: RFC 1123 has
 * whole seconds, and no caller keys two codes within one.
 */
class WireValues {
  private readonly id = randomUUID();
  private last = 0;
  private readonly renderings: { text: string; render: (instant: Date) => string }[];

  constructor(private readonly context: LiveContext) {
    const instant = new Date(context.call.timestamp);
    const iso = instant.toISOString();
    this.renderings = [
      { text: iso, render: (at) => at.toISOString() },
      { text: iso.replace('.000Z', 'Z'), render: (at) => at.toISOString().replace(/\.\d{3}Z$/, 'Z') },
      { text: instant.toUTCString(), render: (at) => at.toUTCString() },
      { text: context.call.timestamp, render: (at) => at.toISOString() },
    ];
  }

  rewrite(body: string): string {
    let rewritten = body.split(JSON.stringify(this.context.call.id)).join(JSON.stringify(this.id));
    if (!this.context.currentTime) return rewritten;
    const now = new Date(Math.max(Date.now(), this.last + 1000));
    this.last = now.getTime();
    for (const { text, render } of this.renderings) rewritten = rewritten.split(JSON.stringify(text)).join(JSON.stringify(render(now)));
    return rewritten;
  }
}
