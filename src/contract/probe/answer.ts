import { assertNever } from '../../util/assert.js';
import { parseObject } from '../../util/json.js';
import type { IrEndpoint } from '../../ir/nodes.js';
import type { LiveReply } from '../../simulate/run/live.js';

/** What a reply means for the contract: reached or not, JSON or not, and whether the flow's success check holds. */
export type ReadAnswer =
  | { kind: 'networkError'; cause: string }
  | { kind: 'timeout' }
  | { kind: 'response'; status: number; ok: boolean; json?: Record<string, unknown>; succeeded: boolean };

export function readAnswer(reply: LiveReply, endpoint: IrEndpoint): ReadAnswer {
  if (reply.kind === 'networkError') return { kind: 'networkError', cause: reply.cause ?? 'network error' };
  if (reply.kind === 'timeout') return { kind: 'timeout' };
  const ok = reply.status >= 200 && reply.status <= 299;
  const json = parseObject(reply.body);
  const answer: ReadAnswer = {
    kind: 'response',
    status: reply.status,
    ok,
    succeeded: ok && json !== undefined && successHolds(json, endpoint),
  };
  if (json) answer.json = json;
  return answer;
}

/** The check the generated flows make: the field exists and equals the value (no check: any 2xx JSON object). */
export function successHolds(json: Record<string, unknown>, endpoint: IrEndpoint): boolean {
  const success = endpoint.success;
  return success === undefined || (Object.hasOwn(json, success.field) && json[success.field] === success.equals);
}

/** A short, safe description of an answer for a report line: the status and a short `reason`/`error` word, never the body. */
export function describeAnswer(answer: ReadAnswer): string {
  switch (answer.kind) {
    case 'networkError':
      return `no connection (${answer.cause})`;
    case 'timeout':
      return 'no answer before the timeout';
    case 'response': {
      const reason = [answer.json?.['reason'], answer.json?.['error']].find(
        (value) => typeof value === 'string' && /^[A-Za-z0-9_ .-]{1,40}$/.test(value),
      );
      const verdict = answer.json === undefined ? 'not a JSON object' : answer.succeeded ? 'success check holds' : 'success check fails';
      return `HTTP ${answer.status}, ${verdict}${typeof reason === 'string' ? ` (${reason})` : ''}`;
    }
    default:
      return assertNever(answer);
  }
}

/** Nearest-rank percentile of milliseconds; 0 for no samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
