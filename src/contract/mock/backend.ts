import { timingSafeEqual } from 'node:crypto';
import { parseObject } from '../../util/json.js';
import type { FlowGraph, IrEndpoint } from '../../ir/nodes.js';
import { endpointPath, endpointRoles, type EndpointRoles } from '../roles.js';
import { assertNever } from '../../util/assert.js';
import { hasFault, parseFaultList, type Fault } from './faults.js';
import type { MockCustomer, MockFixtures } from './fixtures.js';

/**
 * The development middleware: the contract of the spec's endpoints, with the checks a real
 * identity middleware must make (the bearer token, a fresh timestamp, single use of an interaction
 * id and timestamp, a bounded number of attempts) and an audit line for every promotion and every
 * failed attempt. Pure: requests in, answers out; `server.ts` puts it on node:http.
 */

export interface MockRequest {
  method: string;
  path: string;
  /** Names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export interface MockAnswer {
  status: number;
  /** JSON text, or deliberately not JSON under the `malformed` fault. */
  body: string;
  /** Milliseconds to wait before answering (the `delay` fault). */
  delayMs: number;
}

/** One line of the audit log. Never holds a credential; the identifier is masked to its last 4 characters. */
export interface AuditEntry {
  time: string;
  event: 'promotion' | 'failed-attempt' | 'rejected';
  endpoint: string;
  interaction_id?: string;
  identifier?: string;
  customer_id?: string;
  reason?: string;
  max_attempts_remaining?: number;
}

export interface BackendOptions {
  fixtures: MockFixtures;
  /** The token each bearer secret must carry; an endpoint whose secret is missing here refuses every request. */
  tokens: ReadonlyMap<string, string>;
  audit: (entry: AuditEntry) => void;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number;
}

/** Entries beyond this are refused (503) rather than letting a flood of ids exhaust memory. */
const MAX_REPLAY_ENTRIES = 1_000_000;
const MAX_TRACKED_INTERACTIONS = 1_000_000;
const CREDENTIAL = /^[0-9]{1,32}$/;

interface Route {
  endpoint: IrEndpoint;
  roles: EndpointRoles;
}

export class MockBackend {
  private readonly routes = new Map<string, Route[]>();
  /** Replay key -> when it may be forgotten (ms); insertion order is expiry order. */
  private readonly seen = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly now: () => number;
  verifications = 0;

  constructor(
    graphs: readonly FlowGraph[],
    private readonly options: BackendOptions,
  ) {
    this.now = options.now ?? Date.now;
    for (const endpoint of graphs.flatMap((graph) => graph.endpoints)) {
      const path = endpointPath(endpoint);
      const routes = this.routes.get(path) ?? [];
      if (!routes.some((route) => route.endpoint.method === endpoint.method)) routes.push({ endpoint, roles: endpointRoles(endpoint) });
      this.routes.set(path, routes);
    }
  }

  /** The paths served, with their methods, for the start-up banner. */
  get served(): { method: string; path: string; endpoint: string }[] {
    return [...this.routes].flatMap(([path, routes]) =>
      routes.map((route) => ({ method: route.endpoint.method, path, endpoint: route.endpoint.id })),
    );
  }

  /** Failed attempts recorded for an interaction id. */
  failedAttempts(interactionId: string): number {
    return this.failures.get(interactionId) ?? 0;
  }

  handle(request: MockRequest): MockAnswer {
    const routes = this.routes.get(request.path.replace(/\?.*$/, ''));
    if (!routes) return answer(404, { error: 'not_found' });
    const route = routes.find((candidate) => candidate.endpoint.method === request.method);
    if (!route) return answer(405, { error: 'method_not_allowed', allowed: routes.map((candidate) => candidate.endpoint.method) });
    return new Exchange(this, route, request).answer();
  }

