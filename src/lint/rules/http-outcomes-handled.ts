import type { FlowIndex } from '../../flowspec/flow-index.js';
import { defineRule } from '../rule.js';

export const httpOutcomesHandled = defineRule({
  id: 'http-outcomes-handled',
  severity: 'error',
  description:
    'Every http step wires success, failure (unless its endpoint answers with `response: none`) and timeout; the verifier never treats a failure or a timeout as a success, and a dead backend leads to a service-unavailable path.',
  protectsCredential: false,
  messages: {
    timeoutAsSuccess:
      'Verification step `{{step}}` treats a timeout like a success: both go to `{{target}}`, so a slow backend lets the caller in.',
    failureAsSuccess: 'Verification step `{{step}}` treats a rejected credential like a success: both go to `{{target}}`.',
    timeoutRetriesService:
      'When `{{step}}` times out the caller goes back to retry `{{retry}}`, calling the same unavailable service again.',
  },
  check({ spec, index, report }) {
    for (const [id, step] of index.stepsOfType('http')) {
      // For the verifier, a timeout or a rejection treated like a success would let anyone in.
      const verifies = spec.endpoints?.[step.endpoint]?.verifiesCredential === true;
      if (verifies && step.onTimeout === step.onSuccess)
        report('timeoutAsSuccess', ['steps', id, 'onTimeout'], { step: id, target: step.onTimeout });
      if (verifies && step.onFailure === step.onSuccess)
        report('failureAsSuccess', ['steps', id, 'onFailure'], { step: id, target: step.onFailure });
      const retry = index.retryContaining(id);
      if (retry !== undefined && leadsBackTo(index, step.onTimeout, retry)) {
        report(
          'timeoutRetriesService',
          ['steps', id, 'onTimeout'],
          { step: id, retry },
          { severity: 'warning', hint: 'Send onTimeout to a "service unavailable" route: an outage rarely ends within a retry.' },
        );
      }
    }
  },
});

/**
 * Whether the path from `from` reaches the retry before any route or disconnect. Such a path stays
 * on the retry's loop, so the walk is limited to it.
 */
function leadsBackTo(index: FlowIndex, from: string, retry: string): boolean {
  if (from === retry) return true;
  if (!index.sameLoop(from, retry)) return false;
  const repeaters = new Set(index.retryLoops.get(retry)?.repeatsFrom);
  const onLoop = (_: string, edge: { to: string }) => index.sameLoop(edge.to, retry);
  return [...index.reachableFrom(from, new Set([retry]), onLoop)].some((id) => repeaters.has(id));
}
