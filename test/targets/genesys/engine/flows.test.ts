import { beforeAll, describe, expect, it } from 'vitest';
import { PlatformLimit, type HttpReply, type RouteEnd } from '../../../../src/targets/engine-contract.js';
import { CALL, call, compileFlow, json, keys, SILENCE, type Compiled } from './harness.js';

/** What each example flow should do, written from the spec (flows/*.yaml), not from the artifact. */
interface FlowCase {
  flow: string;
  retry: string;
  /** A valid entry, the digits the endpoint should receive, and one the terminator cuts short. */
  entry: string;
  code: string;
  shortEntry: string;
  /** Keys past the maximum, then the terminator, and the digits that count. */
  longEntry: string;
  longCode: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  authMethod?: string;
  timeoutSeconds: number;
  prompts: {
    welcome: string;
    gather: string;
    wrong: string;
    missing: string;
    unavailable: string;
    exhausted?: string;
    routed?: string;
    noAgents: string;
  };
  routes: { platinum: RouteEnd; standard: RouteEnd; unavailable: RouteEnd; exhausted: RouteEnd };
  /** Attributes after a verified caller, and the replies after the verification. */
  promoted: (tier: string) => [string, string][];
  afterVerify: HttpReply[];
}

const PROFILE = { customer_id: 'C-42', account_status: 'active', routing_priority: 7, reason: '', max_attempts_remaining: 2 };
const BEARER = { authorization: 'Bearer <secret:middlewareToken>', 'content-type': 'application/json' };

const CASES: FlowCase[] = [
  {
    flow: 'identity-promotion',
    retry: 'authenticate',
    entry: '123456#',
    code: '123456',
    shortEntry: '12345#',
    longEntry: '1234567#',
    longCode: '123456',
    method: 'POST',
    url: '{{identity_base_url}}/api/v1/auth/verify',
    headers: BEARER,
    authMethod: 'otp',
    timeoutSeconds: 15,
    prompts: {
      welcome: 'Welcome to Example Bank. To help us serve you, we will verify your identity.',
      gather: 'Please enter the six digit code we sent you.',
      wrong: 'That code was not correct.',
      missing: 'Sorry, we did not receive your code.',
      unavailable: 'Our verification service is unavailable right now. Connecting you to an agent.',
      exhausted: 'We could not verify your identity. Connecting you to an agent who can help.',
      routed: 'Thank you. Connecting you to an agent.',
      noAgents: 'Sorry, no agent can take your call right now. Please call again later.',
    },
    routes: {
      platinum: { kind: 'route', queue: 'platinum', priority: 50, skills: [] },
      standard: { kind: 'route', queue: 'general', priority: 20, skills: [] },
      unavailable: { kind: 'route', queue: 'general', priority: 10, skills: [] },
      exhausted: { kind: 'route', queue: 'general', priority: 0, skills: [] },
    },
    promoted: (tier) => [
      ['customer.id', 'C-42'],
      ['customer.tier', tier],
      ['customer.accountStatus', 'active'],
      ['customer.routingPriority', '7'],
      ['customer.authenticated', 'true'],
    ],
    afterVerify: [],
  },
  {
    flow: 'international-otp',
    retry: 'otpAttempts',
    entry: '654321#',
    code: '654321',
    shortEntry: '65432#',
    longEntry: '65432198#',
    longCode: '654321',
    method: 'POST',
    url: '{{identity_base_url}}/api/v1/auth/verify',
    headers: { ...BEARER, 'x-caller-region': 'international' },
    authMethod: 'otp',
    timeoutSeconds: 20,
    prompts: {
      welcome: 'Welcome to Example Bank international service. We will send you a one-time code.',
      gather: 'Please enter the six digit code from your text message.',
      wrong: 'That code did not match.',
      missing: 'We did not receive a code.',
      unavailable: 'Verification is unavailable at the moment. Connecting you to an agent.',
      exhausted: 'We could not verify your code. Connecting you to an agent.',
      routed: 'Thank you. Please hold for the next available agent.',
      noAgents: 'We are sorry, no agent is available. Please try again later.',
    },
    routes: {
      platinum: { kind: 'route', queue: 'platinum', priority: 60, skills: ['International'] },
      standard: { kind: 'route', queue: 'general', priority: 20, skills: ['International'] },
      unavailable: { kind: 'route', queue: 'general', priority: 10, skills: ['International'] },
      exhausted: { kind: 'route', queue: 'general', priority: 0, skills: ['International'] },
    },
    promoted: (tier) => [
      ['customer.id', 'C-42'],
      ['customer.tier', tier],
      ['customer.accountStatus', 'active'],
      ['customer.routingPriority', '7'],
    ],
    afterVerify: [],
  },
  {
    flow: 'pin-with-summary',
    retry: 'pinAttempts',
    entry: '2468#',
    code: '2468',
    shortEntry: '246#',
    longEntry: '1234567890#',
    longCode: '12345678',
    method: 'POST',
    url: '{{identity_base_url}}/api/v1/auth/verify',
    headers: BEARER,
    authMethod: 'pin',
    timeoutSeconds: 15,
    prompts: {
      welcome: 'Thank you for calling Example Bank telephone banking.',
      gather: 'Please enter your telephone banking PIN, followed by the hash key.',
      wrong: 'That PIN was not recognised.',
      missing: 'We did not receive your PIN.',
      unavailable: 'We cannot verify your PIN right now. Connecting you to an agent.',
      exhausted: 'We could not verify your PIN. Connecting you to an agent.',
      noAgents: 'All our agents are busy. Please call again later. Goodbye.',
    },
    routes: {
      platinum: { kind: 'route', queue: 'gold', priority: 60, skills: [] },
      standard: { kind: 'route', queue: 'general', priority: 20, skills: [] },
      unavailable: { kind: 'route', queue: 'general', priority: 10, skills: [] },
      exhausted: { kind: 'route', queue: 'general', priority: 0, skills: [] },
    },
    promoted: (tier) => [
      ['customer.id', 'C-42'],
      ['customer.tier', tier],
      ['customer.accountStatus', 'active'],
      ['summary.lastContactReason', 'card lost'],
      ['summary.openTickets', '2'],
      ['summary.text', 'Called twice this week.'],
    ],
    afterVerify: [json(200, { status: 'ok', last_contact_reason: 'card lost', open_tickets: 2, summary: 'Called twice this week.' })],
  },
];