  /** @internal */ checkBearer(endpoint: IrEndpoint, header: string | undefined): boolean {
    if (endpoint.bearerSecret === undefined) return true;
    const expected = this.options.tokens.get(endpoint.bearerSecret);
    const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (expected === undefined || given === undefined) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** @internal */ isStale(timestamp: number): boolean {
    return Math.abs(this.now() - timestamp) > this.options.fixtures.timestampWindowSeconds * 1000;
  }

  /** @internal */ useOnce(key: string): 'fresh' | 'replayed' | 'full' {
    this.forgetExpired();
    if (this.seen.has(key)) return 'replayed';
    if (this.seen.size >= MAX_REPLAY_ENTRIES) return 'full';
    // Twice the window: a key is remembered for as long as its timestamp could still pass the freshness check.
    this.seen.set(key, this.now() + 2 * this.options.fixtures.timestampWindowSeconds * 1000);
    return 'fresh';
  }

  /** @internal */ recordFailure(interactionId: string): number {
    const failures = (this.failures.get(interactionId) ?? 0) + 1;
    if (this.failures.has(interactionId) || this.failures.size < MAX_TRACKED_INTERACTIONS) this.failures.set(interactionId, failures);
    return Math.max(0, this.options.fixtures.maxAttempts - failures);
  }

  /** @internal */ get fixtures(): MockFixtures {
    return this.options.fixtures;
  }

  /** @internal */ audit(entry: Omit<AuditEntry, 'time'>): void {
    this.options.audit({ time: new Date(this.now()).toISOString(), ...entry });
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
  }
}

/** One request through the checks, in the order a careful middleware makes them. */
class Exchange {
  private readonly endpoint: IrEndpoint;
  private readonly roles: EndpointRoles;
  private faults: Fault[];
  private body: Record<string, unknown> = {};

  constructor(
    private readonly backend: MockBackend,
    route: Route,
    private readonly request: MockRequest,
  ) {
    this.endpoint = route.endpoint;
    this.roles = route.roles;
    this.faults = [...backend.fixtures.faults, ...requestFaults(request)];
  }

  answer(): MockAnswer {
    const early = this.check();
    if (early) return this.withFaults(early);
    return this.withFaults(this.endpoint.verifiesCredential ? this.verify() : this.lookup());
  }

  /** Everything before the credential: bearer, body shape, freshness, single use. */
  private check(): MockAnswer | undefined {
    if (!hasFault(this.faults, 'acceptAnyBearer') && !this.backend.checkBearer(this.endpoint, this.request.headers['authorization']))
      return this.reject(401, 'unauthorized');
    const parsed = parseObject(this.request.body);
    if (!parsed) return this.reject(400, 'malformed_body');
    this.body = parsed;
    const customer = this.customer();
    if (customer) this.faults = [...this.faults, ...customer.faults];
    const missing = this.endpoint.body.find((field) => !Object.hasOwn(parsed, field.field));
    if (missing) return this.reject(400, 'missing_field', { field: missing.field });
    return this.checkFreshness();
  }

  private checkFreshness(): MockAnswer | undefined {
    const { interactionId, timestamp } = this.roles;
    if (timestamp === undefined) return undefined;
    const text = this.text(timestamp);
    const instant = text === undefined ? Number.NaN : Date.parse(text);
    if (Number.isNaN(instant)) return this.reject(400, 'unreadable_timestamp');
    if (!hasFault(this.faults, 'acceptStale') && this.backend.isStale(instant)) return this.reject(401, 'stale_request');
    if (interactionId === undefined || hasFault(this.faults, 'acceptReplay')) return undefined;
    const use = this.backend.useOnce(`${this.text(interactionId) ?? ''}\u0000${text}`);
    if (use === 'replayed') return this.reject(401, 'replayed_request');
    if (use === 'full') return this.reject(503, 'replay_cache_full');
    return undefined;
  }

  private verify(): MockAnswer {
    const credential = this.roles.credential === undefined ? undefined : this.text(this.roles.credential);
    if (credential === undefined || !CREDENTIAL.test(credential)) return this.reject(400, 'malformed_credential');
    const interaction = this.interaction();
    this.backend.verifications += 1;
    const max = this.backend.fixtures.maxAttempts;
    if (this.backend.failedAttempts(interaction) >= max) return this.fail('max_attempts_exceeded', 0);
    const customer = this.customer();
    if (!customer || !customer.codes.includes(credential)) return this.fail('invalid_credential', this.backend.recordFailure(interaction));
    this.backend.audit({
      event: 'promotion',
      endpoint: this.endpoint.id,
      interaction_id: interaction,
      identifier: this.maskedIdentifier(),
      customer_id: String(customer.profile['customer_id'] ?? ''),
    });
    return answer(200, {
      ...this.successMark(),
      ...this.declared(customer.profile),
      ...this.remaining(max - this.backend.failedAttempts(interaction)),
    });
  }

  /** An endpoint that verifies nothing answers from the profile of the customer the request names. */
  private lookup(): MockAnswer {
    const customer = this.customer();
    if (!customer) return answer(200, { ...this.failureMark(), ...this.declared({ reason: 'not_found' }) });
    return answer(200, { ...this.successMark(), ...this.declared(customer.profile) });
  }

  private fail(reason: string, remaining: number): MockAnswer {
    this.backend.audit({
      event: 'failed-attempt',
      endpoint: this.endpoint.id,
      interaction_id: this.interaction(),
      identifier: this.maskedIdentifier(),
      reason,
      max_attempts_remaining: remaining,
    });
    return answer(200, { ...this.failureMark(), ...this.declared({ reason }), ...this.remaining(remaining) });
  }

