import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stub saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StubAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** `hang`: never answer (the client's timeout must fire). */
export type StubHandler = (request: SeenRequest, base: string) => StubAnswer | 'hang';

export interface Stub {
  base: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A loopback HTTP server that answers through `handler` and records every request. Never a real org. */
export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: SeenRequest[] = [];
  const hanging: ServerResponse[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      const answer = handler(seen, base);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      const text = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
      res.writeHead(answer.status, { 'Content-Type': answer.json !== undefined ? 'application/json' : 'text/plain', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Requests that change something: everything but GET, and the two logins (POST, but they only issue a token). */
export function writeRequests(stub: Stub, loginPaths: readonly string[]): SeenRequest[] {
  return stub.requests.filter((request) => request.method !== 'GET' && !loginPaths.includes(request.path));
}
