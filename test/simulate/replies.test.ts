import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/targets/engine-contract.js';
import { cannedReplier, liveReplier, ScenarioGap, type LiveContext } from '../../src/simulate/run/replies.js';
import type { Replier } from '../../src/simulate/run/drive.js';

const request: HttpRequest = {
  endpoint: 'verify',
  method: 'POST',
  url: 'https://example.invalid/verify',
  headers: { 'content-type': 'application/json', authorization: 'Bearer <secret:token>' },
  body: '{"a":"1"}',
  timeoutSeconds: 2,
};

const CONTEXT: LiveContext = {
  secrets: (name) => (name === 'token' ? 'the-token-value' : undefined),
  call: { ani: '+1', dnis: '+2', id: 'no-such-id-in-bodies', timestamp: '2026-01-15T14:30:00Z' },
  currentTime: true,
};

/** A live replier with the test's secrets, ignoring live problems. */
function live(urls: ReadonlyMap<string, string>, fallback: Replier): Replier {
  return liveReplier(urls, fallback, CONTEXT, []);
}

describe('canned replies', () => {
  it('turns an answer at or after the timeout into a timeout', () => {
    const reply = cannedReplier(
      new Map([
        [
          'verify',
          {
            kind: 'sequence',
            replies: [
              { kind: 'response', status: 200, body: '{}', delaySeconds: 1.9 },
              { kind: 'response', status: 200, body: '{}', delaySeconds: 2 },
            ],
          },
        ],
      ]),
    );
    expect(reply(request)).toEqual({ kind: 'response', status: 200, body: '{}' });
    expect(reply(request)).toEqual({ kind: 'timeout' });
    expect(() => reply(request)).toThrow(new ScenarioGap('the flow called endpoint verify 3 times, but the scenario gives 2 replies'));
  });

  it('repeats a single reply for every request', () => {
    const reply = cannedReplier(new Map([['verify', { kind: 'every', reply: { kind: 'networkError' } }]]));
    expect([reply(request), reply(request), reply(request)]).toEqual([
      { kind: 'networkError' },
      { kind: 'networkError' },
      { kind: 'networkError' },
    ]);
  });
  it('answers a platform repeat as it answered the request it repeats, without using up the next reply', () => {
    const failure = { kind: 'response', status: 500, body: '{}', delaySeconds: 0 } as const;
    const success = { kind: 'response', status: 200, body: '{"status":"success"}', delaySeconds: 0 } as const;
    const reply = cannedReplier(new Map([['verify', { kind: 'sequence', replies: [failure, success] }]]));
    expect(reply(request)).toMatchObject({ status: 500 });
    expect(reply({ ...request, platformRepeat: 1 })).toMatchObject({ status: 500 });
    expect(reply(request)).toMatchObject({ status: 200 });
  });
});

describe('live replies', () => {
  let server: Server;
  let base: string;
  const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((incoming, response) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      incoming.on('end', () => {
        received.push({ method: incoming.method, url: incoming.url, headers: incoming.headers, body });
        if (incoming.url === '/slow') return void setTimeout(() => response.end('{}'), 3000);
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"success"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the request as the engine built it, the secret filled in from the lookup, and returns the real answer', async () => {
    const reply = await live(new Map([['verify', `${base}/api/verify`]]), () => ({ kind: 'networkError' }))(request);
    expect(reply).toEqual({ kind: 'response', status: 201, body: '{"status":"success"}' });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/verify',
      body: '{"a":"1"}',
      headers: { authorization: 'Bearer the-token-value', 'content-type': 'application/json' },
    });
  });

  it('drops a header whose secret is not set rather than sending the stand-in', async () => {
    await liveReplier(
      new Map([['verify', `${base}/api/verify`]]),
      () => ({ kind: 'networkError' }),
      { ...CONTEXT, secrets: () => undefined },
      [],
    )(request);
    expect(received.at(-1)!.headers['authorization']).toBeUndefined();
  });

  it('sends a fresh interaction id per run and the current time in the rendering the engine used', async () => {
    const call = { ani: '+1', dnis: '+2', id: 'call-1', timestamp: '2026-01-15T14:30:00Z' };
    const body = JSON.stringify({ id: 'call-1', iso: '2026-01-15T14:30:00.000Z', gmt: 'Thu, 15 Jan 2026 14:30:00 GMT' });
    const send = liveReplier(new Map([['verify', `${base}/api/verify`]]), () => ({ kind: 'networkError' }), { ...CONTEXT, call }, []);
    await send({ ...request, body });
    await send({ ...request, body });
    const [first, second] = received.slice(-2).map((item) => JSON.parse(item.body) as Record<string, string>);
    expect(first!['id']).not.toBe('call-1');
    expect(second!['id']).toBe(first!['id']);
    for (const sent of [first!, second!]) {
      expect(Math.abs(Date.parse(sent['iso']!) - Date.now())).toBeLessThan(60_000);
      expect(sent['gmt']).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    }
    // Two requests of one call never carry the same timestamp (a backend's replay key).
    expect(second!['gmt']).not.toBe(first!['gmt']);
  });

  it('sends a platform repeat with the bytes it sent before: same interaction id, same timestamp', async () => {
    const call = { ani: '+1', dnis: '+2', id: 'call-1', timestamp: '2026-01-15T14:30:00Z' };
    const body = JSON.stringify({ id: 'call-1', iso: '2026-01-15T14:30:00.000Z' });
    const send = liveReplier(new Map([['verify', `${base}/api/verify`]]), () => ({ kind: 'networkError' }), { ...CONTEXT, call }, []);
    await send({ ...request, body });
    await send({ ...request, body, platformRepeat: 1 });
    await send({ ...request, body });
    const [first, repeat, next] = received.slice(-3).map((item) => item.body);
    expect(repeat).toBe(first);
    expect(next).not.toBe(first);
  });

  it('names a body that is not JSON as a live problem', async () => {
    const problems: { endpoint: string; message: string }[] = [];
    await liveReplier(
      new Map([['verify', `${base}/slow`]]),
      () => ({ kind: 'networkError' }),
      CONTEXT,
      problems,
    )({ ...request, timeoutSeconds: 0.3 });
    expect(problems).toEqual([{ endpoint: 'verify', message: `${base}/slow did not answer within the timeout` }]);
  });

  it('applies the platform timeout', async () => {
    const reply = await live(new Map([['verify', `${base}/slow`]]), () => ({ kind: 'networkError' }))({
      ...request,
      timeoutSeconds: 0.3,
    });
    expect(reply).toEqual({ kind: 'timeout' });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await live(new Map([['verify', `http://127.0.0.1:${port}/`]]), () => ({ kind: 'timeout' }))(request)).toEqual({
      kind: 'networkError',
    });
  });

  it('leaves the other endpoints to the canned replies', () => {
    expect(live(new Map([['other', base]]), () => ({ kind: 'timeout' }))(request)).toEqual({ kind: 'timeout' });
  });
});
