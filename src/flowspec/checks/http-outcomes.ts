import type { CheckContext } from './context.js';

/**
 * An http step wires `onFailure` exactly when a failure can happen. With plain `response: none`
 * every 2xx is a success and anything else is no usable answer (`onTimeout`), so `onFailure` can
 * never run there: it may be left out, and one written is dead. Any other endpoint, including
 * `response: { successStatuses }` (an unlisted 2xx is a failure), needs it. The schema leaves the
 * key optional because only the endpoint tells which case a step is in.
 */
export function checkHttpOutcomes({ spec, index, sink }: CheckContext): void {
  for (const [id, step] of index.stepsOfType('http')) {
    const endpoint = spec.endpoints?.[step.endpoint];
    if (endpoint === undefined) continue; // ref/unknown-endpoint reports it
    const failureCanHappen = endpoint.response !== 'none';
    if (failureCanHappen && step.onFailure === undefined)
      sink.report({
        code: 'schema/required',
        message: `Step \`${id}\` is missing the required key \`onFailure\`: endpoint \`${step.endpoint}\` can answer a 2xx that is not a success.`,
        path: ['steps', id],
        onKey: true,
        hint: 'Add `onFailure:` leading to the step for a rejected answer (only an endpoint with `response: none` can do without one).',
      });
    if (!failureCanHappen && step.onFailure !== undefined)
      sink.report({
        code: 'graph/unreachable-outcome',
        severity: 'warning',
        message: `\`onFailure\` of http step \`${id}\` can never run: endpoint \`${step.endpoint}\` has \`response: none\`, so every 2xx is a success and anything else goes to \`onTimeout\`.`,
        path: ['steps', id, 'onFailure'],
        onKey: true,
        hint: 'Delete `onFailure`; to treat some 2xx statuses as failures, list the successful ones under `response: { successStatuses: [...] }`.',
      });
  }
}
