import { describe, expect, it } from 'vitest';
import { MockBackend, type AuditEntry, type MockRequest } from '../../src/contract/mock/backend.js';
import { parseFaultList } from '../../src/contract/mock/faults.js';
import { readFixtures } from '../../src/contract/mock/fixtures.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { compiledExample } from './helpers.js';
import { DEV_TOKEN, exampleFixtures } from './mock-helpers.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');

async function backend(options: { faults?: string; now?: () => number } = {}) {
  const flow = await compiledExample('identity-promotion');
  const audit: AuditEntry[] = [];
  const mock = new MockBackend([flow.graph], {
    fixtures: exampleFixtures({ faults: parseFaultList(options.faults ?? '').faults }),
    tokens: new Map([['middlewareToken', DEV_TOKEN]]),
    audit: (entry) => audit.push(entry),
    now: options.now ?? (() => T0),
  });
  return { mock, audit };
}

function verify(body: Record<string, unknown>, headers: Record<string, string> = { authorization: `Bearer ${DEV_TOKEN}` }): MockRequest {
  const full = {
    interaction_id: 'i-1',
    customer_identifier: '+15550100100',
    auth_method: 'otp',
    auth_value: '123456',
    timestamp: new Date(T0).toISOString(),
    ...body,
  };
  return { method: 'POST', path: '/api/v1/auth/verify', headers, body: JSON.stringify(full) };
}

function json(answer: { body: string }): Record<string, unknown> {
  return JSON.parse(answer.body) as Record<string, unknown>;
}

describe('mock middleware', () => {
  it('promotes the customer whose code matches, with only the declared fields', async () => {
    const { mock } = await backend();
    const answer = mock.handle(verify({ auth_value: '654321' }));
    expect(answer.status).toBe(200);
    expect(json(answer)).toEqual({
      status: 'success',
      customer_id: 'C-2002',
      tier: 'standard',
      account_status: 'active',
      routing_priority: 20,
      max_attempts_remaining: 3,
    });
  });

  it('counts failed attempts per interaction and locks it after maxAttempts, whatever the code', async () => {
    const { mock } = await backend();
    const remaining = [1, 2, 3].map(
      (attempt) =>
        json(mock.handle(verify({ interaction_id: 'i-lock', auth_value: '000000', timestamp: new Date(T0 + attempt).toISOString() })))[
          'max_attempts_remaining'
        ],
    );
    expect(remaining).toEqual([2, 1, 0]);
    const locked = json(mock.handle(verify({ interaction_id: 'i-lock', timestamp: new Date(T0 + 9).toISOString() })));
    expect(locked).toMatchObject({ status: 'failure', reason: 'max_attempts_exceeded', max_attempts_remaining: 0 });
    expect(mock.failedAttempts('i-lock')).toBe(3);
    expect(json(mock.handle(verify({ interaction_id: 'i-other' })))['status']).toBe('success');
  });

  it('refuses a replayed interaction id and timestamp, and a timestamp outside the window, in either vendor format', async () => {
    let now = T0;
    const { mock } = await backend({ now: () => now });
    expect(mock.handle(verify({})).status).toBe(200);
    expect(json(mock.handle(verify({})))).toMatchObject({ status: 'failure', reason: 'replayed_request' });
    expect(mock.handle(verify({ interaction_id: 'i-2', timestamp: new Date(T0).toUTCString() })).status).toBe(200);
    now = T0 + 61_000;
    expect(json(mock.handle(verify({ interaction_id: 'i-3', timestamp: new Date(T0).toUTCString() })))).toMatchObject({
      reason: 'stale_request',
    });
    expect(mock.handle(verify({ interaction_id: 'i-4', timestamp: new Date(now - 59_000).toISOString() })).status).toBe(200);
  });

  it('refuses a missing or wrong bearer token, a malformed body and a malformed credential', async () => {
    const { mock } = await backend();
    expect(mock.handle(verify({}, {})).status).toBe(401);
    expect(mock.handle(verify({}, { authorization: `Bearer ${DEV_TOKEN}x` })).status).toBe(401);
    expect(mock.handle({ ...verify({}), body: '{"interaction_id":' }).status).toBe(400);
    expect(json(mock.handle(verify({ auth_value: '' })))).toMatchObject({ reason: 'malformed_credential' });
    expect(json(mock.handle(verify({ interaction_id: 'i-5', auth_value: "1' OR '1'='1" })))).toMatchObject({
      reason: 'malformed_credential',
    });
    expect(mock.handle({ ...verify({}), method: 'GET' }).status).toBe(405);
    expect(mock.handle({ ...verify({}), path: '/nope' }).status).toBe(404);
  });

  it('commits the faults it is given, from the fixtures or the request header', async () => {
    const renamed = await backend({ faults: 'rename:status=statusCode' });
    expect(Object.keys(json(renamed.mock.handle(verify({}))))).toContain('statusCode');
    const failing = await backend({ faults: '500' });
    expect(failing.mock.handle(verify({})).status).toBe(500);
    const { mock } = await backend();
    expect(mock.handle(verify({}, { authorization: `Bearer ${DEV_TOKEN}`, 'x-ivrflow-mock-fault': 'delay' })).delayMs).toBe(16_000);
    expect(
      () =>
        JSON.parse(
          mock.handle(verify({ interaction_id: 'm' }, { authorization: `Bearer ${DEV_TOKEN}`, 'x-ivrflow-mock-fault': 'malformed' })).body,
        ) as unknown,
    ).toThrow();
  });

  it('audits every promotion and failed attempt without the credential and with the identifier masked', async () => {
    const { mock, audit } = await backend();
    mock.handle(verify({}));
    mock.handle(verify({ interaction_id: 'i-9', auth_value: '999999' }));
    expect(audit.map((entry) => entry.event)).toEqual(['promotion', 'failed-attempt']);
    expect(audit[0]).toMatchObject({ customer_id: 'C-1001', identifier: '…0100', interaction_id: 'i-1' });
    expect(JSON.stringify(audit)).not.toMatch(/123456|999999|15550100100/);
  });
});

describe('mock fixtures file', () => {
  it('reads the example fixtures', () => {
    const read = readFixtures(
      'examples/contract/identity-promotion.mock.yaml',
      Buffer.from(readRepoFile('examples/contract/identity-promotion.mock.yaml')),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.value?.customers.map((customer) => customer.profile['customer_id'])).toEqual(['C-1001', 'C-2002']);
  });

  it('reports a wrong value at its line and column, with a hint', () => {
    const text = 'ivrflowMock: 1\ncustomers:\n  - identifier: "+1555"\n    codes: [12ab]\n    fault: explode\n';
    const read = readFixtures('f.yaml', Buffer.from(text));
    expect(read.value).toBeUndefined();
    expect(
      read.diagnostics.map((diagnostic) => `${diagnostic.code}@${diagnostic.span?.start.line}:${diagnostic.span?.start.column}`),
    ).toEqual(['schema/invalid@4:13', 'schema/invalid@5:12']);
    expect(read.diagnostics.every((diagnostic) => diagnostic.hint !== undefined)).toBe(true);
  });
});
