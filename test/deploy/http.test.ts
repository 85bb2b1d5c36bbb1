import { afterEach, describe, expect, it } from 'vitest';
import { DeployError } from '../../src/deploy/errors.js';
import { HttpClient } from '../../src/deploy/http.js';
import { Redactor } from '../../src/deploy/redact.js';
import { parseState, serializeState } from '../../src/deploy/state.js';
import { startStub, type Stub, type StubAnswer } from './stub-server.js';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function client(redactor = new Redactor(), waits: number[] = []) {
  return new HttpClient({
    redactor,
    timeoutMs: 5000,
    maxAttempts: 3,
    backoffMs: 100,
    maxWaitMs: 2000,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<DeployError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeployError);
  return error as DeployError;
}

describe('HttpClient', () => {
  it('waits as Retry-After says (seconds), capped, and backs off exponentially without it', async () => {
    const answers: StubAnswer[] = [
      { status: 429, text: '', headers: { 'Retry-After': '1' } },
      { status: 503, text: '' },
      { status: 200, json: { ok: true } },
    ];
    stub = await startStub(() => answers.shift()!);
    const waits: number[] = [];
    const answer = await client(new Redactor(), waits).request('step', { method: 'GET', url: `${stub.base}/x` });
    expect(answer.json).toEqual({ ok: true });
    expect(waits).toEqual([1000, 200]);
  });

  it('caps a long Retry-After and stops after maxAttempts', async () => {
    stub = await startStub(() => ({ status: 429, text: 'slow down', headers: { 'Retry-After': '3600' } }));
    const waits: number[] = [];
    const error = await failureOf(
      client(new Redactor(), waits).request('upload the script', { method: 'POST', url: `${stub.base}/x`, body: {} }),
    );
    expect(waits).toEqual([2000, 2000]);
    expect(stub.requests).toHaveLength(3);
    expect(error.message).toBe('upload the script: POST /x answered 429 after 3 attempts: slow down.');
  });

  it('does not retry a 4xx other than 429', async () => {
    stub = await startStub(() => ({ status: 400, json: { message: 'bad body' } }));
    const error = await failureOf(client().request('s', { method: 'POST', url: `${stub.base}/x`, body: {} }));
    expect(stub.requests).toHaveLength(1);
    expect(error.message).toBe('s: POST /x answered 400: bad body.');
  });

  it('redacts every registered secret from what the server says, also encoded', async () => {
    const secret = 'p@ss word/with+signs';
    stub = await startStub((request) => ({
      status: 500,
      text: `echo ${request.body} ${encodeURIComponent(secret)} ${Buffer.from(secret).toString('base64')}`,
    }));
    const redactor = new Redactor();
    redactor.add(secret);
    const error = await failureOf(client(redactor).request('s', { method: 'POST', url: `${stub.base}/x`, body: { secret } }));
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(encodeURIComponent(secret));
    expect(error.message).not.toContain(Buffer.from(secret).toString('base64'));
    expect(error.message).toContain('[redacted]');
  });

  it('names the step on a timeout and on an unreachable host', async () => {
    stub = await startStub(() => 'hang');
    const slow = new HttpClient({ redactor: new Redactor(), timeoutMs: 200, maxAttempts: 3, backoffMs: 1, maxWaitMs: 1 });
    const timeout = await failureOf(slow.request('poll job 7', { method: 'GET', url: `${stub.base}/x` }));
    expect(timeout.kind).toBe('timeout');
    expect(timeout.message).toMatch(/^poll job 7: no answer from 127\.0\.0\.1:\d+ within 0\.2 s\.$/);
    const closed = stub.base;
    await stub.close();
    stub = undefined;
    const refused = await failureOf(client().request('log in', { method: 'GET', url: `${closed}/x` }));
    expect(refused.kind).toBe('network');
    expect(refused.message).toMatch(/^log in: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/);
  });
});

describe('publish state file', () => {
  it('round-trips in a stable order and refuses what it did not write', () => {
    const text = serializeState({
      version: 1,
      accounts: { 'b:x': { 'script:Z': { sha256: 'a'.repeat(64) }, 'script:A': { sha256: 'b'.repeat(64), id: '1' } }, 'a:y': {} },
    });
    expect(text.indexOf('"a:y"')).toBeLessThan(text.indexOf('"b:x"'));
    expect(text.indexOf('script:A')).toBeLessThan(text.indexOf('script:Z'));
    const parsed = parseState(text);
    expect(parsed.ok && serializeState(parsed.state)).toBe(text);
    expect(parseState('{"version": 2, "accounts": {}}')).toMatchObject({ ok: false });
    expect(parseState('{"version": 1, "accounts": {"a": {"k": {"sha256": "nothex"}}}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sha256/),
    });
    expect(parseState('not json')).toMatchObject({ ok: false });
  });
});
