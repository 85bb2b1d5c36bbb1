import { describe, expect, it } from 'vitest';
import { CallerInputExhausted } from '../../src/targets/engine-contract.js';
import { createSpecEngine } from '../../src/simulate/reference/engine.js';
import { classifyReply, collectDigits } from '../../src/simulate/reference/values.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { attributes, call, exampleGraph, graphOf, ok, prompts, requestBodies, requests, simulate, steps } from './helpers.js';

const identity = exampleGraph('identity-promotion');
const engine = createSpecEngine(identity);
const PLATINUM = { status: 'success', customer_id: 'C-1', tier: 'platinum', account_status: 'active', routing_priority: 90 };

describe('spec engine on identity-promotion', () => {
  it('verifies, promotes and routes a platinum caller', () => {
    const run = simulate(engine, call(['123456#']), [ok(PLATINUM)]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'platinum', priority: 50, skills: [] });
    expect(attributes(run)).toEqual({
      'customer.id': 'C-1',
      'customer.tier': 'platinum',
      'customer.accountStatus': 'active',
      'customer.routingPriority': '90',
      'customer.authenticated': 'true',
    });
    expect(requestBodies(run)).toEqual([
      {
        interaction_id: call([]).call.id,
        customer_identifier: call([]).call.ani,
        auth_method: 'otp',
        auth_value: '123456',
        timestamp: call([]).call.timestamp,
      },
    ]);
    expect(run.attempts.get('authenticate')).toBe(1);
  });

  it("sends each flow's own url, though both flows name the endpoint alike (the url is split once per endpoint)", () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const other = graphOf(text.replace('/api/v1/auth/verify', '/api/v2/verify'));
    for (const _ of [1, 2]) {
      expect(requests(simulate(engine, call(['123456#']), [ok(PLATINUM)]))[0]?.url).toBe('{{identity_base_url}}/api/v1/auth/verify');
      expect(requests(simulate(createSpecEngine(other), call(['123456#']), [ok(PLATINUM)]))[0]?.url).toBe(
        '{{identity_base_url}}/api/v2/verify',
      );
    }
  });

  it('sends the bearer token by reference and the platform timeout', () => {
    const run = simulate(engine, call(['123456#']), [ok(PLATINUM)]);
    const request = run.events.find((event) => event.kind === 'request');
    expect(request).toMatchObject({
      request: {
        method: 'POST',
        headers: { authorization: 'Bearer <secret:middlewareToken>', 'content-type': 'application/json' },
        timeoutSeconds: 15,
      },
    });
  });

  it('counts attempts and stops at maxAttempts without promoting anyone', () => {
    const run = simulate(engine, call(['111111#', '222222#', '333333#']), [ok({ status: 'failure' })]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 0, skills: [] });
    expect(run.attempts.get('authenticate')).toBe(3);
    expect(attributes(run)).toEqual({});
    expect(steps(run).filter((step) => step === 'verifyOtp')).toHaveLength(3);
  });

  it.each([
    ['a timeout', { kind: 'timeout' } as const],
    ['a network error', { kind: 'networkError' } as const],
    ['a 500', { kind: 'response', status: 500, body: '{"status":"success"}' } as const],
    ['a 200 that is not JSON', { kind: 'response', status: 200, body: '<html>' } as const],
  ])('takes the unavailable path on %s', (_, reply) => {
    const run = simulate(engine, call(['123456#']), [reply]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 10, skills: [] });
    expect(prompts(run).at(-1)).toBe('Our verification service is unavailable right now. Connecting you to an agent.');
  });

  it('treats a 200 without the success field as a failed attempt', () => {
    const run = simulate(engine, call(['123456#', 'silence', 'silence']), [ok({ result: 'success', ...PLATINUM, status: undefined })]);
    expect(steps(run)).toContain('invalidCode');
    expect(attributes(run)).toEqual({});
  });

  it('a transfer that fails takes onFailure', () => {
    const run = simulate(engine, call(['123456#'], 'fails'), [ok(PLATINUM)]);
    expect(run.callEnd).toEqual({ kind: 'disconnect' });
    expect(steps(run).at(-1)).toBe('routeFailed');
  });

  it('asks the scenario for a caller entry it does not have', () => {
    expect(() => simulate(engine, call([]), [])).toThrow(CallerInputExhausted);
  });
});

