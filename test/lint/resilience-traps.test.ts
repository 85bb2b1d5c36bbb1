import { describe, expect, it } from 'vitest';
import { check, mutateFlow } from '../helpers/fixtures.js';

/**
 * The resilience traps of docs/rules/README.md (the traps), each planted in a copy of flows/identity-promotion.yaml and
 * caught by the rule written for it and nothing else (see security-traps.test.ts for the others).
 */
const TRAPS: { trap: string; rule: string; edits: Record<string, unknown> }[] = [
  { trap: 'HTTP timeout left at the 5 s default', rule: 'http-timeout', edits: { 'endpoints.verifyIdentity.timeoutSeconds': 5 } },
  {
    trap: 'a timeout on the verifier treated as a success',
    rule: 'http-outcomes-handled',
    edits: { 'steps.verifyOtp.onTimeout': 'promoteIdentity' },
  },
  { trap: 'no fallback when the queue cannot take the call', rule: 'every-path-ends', edits: { 'steps.routeByTier.onFailure': undefined } },
  {
    trap: 'success undefined, so a renamed status key passes for success',
    rule: 'defensive-response-check',
    edits: { 'endpoints.verifyIdentity.response.success': undefined },
  },
  {
    trap: 'the "statusCode": 200 drift in the contract',
    rule: 'defensive-response-check',
    edits: { 'endpoints.verifyIdentity.response.fields.status': 'integer', 'endpoints.verifyIdentity.response.success.equals': 200 },
  },
  {
    trap: 'a variable-length PIN without a terminator',
    rule: 'dtmf-terminator',
    edits: { 'steps.collectOtp.digits': { min: 4, max: 8 }, 'steps.collectOtp.terminator': undefined },
  },
  {
    trap: 'endless retry: a wrong code goes straight back to the prompt',
    rule: 'bounded-retry',
    edits: { 'steps.invalidCode.next': 'collectOtp' },
  },
  { trap: 'a retry bound an attacker can use', rule: 'bounded-retry', edits: { 'steps.authenticate.maxAttempts': 9 } },
];

describe('resilience traps of docs/rules/README.md (the traps) in identity-promotion', () => {
  it.each(TRAPS)('$rule catches: $trap', ({ rule, edits }) => {
    const errors = check(mutateFlow('identity-promotion', edits)).filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect([...new Set(errors.map((diagnostic) => diagnostic.code))]).toEqual([`rule/${rule}`]);
  });
});
