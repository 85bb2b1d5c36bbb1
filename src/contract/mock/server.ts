import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockBackend } from './backend.js';

/** Bodies larger than this are refused: a verify request is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RunningMock {
  url: string;
  /** Stops accepting, lets requests in flight finish (delayed answers are cut short), then resolves. */
  close(): Promise<void>;
}

/** The backend on node:http, bound to `host` (loopback by default). */
export async function startMockServer(backend: MockBackend, options: { port?: number; host?: string } = {}): Promise<RunningMock> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    void serve(backend, request, response, timers);
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => shutdown(server, timers) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function serve(backend: MockBackend, request: IncomingMessage, response: ServerResponse, timers: Set<NodeJS.Timeout>): Promise<void> {
  const body = await readBody(request);
  if (body === undefined) return send(response, 413, JSON.stringify({ error: 'body_too_large' }));
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const answer = backend.handle({ method: request.method ?? 'GET', path: request.url ?? '/', headers, body });
  if (answer.delayMs <= 0) return send(response, answer.status, answer.body);
  const timer = setTimeout(() => {
    timers.delete(timer);
    send(response, answer.status, answer.body);
  }, answer.delayMs);
  timers.add(timer);
  response.once('close', () => {
    clearTimeout(timer);
    timers.delete(timer);
  });
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}

function send(response: ServerResponse, status: number, body: string): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function shutdown(server: Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.closeIdleConnections();
    // Delayed answers were cancelled: their connections would otherwise hold the close until the client gives up.
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}
