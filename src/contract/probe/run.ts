import { randomUUID } from 'node:crypto';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { suggest } from '../../diagnostics/suggest.js';
import { fitsType } from '../../flowspec/checks/types.js';
import type { FlowGraph, IrEndpoint, GatherNode } from '../../ir/nodes.js';
import { liveSendOf, sendLive, type LiveReply, type LiveSend, type SecretLookup } from '../../simulate/run/live.js';
import type { CallData, CallerEntry, Engine, EngineName, HttpRequest } from '../../targets/engine-contract.js';
import { endpointRoles } from '../roles.js';
import { leaksAfterAnswer, requestAsSent, type CallToEndpoint } from '../vendor-requests.js';
import { carries, MIN_WATCHED_LENGTH } from '../../simulate/run/sensitive-leaks.js';
import { describeAnswer, percentile, readAnswer, type ReadAnswer } from './answer.js';
import type { EndpointCases } from './cases-file.js';
import type { Findings, Finding } from './findings.js';

/** What the probe sends, case by case, and why each case matters (docs/contract.md). */
export const CASE_KINDS = [
  'valid',
  'replay',
  'wrong-credential',
  'no-bearer',
  'wrong-bearer',
  'stale-timestamp',
  'empty-credential',
  'malformed-credential',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface CaseResult {
  endpoint: string;
  vendor: EngineName;
  kind: CaseKind;
  outcome: 'pass' | 'fail' | 'skip';
  /** What came back, or why the case was skipped. Never a body or a credential. */
  detail: string;
  elapsedMs?: number;
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  timeoutSeconds: number;
}

export interface LoadSummary {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** `200`, `401`, `timeout`, `networkError`: how many of each. */
  outcomes: Record<string, number>;
}

export interface EndpointProbe {
  endpoint: string;
  url: string;
  cases: CaseResult[];
  latency: LatencySummary;
  load?: LoadSummary;
}

export interface ProbeTarget {
  endpoint: IrEndpoint;
  url: string;
  cases?: EndpointCases;
}

export interface ProbeOptions {
  graph: FlowGraph;
  /** The vendor engines whose requests are sent (genesys, cxone). */
  engines: readonly Engine[];
  secrets: SecretLookup;
  /** Milliseconds since the epoch. */
  now?: () => number;
  load?: { requests: number; concurrency: number };
}

/** How far back the stale case dates its timestamp: twice the 60 s window the contract asks backends to apply. */
export const STALE_SECONDS = 120;
/** A p99 at or above this share of the timeout is a warning: under load it will cross it. */
export const LATENCY_WARNING_SHARE = 0.5;

/** Probe one endpoint of a live backend with every case, through every vendor's request. */
export async function probeEndpoint(target: ProbeTarget, options: ProbeOptions, findings: Findings): Promise<EndpointProbe> {
  const probe = new EndpointProber(target, options, findings);
  return probe.run();
}

class EndpointProber {
  private readonly results: CaseResult[] = [];
  private readonly samples: number[] = [];
  private readonly endpoint: IrEndpoint;
  private readonly origin: SpecPath;
  private readonly now: () => number;
  private unreachable = false;
  private readonly leaksReported = new Set<string>();
  /** Each engine's last built call, so the rest of it can be run once the valid request is answered. */
  private readonly lastCall = new Map<EngineName, { call: CallToEndpoint; caller: readonly CallerEntry[] }>();

  constructor(
    private readonly target: ProbeTarget,
    private readonly options: ProbeOptions,
    private readonly findings: Findings,
  ) {
    this.endpoint = target.endpoint;
    this.origin = target.endpoint.origin;
    this.now = options.now ?? Date.now;
  }

  async run(): Promise<EndpointProbe> {
    for (const engine of this.options.engines) {
      if (this.unreachable) break;
      await this.probeVendor(engine);
    }
    const probe: EndpointProbe = { endpoint: this.endpoint.id, url: this.target.url, cases: this.results, latency: this.latency() };
    if (this.options.load && !this.unreachable) probe.load = await this.load(this.options.load);
    this.judgeLatency(probe);
    return probe;
  }

  private async probeVendor(engine: Engine): Promise<void> {
    const credential = this.target.cases?.credential;
    const valid = credential === undefined ? undefined : this.build(engine, { credential });
    if (valid === undefined && credential !== undefined) return;
    const validAnswer = valid === undefined ? undefined : await this.validCase(engine, valid);
    if (this.unreachable) return;
    const accepted = asAccepted(validAnswer);
    if (valid === undefined) this.skip(engine, ['valid', 'replay', 'stale-timestamp'], 'needs a test customer credential (--cases)');
    else if (accepted) await this.replayCase(engine, valid, accepted);
    else this.skip(engine, ['replay'], 'the valid request was not answered 2xx with JSON, so a replay proves nothing');
    await this.wrongCredentialCase(engine);
    await this.bearerCases(engine, credential);
    if (credential !== undefined && accepted) await this.staleCase(engine, credential, accepted);
    else if (credential !== undefined) this.skip(engine, ['stale-timestamp'], 'the valid request was not answered 2xx with JSON');
    await this.badInputCases(engine, credential);
  }

  /** The vendor's request for a fresh call (new interaction id, the current time unless told otherwise). */
  private build(engine: Engine, variant: { credential: string; timestamp?: number }): HttpRequest | undefined {
    const call: CallData = {
      ani: '+15550100100',
      dnis: '+18005550100',
      ...this.target.cases?.call,
      id: randomUUID(),
      timestamp: new Date(variant.timestamp ?? this.now()).toISOString(),
    };
    const toEndpoint: CallToEndpoint = {
      call,
      credential: variant.credential,
      otherKeys: this.target.cases?.caller ?? [],
      replies: this.target.cases?.replies ?? new Map(),
    };
    const sent = requestAsSent(engine, this.options.graph, this.endpoint, toEndpoint);
    if (sent.ok) {
      for (const leak of sent.leaks) this.reportLeak(engine, `on the way to \`${this.endpoint.id}\`, ${leak.message}`);
      this.lastCall.set(engine.name, { call: toEndpoint, caller: sent.caller });
      return sent.request;
    }
    this.add(engine, {
      code: 'contract/no-request',
      severity: 'error',
      message: `Could not get the ${engine.name} artifact's request to \`${this.endpoint.id}\`: ${sent.reason}.`,
      path: this.origin,
      onKey: true,
      hint: 'Give the keys for the other gathers (`caller`) and the bodies of the endpoints on the way (`replies`) in the cases file.',
    });
    return undefined;
  }

  /** Once per engine and place: every case's request is built by the same run. */
  private reportLeak(engine: Engine, message: string): void {
    const key = `${engine.name}\n${message}`;
    if (this.leaksReported.has(key)) return;
    this.leaksReported.add(key);
    this.add(engine, {
      code: 'contract/credential-leak',
      severity: 'error',
      message: `Security: ${message}.`,
      path: this.origin,
      onKey: true,
      hint: 'Send a credential only in the body of its verifier, never in a URL, a header, a prompt or an attribute; promote what the verifier answers.',
    });
  }

  /** A verifier that answers with the credential it was sent hands it to everything that reads its answer. */
  private checkEcho(engine: Engine, reply: LiveReply, credential: string): void {
    const watched = credential.replace(/\D/g, '');
    if (reply.kind !== 'response' || watched.length < MIN_WATCHED_LENGTH || !carries(reply.body, [watched])) return;
    this.add(engine, {
      code: 'contract/echoes-credential',
      severity: 'error',
      message: `Security: the answer of \`${this.endpoint.id}\` carries the credential it was sent.`,
      path: [...this.origin, 'response'],
      onKey: true,
      hint: 'A verifier answers with who the caller is (an id, a tier), never with what they keyed; remove the echo from the backend.',
    });
  }

  /** The rest of the valid call, on the live answer: an echoed credential must not reach an attribute, a prompt or another request. */
  private checkRestOfCall(engine: Engine, reply: LiveReply): void {
    const last = this.lastCall.get(engine.name);
    if (reply.kind !== 'response' || last === undefined) return;
    const answer = { kind: 'response' as const, status: reply.status, body: reply.body };
    for (const leak of leaksAfterAnswer(engine, this.options.graph, this.endpoint.id, last.call, last.caller, answer))
      this.reportLeak(
        engine,
        `after \`${this.endpoint.id}\` answered the valid request, ${leak.message}${leak.step === undefined ? '' : ` (at step \`${leak.step}\`)`}`,
      );
  }

  private async send(request: HttpRequest, change?: (send: LiveSend) => LiveSend): Promise<{ reply: LiveReply; answer: ReadAnswer }> {
    const base = liveSendOf(request, this.target.url, this.options.secrets);
    const reply = await sendLive(change ? change(base) : base);
    if (reply.kind !== 'networkError') this.samples.push(reply.kind === 'timeout' ? request.timeoutSeconds * 1000 : reply.elapsedMs);
    return { reply, answer: readAnswer(reply, this.endpoint) };
  }

  private async validCase(engine: Engine, request: HttpRequest): Promise<ReadAnswer | undefined> {
    const { reply, answer } = await this.send(request);
    if (answer.kind === 'networkError') {
      this.unreachable = true;
      this.record(engine, 'valid', 'fail', describeAnswer(answer), reply);
      this.add(engine, {
        code: 'contract/unreachable',
        severity: 'error',
        message: `No connection to ${this.target.url} (${answer.cause}).`,
        path: [...this.origin, 'url'],
        hint: 'Check the --endpoint url, and that the backend is running and reachable from here.',
      });
      return undefined;
    }
    const credential = this.target.cases?.credential;
    if (credential !== undefined) this.checkEcho(engine, reply, credential);
    this.checkRestOfCall(engine, reply);
    const problems = this.checkValidAnswer(engine, answer);
    this.record(engine, 'valid', problems === 0 ? 'pass' : 'fail', describeAnswer(answer), reply);
    return answer;
  }

  /** The valid credential's answer: reached in time, 2xx, JSON, every field the flow reads there and typed, the success check true. */
  private checkValidAnswer(engine: Engine, answer: ReadAnswer): number {
    if (answer.kind === 'timeout')
      return this.add(engine, {
        code: 'contract/latency',
        severity: 'error',
        message: `The valid request got no answer within ${this.endpoint.timeoutSeconds} s; every caller would take the timeout path.`,
        path: [...this.origin, 'timeoutSeconds'],
        hint: 'Make the backend answer faster, or raise timeoutSeconds within the vendor limits.',
      });
    if (answer.kind !== 'response') return 0;
    if (!answer.ok)
      return this.add(engine, {
        code: 'contract/rejected-valid',
        severity: 'error',
        message: `The valid credential was refused: ${describeAnswer(answer)}.`,
        path: this.origin,
        onKey: true,
        hint: 'Check the credential in the cases file, the bearer token variable, and the request fields the backend expects.',
      });
    if (answer.json === undefined) return this.notJson(engine);
    return this.checkFields(engine, answer.json, true);
  }

  private notJson(engine: Engine): number {
    return this.add(engine, {
      code: 'contract/not-json',
      severity: 'error',
      message: 'The answer is not a JSON object; the flow can read no field of it.',
      path: [...this.origin, 'response'],
      onKey: true,
      hint: 'The backend must answer `application/json` with an object body.',
    });
  }

  /** Field presence (the ones the flow reads, on a success answer) and types (every declared one present). */
  private checkFields(engine: Engine, json: Record<string, unknown>, expectSuccess: boolean): number {
    let problems = 0;
    const declared = new Map(this.endpoint.responseFields.map((field) => [field.name, field.type]));
    const undeclared = Object.keys(json).filter((key) => !declared.has(key));
    const success = this.endpoint.success;
    const required = new Set([
      ...(success ? [success.field] : []),
      ...(expectSuccess ? fieldsTheFlowReads(this.options.graph, this.endpoint.id) : []),
    ]);
    for (const name of required) {
      if (Object.hasOwn(json, name)) continue;
      const guess = suggest(name, undeclared);
      problems += this.add(engine, {
        code: 'contract/missing-field',
        severity: 'error',
        message: `The answer has no \`${name}\`${guess === undefined ? '' : `; it has \`${guess}\``}${name === success?.field ? ', so the success check can never hold' : ''}.`,
        path: [...this.origin, 'response', 'fields', name],
        onKey: true,
        hint:
          guess === undefined
            ? `The answer's keys are: ${Object.keys(json).sort().join(', ') || 'none'}.`
            : `Did you mean \`${guess}\`? Rename the field in the backend or in the spec.`,
      });
    }
    for (const [name, type] of declared) {
      if (!Object.hasOwn(json, name) || json[name] === null || fitsType(json[name], type)) continue;
      problems += this.add(engine, {
        code: 'contract/wrong-type',
        severity: 'error',
        message: `\`${name}\` is ${jsonKind(json[name])} in the answer; the spec declares ${type}.`,
        path: [...this.origin, 'response', 'fields', name],
        hint: 'A value of the wrong type fails the Genesys data action output contract; fix the backend or the declared type.',
      });
    }
    if (expectSuccess && success && Object.hasOwn(json, success.field) && json[success.field] !== success.equals)
      problems += this.add(engine, {
        code: 'contract/success-never-matches',
        severity: 'error',
        message: `For the valid credential \`${success.field}\` is ${JSON.stringify(json[success.field])}, never ${JSON.stringify(success.equals)}; every caller would fail.`,
        path: [...this.origin, 'response', 'success', 'equals'],
        hint: 'Make the spec check the value the backend sends on success, or fix the backend.',
      });
    return problems;
  }

  private async replayCase(engine: Engine, request: HttpRequest, first: AcceptedAnswer): Promise<void> {
    const { reply, answer } = await this.send(request);
    const accepted = acceptedLike(answer, first);
    if (accepted)
      this.add(engine, {
        code: 'contract/replay-accepted',
        severity: 'error',
        message:
          'Security: the same interaction id and timestamp were accepted twice; a recorded request can be replayed to promote a caller.',
        path: [...this.origin, 'body', endpointRoles(this.endpoint).interactionId ?? ''].filter((segment) => segment !== ''),
        hint: 'Keep each (interaction id, timestamp) for the freshness window and refuse a second use.',
      });
    this.record(engine, 'replay', accepted ? 'fail' : 'pass', describeAnswer(answer), reply);
  }

  private async wrongCredentialCase(engine: Engine): Promise<void> {
    const wrong = this.target.cases?.wrongCredential ?? this.fillerCredential();
    const request = this.build(engine, { credential: wrong });
    if (!request) return;
    const { reply, answer } = await this.send(request);
    const accepted = answer.kind === 'response' && answer.succeeded;
    if (accepted)
      this.add(engine, {
        code: 'contract/wrong-credential-accepted',
        severity: 'error',
        message: 'Security: a wrong credential passed the success check.',
        path: [...this.origin, 'response', 'success'],
        hint: 'Check that the backend verifies the credential; give a real wrong one as `wrongCredential` in the cases file.',
      });
    else if (answer.kind === 'response' && answer.ok && answer.json) this.checkFields(engine, answer.json, false);
    this.record(engine, 'wrong-credential', accepted ? 'fail' : 'pass', describeAnswer(answer), reply);
  }

  private async bearerCases(engine: Engine, credential: string | undefined): Promise<void> {
    if (this.endpoint.bearerSecret === undefined) return;
    const variants: [CaseKind, (send: LiveSend) => LiveSend][] = [
      ['no-bearer', (send) => ({ ...send, headers: withoutAuthorization(send.headers) })],
      [
        'wrong-bearer',
        (send) => ({ ...send, headers: { ...withoutAuthorization(send.headers), authorization: `Bearer ivrflow-probe-${randomUUID()}` } }),
      ],
    ];
    for (const [kind, change] of variants) {
      const request = this.build(engine, { credential: credential ?? this.fillerCredential() });
      if (!request) return;
      const { reply, answer } = await this.send(request, change);
      const refused = answer.kind === 'response' && (answer.status === 401 || answer.status === 403);
      if (!refused && answer.kind === 'response')
        this.add(engine, {
          code: 'contract/bearer-not-checked',
          severity: answer.succeeded ? 'error' : 'warning',
          message: `${answer.succeeded ? 'Security: a' : 'A'} request ${kind === 'no-bearer' ? 'without a bearer token' : 'with a wrong bearer token'} got ${describeAnswer(answer)}, not 401/403.`,
          path: [...this.origin, 'auth', 'bearer'],
          hint: 'The backend must refuse a missing or wrong service token before it looks at the credential.',
        });
      this.record(engine, kind, refused ? 'pass' : 'fail', describeAnswer(answer), reply);
    }
  }

  private async staleCase(engine: Engine, credential: string, fresh: AcceptedAnswer): Promise<void> {
    const request = this.build(engine, { credential, timestamp: this.now() - STALE_SECONDS * 1000 });
    if (!request) return;
    const { reply, answer } = await this.send(request);
    const accepted = acceptedLike(answer, fresh);
    if (accepted)
      this.add(engine, {
        code: 'contract/stale-accepted',
        severity: 'error',
        message: `Security: a request timestamped ${STALE_SECONDS} s ago was accepted; the backend must refuse requests older than 60 s.`,
        path: [...this.origin, 'body', endpointRoles(this.endpoint).timestamp ?? ''].filter((segment) => segment !== ''),
        hint: 'Compare the timestamp with the server clock and refuse anything outside a 60 s window.',
      });
    this.record(engine, 'stale-timestamp', accepted ? 'fail' : 'pass', describeAnswer(answer), reply);
  }

  /** An empty and a malformed credential, put into the vendor's body: no caller can key them, an attacker can send them. */
  private async badInputCases(engine: Engine, credential: string | undefined): Promise<void> {
    const field = endpointRoles(this.endpoint).credential;
    if (field === undefined) return;
    const variants: [CaseKind, string][] = [
      ['empty-credential', ''],
      ['malformed-credential', `${credential ?? this.fillerCredential()}' OR '1'='1`],
    ];
    for (const [kind, value] of variants) {
      const request = this.build(engine, { credential: credential ?? this.fillerCredential() });
      if (!request) return;
      const { reply, answer } = await this.send(request, (send) => ({ ...send, body: replaceField(send.body, field, value) }));
      const accepted = answer.kind === 'response' && answer.succeeded;
      const crashed = answer.kind === 'response' && answer.status >= 500;
      if (accepted || crashed)
        this.add(engine, {
          code: accepted ? 'contract/bad-input-accepted' : 'contract/bad-input-crash',
          severity: accepted ? 'error' : 'warning',
          message: accepted
            ? `Security: ${kind === 'empty-credential' ? 'an empty' : 'a malformed'} credential passed the success check.`
            : `${kind === 'empty-credential' ? 'An empty' : 'A malformed'} credential made the backend answer HTTP ${answer.status}.`,
          path: [...this.origin, 'body', field],
          hint: 'Validate the credential format and answer a failure (or 400), never a success or a 5xx.',
        });
      this.record(engine, kind, accepted || crashed ? 'fail' : 'pass', describeAnswer(answer), reply);
    }
  }

  private async load(load: { requests: number; concurrency: number }): Promise<LoadSummary> {
    const credential = this.target.cases?.credential ?? this.fillerCredential();
    const samples: number[] = [];
    const outcomes: Record<string, number> = {};
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < load.requests) {
        const engine = this.options.engines[next % this.options.engines.length]!;
        next += 1;
        const request = this.build(engine, { credential });
        if (!request) return;
        const reply = await sendLive(liveSendOf(request, this.target.url, this.options.secrets));
        const key = reply.kind === 'response' ? String(reply.status) : reply.kind;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        if (reply.kind !== 'networkError') samples.push(reply.kind === 'timeout' ? request.timeoutSeconds * 1000 : reply.elapsedMs);
      }
    };
    await Promise.all(Array.from({ length: Math.min(load.concurrency, load.requests) }, worker));
    const seconds = (performance.now() - started) / 1000;
    this.samples.push(...samples);
    return {
      requests: load.requests,
      concurrency: load.concurrency,
      seconds: Math.round(seconds * 1000) / 1000,
      perSecond: seconds > 0 ? Math.round(load.requests / seconds) : 0,
      p50Ms: percentile(samples, 0.5),
      p99Ms: percentile(samples, 0.99),
      outcomes,
    };
  }

  private latency(): LatencySummary {
    return {
      samples: this.samples.length,
      p50Ms: percentile(this.samples, 0.5),
      p99Ms: percentile(this.samples, 0.99),
      timeoutSeconds: this.endpoint.timeoutSeconds,
    };
  }

  private judgeLatency(probe: EndpointProbe): void {
    probe.latency = this.latency();
    const { p50Ms, p99Ms, samples } = probe.latency;
    const timeoutMs = this.endpoint.timeoutSeconds * 1000;
    if (samples === 0 || p99Ms < LATENCY_WARNING_SHARE * timeoutMs) return;
    this.add(undefined, {
      code: 'contract/latency',
      severity: p99Ms >= timeoutMs ? 'error' : 'warning',
      message: `Latency p50 ${p50Ms} ms, p99 ${p99Ms} ms over ${samples} requests is ${p99Ms >= timeoutMs ? 'over' : 'near'} the ${this.endpoint.timeoutSeconds} s timeout.`,
      path: [...this.origin, 'timeoutSeconds'],
      hint: 'Callers past the timeout take the service-unavailable path; make the backend faster or raise timeoutSeconds within the vendor limits.',
    });
  }

  /** Digits of the credential gather's length, all zeros: a code no one should be given. */
  private fillerCredential(): string {
    const variable = endpointRoles(this.endpoint).credentialVariable;
    const gather = this.options.graph.nodes.find((node): node is GatherNode => node.kind === 'gather' && node.variable === variable);
    const filler = '0'.repeat(gather?.digits.max ?? 6);
    return filler === this.target.cases?.credential ? '9'.repeat(filler.length) : filler;
  }

  private skip(engine: Engine, kinds: readonly CaseKind[], reason: string): void {
    for (const kind of kinds) this.results.push({ endpoint: this.endpoint.id, vendor: engine.name, kind, outcome: 'skip', detail: reason });
  }

  private record(engine: Engine, kind: CaseKind, outcome: 'pass' | 'fail', detail: string, reply: LiveReply): void {
    this.results.push({ endpoint: this.endpoint.id, vendor: engine.name, kind, outcome, detail, elapsedMs: reply.elapsedMs });
  }

  /** Returns 1 so checks can count their problems. */
  private add(engine: Engine | undefined, finding: Finding): number {
    this.findings.add(engine?.name ?? '', finding);
    return 1;
  }
}