const verified = (tier: string) => json(200, { status: 'success', tier, ...PROFILE });
const rejected = json(200, { status: 'failed', reason: 'mismatch', max_attempts_remaining: 1 });

describe.each(CASES)('genesys engine on $flow', (flowCase) => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileFlow(flowCase.flow);
  });
  const { prompts, routes } = flowCase;

  it('routes a platinum caller verified at the first try, with the request as the endpoint receives it', () => {
    const run = call(compiled, [keys(flowCase.entry)], [verified('platinum'), ...flowCase.afterVerify]);
    expect(run.recorder.callEnd).toEqual(routes.platinum);
    expect(run.attributes).toEqual(flowCase.promoted('platinum'));
    expect(run.prompts).toEqual([prompts.welcome, prompts.gather, ...(prompts.routed ? [prompts.routed] : [])]);
    expect(run.recorder.attempts).toEqual(new Map([[flowCase.retry, 1]]));
    const [verify] = run.requests;
    expect(verify).toMatchObject({
      endpoint: flowCase.flow === 'pin-with-summary' ? 'verifyPin' : 'verifyIdentity',
      method: flowCase.method,
      url: flowCase.url,
      headers: flowCase.headers,
      timeoutSeconds: flowCase.timeoutSeconds,
    });
    expect(verify!.body).toBe(
      `{"interaction_id": "${CALL.id}", "customer_identifier": "${CALL.ani}", "auth_method": "${flowCase.authMethod}", "auth_value": "${flowCase.code}", "timestamp": "2026-01-02T03:04:05.000Z"}`,
    );
  });

  it('routes a standard caller by the default case', () => {
    const run = call(compiled, [keys(flowCase.entry)], [verified('standard'), ...flowCase.afterVerify]);
    expect(run.recorder.callEnd).toEqual(routes.standard);
    expect(run.attributes).toEqual(flowCase.promoted('standard'));
  });

  it('takes a wrong code, then a right one, as two attempts', () => {
    const run = call(compiled, [keys('999999#'), keys(flowCase.entry)], [rejected, verified('platinum'), ...flowCase.afterVerify]);
    expect(run.recorder.callEnd).toEqual(routes.platinum);
    expect(run.prompts.slice(0, 4)).toEqual([prompts.welcome, prompts.gather, prompts.wrong, prompts.gather]);
    expect(run.recorder.attempts.get(flowCase.retry)).toBe(2);
    expect(run.requests.map((request) => JSON.parse(request.body!).auth_value)).toEqual([
      '999999',
      flowCase.code,
      ...flowCase.afterVerify.map(() => undefined),
    ]);
  });

  it('routes to the exhausted path after three wrong codes, with nothing promoted', () => {
    const run = call(compiled, [keys(flowCase.entry), keys(flowCase.entry), keys(flowCase.entry)], [rejected, rejected, rejected]);
    expect(run.recorder.callEnd).toEqual(routes.exhausted);
    expect(run.attributes).toEqual([]);
    expect(run.recorder.attempts.get(flowCase.retry)).toBe(3);
    expect(run.prompts.filter((prompt) => prompt === prompts.wrong)).toHaveLength(3);
    expect(run.prompts.at(-1)).toBe(prompts.exhausted);
  });

  it.each([
    ['a timeout', { kind: 'timeout' } as HttpReply],
    ['a 500', json(500, { error: 'boom' })],
    ['a network error', { kind: 'networkError' } as HttpReply],
  ])('routes to the unavailable path on %s', (_, reply) => {
    const run = call(compiled, [keys(flowCase.entry)], [reply]);
    expect(run.recorder.callEnd).toEqual(routes.unavailable);
    expect(run.prompts.at(-1)).toBe(prompts.unavailable);
    expect(run.attributes).toEqual([]);
  });

  it('treats a 200 whose status field is renamed as a failed verification (the default is "")', () => {
    const { status, ...profile } = { status: 'success', tier: 'platinum', ...PROFILE };
    const run = call(
      compiled,
      [keys(flowCase.entry), keys(flowCase.entry)],
      [json(200, { state: status, ...profile }), verified('platinum'), ...flowCase.afterVerify],
    );
    expect(run.prompts).toContain(prompts.wrong);
    expect(run.recorder.attempts.get(flowCase.retry)).toBe(2);
    expect(run.recorder.callEnd).toEqual(routes.platinum);
  });

  it('counts only the first digits of a long entry', () => {
    const run = call(compiled, [keys(flowCase.longEntry)], [verified('platinum'), ...flowCase.afterVerify]);
    expect(JSON.parse(run.requests[0]!.body!).auth_value).toBe(flowCase.longCode);
    expect(run.recorder.callEnd).toEqual(routes.platinum);
  });

  it('treats an entry the terminator cuts short as no input: it never reaches the endpoint', () => {
    const run = call(compiled, [keys(flowCase.shortEntry), keys(flowCase.entry)], [verified('platinum'), ...flowCase.afterVerify]);
    expect(run.requests.filter((request) => request.url.endsWith('/auth/verify'))).toHaveLength(1);
    expect(JSON.parse(run.requests[0]!.body!).auth_value).toBe(flowCase.code);
    expect(run.prompts.slice(0, 4)).toEqual([prompts.welcome, prompts.gather, prompts.missing, prompts.gather]);
  });

  it('routes to the exhausted path after three silences, without a request', () => {
    const run = call(compiled, [SILENCE, SILENCE, SILENCE]);
    expect(run.requests).toEqual([]);
    expect(run.prompts.filter((prompt) => prompt === prompts.missing)).toHaveLength(3);
    expect(run.recorder.callEnd).toEqual(routes.exhausted);
    expect(run.recorder.attempts.get(flowCase.retry)).toBe(3);
  });

  it('reports a platform limit when a transfer from the secure flow fails (blind transfer)', () => {
    expect(() => call(compiled, [keys(flowCase.entry)], [verified('platinum'), ...flowCase.afterVerify], { transfer: 'fails' })).toThrow(
      PlatformLimit,
    );
  });

  it('takes the inbound failure path when the secure flow does not exist', () => {
    const inboundOnly = { ...compiled, artifacts: compiled.artifacts.filter((artifact) => artifact.kind !== 'secureCall') };
    const routed = call(inboundOnly, []);
    expect(routed.recorder.callEnd).toEqual(routes.unavailable);
    expect(routed.prompts).toEqual([prompts.welcome, prompts.unavailable]);
    const failed = call(inboundOnly, [], [], { transfer: 'fails' });
    expect(failed.prompts).toEqual([prompts.welcome, prompts.unavailable, prompts.noAgents]);
    expect(failed.recorder.callEnd).toEqual({ kind: 'disconnect' });
  });
});