  private reject(status: number, reason: string, extra: Record<string, unknown> = {}): MockAnswer {
    const entry: Omit<AuditEntry, 'time'> = { event: 'rejected', endpoint: this.endpoint.id, reason };
    const interaction = this.roles.interactionId === undefined ? undefined : this.text(this.roles.interactionId);
    if (interaction !== undefined) entry.interaction_id = interaction;
    this.backend.audit(entry);
    return answer(status, { ...this.failureMark(), ...this.declared({ reason }), ...extra });
  }

  /** Only the response fields the spec declares are sent (besides the success field). */
  private declared(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const names = new Set(this.endpoint.responseFields.map((field) => field.name));
    return Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name)));
  }

  private remaining(count: number): Record<string, unknown> {
    return this.declared({ max_attempts_remaining: Math.max(0, count) });
  }

  private successMark(): Record<string, unknown> {
    const success = this.endpoint.success;
    return success ? { [success.field]: success.equals } : {};
  }

  /** What the success field holds on a failure: `failure` (the documented contract), or the opposite of a boolean check. */
  private failureMark(): Record<string, unknown> {
    const success = this.endpoint.success;
    if (!success) return {};
    return { [success.field]: typeof success.equals === 'boolean' ? !success.equals : typeof success.equals === 'number' ? -1 : 'failure' };
  }

  private customer(): MockCustomer | undefined {
    const values = new Set(
      Object.values(this.body)
        .filter((value) => typeof value === 'string' || typeof value === 'number')
        .map(String),
    );
    const identifier = this.roles.identifier === undefined ? undefined : this.text(this.roles.identifier);
    const credential = this.roles.credential === undefined ? undefined : this.text(this.roles.credential);
    const candidates = this.backend.fixtures.customers.filter((customer) =>
      identifier !== undefined
        ? customer.identifier === identifier
        : values.has(customer.identifier) || values.has(String(customer.profile['customer_id'])),
    );
    return candidates.find((customer) => credential !== undefined && customer.codes.includes(credential)) ?? candidates[0];
  }

  private interaction(): string {
    return (this.roles.interactionId === undefined ? undefined : this.text(this.roles.interactionId)) ?? '';
  }

  private maskedIdentifier(): string | undefined {
    const identifier = this.roles.identifier === undefined ? undefined : this.text(this.roles.identifier);
    return identifier === undefined ? undefined : `…${identifier.slice(-4)}`;
  }

  /** A body value as text: Genesys sends typed JSON, CXone sends every value as a string; both are read alike. */
  private text(field: string): string | undefined {
    const value = this.body[field];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }

  private withFaults(base: MockAnswer): MockAnswer {
    let result = base;
    const credential = this.roles.credential === undefined ? undefined : this.text(this.roles.credential);
    for (const fault of this.faults) result = applyFault(fault, result, this.endpoint, credential);
    return result;
  }
}

function applyFault(fault: Fault, base: MockAnswer, endpoint: IrEndpoint, credential: string | undefined): MockAnswer {
  switch (fault.kind) {
    case 'status500':
      return { ...base, status: 500, body: JSON.stringify({ error: 'internal' }) };
    case 'delay':
      return { ...base, delayMs: Math.round((fault.seconds ?? endpoint.timeoutSeconds + 1) * 1000) };
    case 'rename': {
      const parsed = parseObject(base.body);
      if (!parsed || !Object.hasOwn(parsed, fault.from)) return base;
      const renamed = Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key === fault.from ? fault.to : key, value]));
      return { ...base, body: JSON.stringify(renamed) };
    }
    case 'malformed':
      return { ...base, body: base.body.slice(0, Math.max(1, Math.floor(base.body.length / 2))) };
    case 'echoCredential': {
      const parsed = parseObject(base.body);
      return parsed && credential !== undefined
        ? { ...base, body: JSON.stringify({ ...parsed, [fault.field ?? 'echo']: credential }) }
        : base;
    }
    case 'acceptReplay':
    case 'acceptStale':
    case 'acceptAnyBearer':
      return base;
    default:
      return assertNever(fault);
  }
}

/** Unknown fault names in the request header are ignored: the header is a development aid, not input to validate. */
function requestFaults(request: MockRequest): Fault[] {
  const header = request.headers['x-ivrflow-mock-fault'];
  return header === undefined || header.length > 256 ? [] : parseFaultList(header).faults;
}

function answer(status: number, body: Record<string, unknown>): MockAnswer {
  return { status, body: JSON.stringify(body), delayMs: 0 };
}