type AcceptedAnswer = Extract<ReadAnswer, { kind: 'response' }> & { json: Record<string, unknown> };

/**
 * Whether a request that should have been refused was treated like the valid one: it passed the
 * success check, or (when the success check itself is broken, e.g. a renamed status) it got the
 * same 2xx answer as the valid request.
 */
function asAccepted(answer: ReadAnswer | undefined): AcceptedAnswer | undefined {
  return answer?.kind === 'response' && answer.ok && answer.json !== undefined ? { ...answer, json: answer.json } : undefined;
}

function acceptedLike(answer: ReadAnswer, valid: AcceptedAnswer): boolean {
  if (answer.kind !== 'response' || !answer.ok) return false;
  return answer.succeeded || (answer.json !== undefined && sameJson(answer.json, valid.json));
}

function sameJson(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a).sort();
  return (
    keys.join('\u0000') === Object.keys(b).sort().join('\u0000') && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]))
  );
}

function withoutAuthorization(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

/** The body with one field's value replaced; the vendor's key order and other values are kept. */
function replaceField(body: string | undefined, field: string, value: string): string | undefined {
  if (body === undefined) return body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    parsed[field] = value;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The response fields of an endpoint that some step, condition or export of the flow reads. */
export function fieldsTheFlowReads(graph: FlowGraph, endpoint: string): string[] {
  const found = new Set<string>();
  // An explicit stack: conditions nest as deep as the spec writes them.
  const stack: unknown[] = [graph.nodes, graph.secure?.exports ?? []];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...(value as unknown[]));
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record['kind'] === 'result' && record['endpoint'] === endpoint && typeof record['field'] === 'string') found.add(record['field']);
      stack.push(...Object.values(record));
    }
  }
  return [...found].sort();
}
