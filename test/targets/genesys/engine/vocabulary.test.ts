import { beforeAll, describe, expect, it } from 'vitest';
import { yaml } from '../../../helpers/fixtures.js';
import { CALL, call, compileGenesys, json, type Compiled } from './harness.js';

/** The emitter's other constructs: assign, typed variables, every comparison, a number route, a GET. */
const SPEC = yaml`
  ivrflow: 1
  name: Vocabulary
  language: en-US
  start: lookup
  secrets:
    token: {}
  variables:
    tier: { type: string, initial: unknown }
    vip: { type: boolean, initial: false }
    score: { type: number }
  endpoints:
    profile:
      method: POST
      url: https://crm.example.com/profile
      timeoutSeconds: 12
      auth: { bearer: token }
      body:
        caller: { ref: call.ani }
        dialled: { ref: call.dnis }
        vip: { ref: vip }
      response:
        fields: { tier: string, score: number, calls: integer, vip: boolean }
    ping:
      method: GET
      url: https://crm.example.com/ping
      timeoutSeconds: 10
      response:
        fields: { ok: boolean }
        success: { field: ok, equals: true }
  queues:
    a: {}
    b: {}
  steps:
    lookup:
      type: http
      endpoint: profile
      result: p
      onSuccess: remember
      onFailure: remember
      onTimeout: bye
    remember:
      type: assign
      set:
        tier: { ref: p.tier }
        vip: { ref: p.vip }
        score: { ref: p.score }
      next: check
    check:
      type: condition
      if:
        all:
          - { ref: p.calls, greaterThan: 2 }
          - { ref: tier, notEquals: basic }
          - not: { ref: p.score, lessThan: 0.5 }
          - { ref: vip, equals: true }
          - { ref: p.tier, exists: true }
      then: promote
      else: ping
    promote:
      type: setAttributes
      attributes:
        crm.score: { ref: score }
        crm.vip: { ref: vip }
        crm.calls: { ref: p.calls }
        crm.fixed: 12
      next: route
    ping:
      type: http
      endpoint: ping
      result: pong
      onSuccess: route
      onFailure: bye
      onTimeout: bye
    route:
      type: route
      by: { ref: p.calls }
      cases:
        "3": { queue: a, priority: 5 }
      default: { queue: b }
      onFailure: bye
    bye:
      type: disconnect
      prompt: Bye.
`;

describe('genesys engine on the rest of the emitted vocabulary', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileGenesys(SPEC);
  });
  const profile = (fields: object) => json(200, { tier: 'gold', score: 0.75, calls: 3, vip: true, ...fields });

  it('sends call data and a boolean input, assigns typed results and writes them as text', () => {
    const run = call(compiled, [], [profile({})]);
    expect(run.requests[0]).toEqual({
      endpoint: 'profile',
      method: 'POST',
      url: 'https://crm.example.com/profile',
      headers: { authorization: 'Bearer <secret:token>', 'content-type': 'application/json' },
      body: `{"caller": "${CALL.ani}", "dialled": "${CALL.dnis}", "vip": false}`,
      timeoutSeconds: 12,
    });
    expect(run.attributes).toEqual([
      ['crm.score', '0.75'],
      ['crm.vip', 'true'],
      ['crm.calls', '3'],
      ['crm.fixed', '12'],
    ]);
    expect(run.recorder.callEnd).toEqual({ kind: 'route', queue: 'a', priority: 5, skills: [] });
  });

  it.each([
    ['calls not above 2', { calls: 2 }],
    ['tier equal to basic', { tier: 'basic' }],
    ['score below 0.5', { score: 0.25 }],
    ['vip false', { vip: false }],
    ['tier missing', { tier: undefined }],
  ])('takes the else branch with %s, then a GET without a body', (_, fields) => {
    const run = call(compiled, [], [profile(fields), json(200, { ok: true })]);
    expect(run.attributes).toEqual([]);
    expect(run.requests[1]).toEqual({
      endpoint: 'ping',
      method: 'GET',
      url: 'https://crm.example.com/ping',
      headers: {},
      timeoutSeconds: 10,
    });
    expect(run.recorder.callEnd).toMatchObject({ kind: 'route', queue: 'calls' in fields ? 'b' : 'a' });
  });

  it('matches a number route case by its text and falls back to the default', () => {
    expect(call(compiled, [], [profile({ calls: 4 })]).recorder.callEnd).toEqual({ kind: 'route', queue: 'b', priority: 0, skills: [] });
  });

  it('ends on the failure of a success check', () => {
    const run = call(compiled, [], [profile({ vip: false }), json(200, { ok: false })]);
    expect(run.prompts).toEqual(['Bye.']);
    expect(run.recorder.callEnd).toEqual({ kind: 'disconnect' });
  });
});
