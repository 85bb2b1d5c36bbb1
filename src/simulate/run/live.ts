import type { HttpReply, HttpRequest } from '../../targets/engine-contract.js';

/**
 * Sending a simulated platform's request to a real server. The request keeps the method, headers
 * and body the engine produced; only what a platform fills in at the moment of sending changes:
 * the secret stand-ins become the values read from the environment now (never stored, never
 * printed), and the url is the one given on the command line.
 */

/** Where a secret's value is read from: `middlewareToken` from `IVRFLOW_SECRET_MIDDLEWARE_TOKEN`. */
export function secretEnvironmentName(secret: string): string {
  return `IVRFLOW_SECRET_${secret.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** Looks a secret up by name; the CLI passes one that reads the process environment at the moment of use. */
export type SecretLookup = (secret: string) => string | undefined;

const STAND_IN = /<secret:([A-Za-z][A-Za-z0-9_]*)>/g;

/**
 * Headers with every `<secret:NAME>` replaced by the secret's value. A header naming a secret
 * that is not set is dropped, so the server sees a missing credential rather than the stand-in.
 */
export function fillSecrets(headers: Readonly<Record<string, string>>, secrets: SecretLookup): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    let missing = false;
    const replaced = value.replace(STAND_IN, (_, secret: string) => {
      const found = secrets(secret);
      if (found === undefined) missing = true;
      return found ?? '';
    });
    if (!missing) filled[name] = replaced;
  }
  return filled;
}

/** The secrets a request's headers name, for telling the user which variable to set. */
export function secretsNamed(headers: Readonly<Record<string, string>>): string[] {
  return [...new Set(Object.values(headers).flatMap((value) => [...value.matchAll(STAND_IN)].map((match) => match[1]!)))].sort();
}

/** What a live exchange came to, with what the report needs to name a failure precisely. */
export type LiveReply = HttpReply & {
  /** Milliseconds from sending to the whole body received (or to the failure). */
  elapsedMs: number;
  /** For a network error: the cause as Node reports it (ECONNREFUSED, ENOTFOUND, …). */
  cause?: string;
  contentType?: string;
};

export interface LiveSend {
  url: string;
  method: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
  timeoutSeconds: number;
}

/** One request; redirects are not followed (a platform's data action does not follow them either). */
export async function sendLive(send: LiveSend): Promise<LiveReply> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const init: RequestInit = {
      method: send.method,
      headers: send.headers,
      signal: AbortSignal.timeout(send.timeoutSeconds * 1000),
      redirect: 'manual',
    };
    if (send.body !== undefined) init.body = send.body;
    const response = await fetch(send.url, init);
    const body = await response.text();
    const reply: LiveReply = { kind: 'response', status: response.status, body, elapsedMs: elapsed() };
    const contentType = response.headers.get('content-type');
    if (contentType !== null) reply.contentType = contentType;
    return reply;
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return { kind: 'timeout', elapsedMs: elapsed() };
    return { kind: 'networkError', elapsedMs: elapsed(), cause: networkCause(error) };
  }
}

/** undici wraps the system error: `fetch failed` with a `cause` carrying the code. */
function networkCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The live request for an engine's request: the given url, secrets filled in. */
export function liveSendOf(request: HttpRequest, url: string, secrets: SecretLookup): LiveSend {
  const send: LiveSend = {
    url,
    method: request.method,
    headers: fillSecrets(request.headers, secrets),
    timeoutSeconds: request.timeoutSeconds,
  };
  if (request.body !== undefined) send.body = request.body;
  return send;
}
