import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/pipeline.js';
import { check, mutateFlow } from '../helpers/fixtures.js';

const EXPORTS = ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority'];
const COPY = {
  'variables.otpCopy': { type: 'string' },
  'steps.collectOtp.next': 'copyOtp',
  'steps.copyOtp': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next: 'verifyOtp' },
};

/**
 * The security traps of docs/rules/README.md (the traps), each planted in a copy of flows/identity-promotion.yaml.
 * Each must be caught by the rule written for it, and by nothing else: a semantic error would stop
 * the rules from running, and another rule catching it would hide a gap in the one meant for it.
 */
const TRAPS: { trap: string; rule: string; edits: Record<string, unknown> }[] = [
  {
    trap: 'credential DTMF recorded in transcripts and logs (the OTP gather is not sensitive)',
    rule: 'sensitive-gather',
    edits: { 'variables.otp.sensitive': false, 'steps.collectOtp.sensitive': false },
  },
  { trap: 'raw card number through the IVR (a 16-digit gather)', rule: 'no-card-data', edits: { 'steps.collectOtp.digits': 16 } },
  { trap: 'raw CVV sent to the backend', rule: 'no-card-data', edits: { 'endpoints.verifyIdentity.body.cvv': { ref: 'call.dnis' } } },
  {
    trap: 'a secret hard-coded in the flow (a literal bearer token)',
    rule: 'no-literal-secret',
    edits: { 'endpoints.verifyIdentity.headers': { Authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' } },
  },
  {
    trap: 'a secret hard-coded in the URL',
    rule: 'no-literal-secret',
    edits: { 'endpoints.verifyIdentity.url': 'https://idp.example.com/api/v1/auth/verify?api_key=4eC39HqLyjWDarjtT1zdp7dc' },
  },
  {
    trap: 'a replayable credential request (no timestamp)',
    rule: 'replay-protection',
    edits: { 'endpoints.verifyIdentity.body.timestamp': undefined },
  },
  {
    trap: 'a replayable credential request (no interaction id)',
    rule: 'replay-protection',
    edits: { 'endpoints.verifyIdentity.body.interaction_id': undefined },
  },
  {
    trap: 'the OTP, copied, reaching an attribute',
    rule: 'no-sensitive-leak',
    edits: {
      ...COPY,
      'steps.promoteIdentity.attributes[customer.lastCode]': { ref: 'otpCopy' },
      'secure.exports': [...EXPORTS, 'otpCopy'],
    },
  },
  {
    trap: 'the OTP reaching a second endpoint',
    rule: 'no-sensitive-leak',
    edits: {
      'endpoints.audit': {
        method: 'POST',
        url: 'https://audit.example.com/events',
        timeoutSeconds: 15,
        body: { interaction_id: { ref: 'call.id' }, entered: { ref: 'otp' } },
        response: { fields: { status: 'string' } },
      },
      'steps.promoteIdentity.next': 'audit',
      'steps.audit': {
        type: 'http',
        endpoint: 'audit',
        result: 'auditResult',
        onSuccess: 'routeByTier',
        onFailure: 'routeByTier',
        onTimeout: 'routeByTier',
      },
    },
  },
];

describe('security traps of docs/rules/README.md (the traps) in identity-promotion', () => {
  it('the unmodified flow is clean', () => {
    expect(check(mutateFlow('identity-promotion', {}))).toEqual([]);
  });

  it.each(TRAPS)('$rule catches: $trap', ({ rule, edits }) => {
    const errors = check(mutateFlow('identity-promotion', edits)).filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((diagnostic) => diagnostic.code))]).toEqual([`rule/${rule}`]);
  });

  it.each(TRAPS)('$rule stops the lowering, so nothing is emitted: $trap', ({ edits }) => {
    expect(checkSpec('spec.yaml', Buffer.from(mutateFlow('identity-promotion', edits))).graph).toBeUndefined();
  });
});
