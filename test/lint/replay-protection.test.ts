import { mutateFlow } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';
import { keyAt, valueAt } from './security-fixtures.js';

const BODY = 'endpoints.verifyIdentity.body';
const noTimestamp = mutateFlow('identity-promotion', { [`${BODY}.timestamp`]: undefined });
const noInteractionId = mutateFlow('identity-promotion', { [`${BODY}.interaction_id`]: undefined });
const neither = mutateFlow('identity-promotion', { [`${BODY}.interaction_id`]: undefined, [`${BODY}.timestamp`]: undefined });
const noBody = mutateFlow('identity-promotion', { [BODY]: undefined, 'endpoints.verifyIdentity.method': 'GET' });
const signingKey = mutateFlow('identity-promotion', {
  'secrets.requestSigner': { description: 'HMAC key shared with the middleware.', use: 'signingKey' },
});
/** The timestamp carried under another field name still counts: the rule looks for the ref. */
const renamedTimestamp = mutateFlow('identity-promotion', {
  [`${BODY}.timestamp`]: undefined,
  [`${BODY}.sent_at`]: { ref: 'call.timestamp' },
});

/** The `body:` key of the verifier (the first `body:` of the file). */
const verifierBody = (spec: string) => keyAt(spec, 'body');

// Diagnostics at one position are sorted by message, so the timestamp comes first.
testRule('replay-protection', {
  valid: [
    { name: 'identity-promotion', spec: mutateFlow('identity-promotion', {}) },
    { name: 'international-otp', spec: mutateFlow('international-otp', {}) },
    { name: 'pin-with-summary', spec: mutateFlow('pin-with-summary', {}) },
    {
      name: 'a non-verifier endpoint without a timestamp',
      spec: mutateFlow('pin-with-summary', { 'endpoints.accountSummary.body.timestamp': undefined }),
    },
    { name: 'the timestamp under another field name', spec: renamedTimestamp },
  ],
  invalid: [
    {
      name: 'no timestamp',
      spec: noTimestamp,
      errors: [{ messageId: 'missingTimestamp', ...verifierBody(noTimestamp), severity: 'error' }],
    },
    { name: 'no interaction id', spec: noInteractionId, errors: [{ messageId: 'missingInteractionId', ...verifierBody(noInteractionId) }] },
    {
      name: 'neither',
      spec: neither,
      errors: [
        { messageId: 'missingTimestamp', ...verifierBody(neither) },
        { messageId: 'missingInteractionId', ...verifierBody(neither) },
      ],
    },
    {
      name: 'a GET verifier without a body',
      spec: noBody,
      errors: [
        { messageId: 'missingTimestamp', ...keyAt(noBody, 'verifyIdentity') },
        { messageId: 'missingInteractionId', ...keyAt(noBody, 'verifyIdentity') },
      ],
    },
    {
      name: 'a signing key no request uses',
      spec: signingKey,
      errors: [{ messageId: 'signingKeyUnused', ...valueAt(signingKey, 'use', 'signingKey') }],
    },
  ],
});
