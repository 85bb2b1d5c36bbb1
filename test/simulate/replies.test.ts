import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/targets/engine-contract.js';
import { cannedReplier, liveReplier, ScenarioGap } from '../../src/simulate/run/replies.js';

const request: HttpRequest = {
  endpoint: 'verify',
  method: 'POST',
  url: 'https://example.invalid/verify',
  headers: { 'content-type': 'application/json', authorization: 'Bearer <secret:token>' },
  body: '{"a":"1"}',
  timeoutSeconds: 2,
};

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

  it('sends the request as the engine built it and returns the real answer', async () => {
    const reply = await liveReplier(new Map([['verify', `${base}/api/verify`]]), () => ({ kind: 'networkError' }))(request);
    expect(reply).toEqual({ kind: 'response', status: 201, body: '{"status":"success"}' });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/verify',
      body: '{"a":"1"}',
      headers: { authorization: 'Bearer <secret:token>', 'content-type': 'application/json' },
    });
  });

  it('applies the platform timeout', async () => {
    const reply = await liveReplier(new Map([['verify', `${base}/slow`]]), () => ({ kind: 'networkError' }))({
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
    expect(await liveReplier(new Map([['verify', `http://127.0.0.1:${port}/`]]), () => ({ kind: 'timeout' }))(request)).toEqual({
      kind: 'networkError',
    });
  });

  it('leaves the other endpoints to the canned replies', () => {
    expect(liveReplier(new Map([['other', base]]), () => ({ kind: 'timeout' }))(request)).toEqual({ kind: 'timeout' });
  });
});