describe('spec semantics', () => {
  it.each([
    ['123456#', '#', 6, '123456'],
    ['12345678#', '#', 6, '123456'],
    ['12#34', '#', 6, '12'],
    ['1*2*3', undefined, 8, '123'],
    ['#', '#', 6, ''],
  ])('gather keys %s (terminator %s, max %i) give %s', (keys, terminator, max, digits) => {
    expect(collectDigits(keys, terminator, max)).toBe(digits);
  });

  it('a short entry is no input', () => {
    const run = simulate(engine, call(['12345#', 'silence', 'silence']), []);
    expect(steps(run).filter((step) => step === 'noInput')).toHaveLength(3);
    expect(requestBodies(run)).toEqual([]);
  });

  const endpoint = identity.endpoints[0]!;
  it.each([
    [{ status: 'success', routing_priority: 5 }, 'onSuccess'],
    [{ status: 'SUCCESS' }, 'onFailure'],
    [{ status: '' }, 'onFailure'],
    [{ status: null }, 'onFailure'],
    [{ status: 'success', routing_priority: 'high' }, 'onTimeout'],
    [[1, 2], 'onFailure'],
  ])('a 200 with %j is %s', (body, transition) => {
    expect(classifyReply(endpoint, ok(body)).transition).toBe(transition);
  });

  it('accepts any 2xx and nothing else', () => {
    expect(classifyReply(endpoint, { kind: 'response', status: 201, body: '{"status":"success"}' }).transition).toBe('onSuccess');
    expect(classifyReply(endpoint, { kind: 'response', status: 302, body: '{"status":"success"}' }).transition).toBe('onTimeout');
  });

  it('never lets a missing value compare true, not even with notEquals', () => {
    const spec = readRepoFile('flows/identity-promotion.yaml').replace(
      / {2}promoteIdentity:\n {4}type: setAttributes/,
      '  promoteIdentity:\n    type: condition\n    if: { ref: auth.reason, notEquals: locked }\n    then: promoteIdentityAttributes\n    else: invalidCode\n\n  promoteIdentityAttributes:\n    type: setAttributes',
    );
    const guarded = createSpecEngine(graphOf(spec));
    const withReason = simulate(guarded, call(['123456#']), [ok({ ...PLATINUM, reason: 'ok' })]);
    expect(steps(withReason)).toContain('promoteIdentityAttributes');
    const withoutReason = simulate(guarded, call(['123456#', 'silence', 'silence']), [ok(PLATINUM)]);
    expect(steps(withoutReason)).not.toContain('promoteIdentityAttributes');
  });
});

describe('spec engine on pin-with-summary', () => {
  const pin = createSpecEngine(exampleGraph('pin-with-summary'));
  it('routes a suspended account to account services without the summary lookup', () => {
    const run = simulate(pin, call(['4821#']), [ok({ status: 'success', customer_id: 'C-9', tier: 'gold', account_status: 'suspended' })]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'accountServices', priority: 30, skills: [] });
    expect(requestBodies(run)).toHaveLength(1);
  });

  it('routes by tier even when the summary lookup fails', () => {
    const run = simulate(pin, call(['4821#']), [
      ok({ status: 'success', customer_id: 'C-9', tier: 'gold', account_status: 'active' }),
      { kind: 'timeout' },
    ]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'gold', priority: 40, skills: [] });
    expect(Object.keys(attributes(run))).toEqual(['customer.id', 'customer.tier', 'customer.accountStatus']);
  });
});
