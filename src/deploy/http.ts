import { DeployError } from './errors.js';
import type { Redactor } from './redact.js';

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent as is; objects are sent as JSON. */
  body?: string | object;
  /** Statuses that are an answer, not a failure (e.g. CXone's 206 and 409). 2xx always are. */
  accept?: readonly number[];
}

export interface HttpAnswer {
  status: number;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface HttpClientOptions {
  redactor: Redactor;
  /** Per request. */
  timeoutMs: number;
  /** Attempts in all, for a 429 or 5xx answer; the last answer is the one reported. */
  maxAttempts: number;
  /** First wait between attempts; doubled each time unless the server sends Retry-After. */
  backoffMs: number;
  /** Longest wait a Retry-After may ask for; a longer one is capped, so a publish always ends. */
  maxWaitMs: number;
  /** Every request goes through here: `fetch` in production, the same in tests (against loopback stubs). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** 429 and 5xx are worth another try; anything else is the server's final word. */
const isRetryable = (status: number): boolean => status === 429 || status >= 500;

/**
 * HTTP for the publish steps: bounded retries with backoff on 429 and 5xx (honouring Retry-After),
 * a timeout per request that names the step, and every text that comes back redacted.
 */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Every request sent, as `METHOD url-without-query`, for the dry-run proof and the log. */
  readonly sent: string[] = [];

  constructor(private readonly options: HttpClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request(step: string, spec: HttpRequestSpec): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.once(step, spec);
      const accepted = (answer.status >= 200 && answer.status < 300) || spec.accept?.includes(answer.status) === true;
      if (accepted) return answer;
      if (!isRetryable(answer.status) || attempt >= this.options.maxAttempts) throw this.failure(step, spec, answer, attempt);
      await this.sleep(this.waitBefore(attempt, answer.retryAfter));
    }
  }

  private async once(step: string, spec: HttpRequestSpec): Promise<HttpAnswer & { retryAfter: string | null }> {
    const url = new URL(spec.url);
    this.sent.push(`${spec.method} ${url.origin}${url.pathname}`);
    const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    if (body !== undefined && typeof spec.body === 'object') headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method: spec.method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw this.networkFailure(step, url, error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.networkFailure(step, url, error);
    }
    return { status: response.status, text, json: parseJson(text), retryAfter: response.headers.get('retry-after') };
  }

  /** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), else exponential backoff; capped. */
  private waitBefore(attempt: number, retryAfter: string | null): number {
    const backoff = this.options.backoffMs * 2 ** (attempt - 1);
    if (retryAfter === null) return Math.min(backoff, this.options.maxWaitMs);
    const seconds = /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - Date.now();
    return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), this.options.maxWaitMs) : Math.min(backoff, this.options.maxWaitMs);
  }

  private failure(step: string, spec: HttpRequestSpec, answer: HttpAnswer, attempts: number): DeployError {
    const redact = (text: string) => this.options.redactor.text(text);
    const where = `${spec.method} ${new URL(spec.url).pathname}`;
    const tried = attempts > 1 ? ` after ${attempts} attempts` : '';
    const detail = redact(summarize(answer));
    if (answer.status === 401)
      return new DeployError('auth', step, `${step}: ${where} answered 401 Unauthorized${detail}.`, undefined, answer.status);
    if (answer.status === 403)
      return new DeployError('forbidden', step, `${step}: ${where} answered 403 Forbidden${detail}.`, undefined, answer.status);
    return new DeployError('http', step, `${step}: ${where} answered ${answer.status}${tried}${detail}.`, undefined, answer.status);
  }

  private networkFailure(step: string, url: URL, error: unknown): DeployError {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      return new DeployError(
        'timeout',
        step,
        `${step}: no answer from ${url.host} within ${Number((this.options.timeoutMs / 1000).toFixed(1))} s.`,
        'Check the network path to the platform, or raise --timeout.',
      );
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    const reason = this.options.redactor.text(cause instanceof Error ? cause.message : String(cause));
    return new DeployError(code === 'ENOTFOUND' ? 'region' : 'network', step, `${step}: cannot reach ${url.host} (${code || reason}).`);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The server's own words, short: a `message`/`error_description` field, else the start of the body. */
function summarize(answer: HttpAnswer): string {
  const body = answer.json;
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value !== '') return `: ${value.slice(0, 300)}`;
    }
  }
  const text = answer.text.trim().replace(/\s+/g, ' ');
  return text === '' ? '' : `: ${text.slice(0, 300)}`;
}
