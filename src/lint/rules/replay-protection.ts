import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { CallField } from '../../flowspec/refs.js';
import { isRefValue, type EndpointSpec } from '../../flowspec/types.js';
import { defineRule } from '../rule.js';

/** docs/rules/replay-protection.md: the backend rejects requests whose timestamp is older than 60 s. */
const REQUIRED: readonly { field: CallField; message: 'missingInteractionId' | 'missingTimestamp'; example: string }[] = [
  { field: 'id', message: 'missingInteractionId', example: 'interaction_id: { ref: call.id }' },
  { field: 'timestamp', message: 'missingTimestamp', example: 'timestamp: { ref: call.timestamp }' },
];

export const replayProtection = defineRule({
  id: 'replay-protection',
  severity: 'error',
  description: "The credential verifier's request carries the interaction id and a timestamp, so the backend can reject a replay.",
  protectsCredential: false,
  messages: {
    missingInteractionId: 'The request of verifier `{{endpoint}}` does not carry the interaction id (`call.id`).',
    missingTimestamp: 'The request of verifier `{{endpoint}}` does not carry a timestamp (`call.timestamp`).',
    signingKeyUnused: 'Secret `{{secret}}` is a signing key, but no verifier request is signed with it: spec v1 cannot sign a request yet.',
  },
  check({ spec, report }) {
    const verifiers = Object.entries(spec.endpoints ?? {}).filter(([, definition]) => definition.verifiesCredential === true);
    for (const [endpoint, definition] of verifiers) {
      const path: SpecPath = definition.body ? ['endpoints', endpoint, 'body'] : ['endpoints', endpoint];
      for (const { field, message, example } of REQUIRED) {
        if (!carries(definition, field))
          report(
            message,
            path,
            { endpoint },
            { onKey: true, hint: `Add \`${example}\` to the body; the backend rejects a stale or repeated request.` },
          );
      }
    }
    if (verifiers.length === 0) return;
    for (const [secret, definition] of Object.entries(spec.secrets ?? {})) {
      // Nothing in the spec, nor in either emitter, computes a signature; vendor support is UNVERIFIED (docs/rules/replay-protection.md).
      if (definition.use === 'signingKey')
        report(
          'signingKeyUnused',
          ['secrets', secret, 'use'],
          { secret },
          {
            hint: 'Remove the secret and sign at a gateway between the platform and the middleware, or set this rule to warning until ivrflow supports request signing.',
          },
        );
    }
  },
});

function carries(definition: EndpointSpec, field: CallField): boolean {
  return Object.values(definition.body ?? {}).some((value) => isRefValue(value) && value.ref === `call.${field}`);
}
