import { describe, expect, it } from 'vitest';
import type { RuleConfig } from '../../src/lint/config.js';
import { checkSpec } from '../../src/pipeline.js';
import { check, mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';
import { keyAt, withExtraGather } from './security-fixtures.js';

const saysNotSensitive = mutateFlow('identity-promotion', { 'variables.otp.sensitive': false, 'steps.collectOtp.sensitive': false });
const sensitiveValue = positionOf(saysNotSensitive, 'sensitive: false', 2);
const saysNothing = mutateFlow('identity-promotion', { 'variables.otp.sensitive': undefined, 'steps.collectOtp.sensitive': undefined });
/** The gathered value is copied into `otp` before it reaches `auth_value`. */
const throughAssign = mutateFlow('identity-promotion', {
  'variables.otp.sensitive': undefined,
  'steps.collectOtp.sensitive': undefined,
  'variables.entered': { type: 'string' },
  'steps.collectOtp.into': 'entered',
  'steps.collectOtp.next': 'copyCode',
  'steps.copyCode': { type: 'assign', set: { otp: { ref: 'entered' } }, next: 'verifyOtp' },
});
/** A second gather inside the secure section whose prompt asks for a code: a credential under a neutral name. */
const promptSaysSecurityCode = mutateFlow('identity-promotion', {
  'variables.answer': { type: 'string' },
  'steps.collectOtp.next': 'askCaller',
  'steps.askCaller': {
    type: 'gather',
    prompt: 'Enter your security code, then press hash.',
    into: 'answer',
    digits: 8,
    terminator: '#',
    timeoutSeconds: 10,
    next: 'verifyOtp',
    onNoInput: 'verifyOtp',
  },
});
const variableSaysPin = withExtraGather('askMember', 'memberPin', 'Enter the digits, then press hash.');
const accountNumber = withExtraGather('collectAccount', 'accountNumber', 'Enter your account number, then press hash.', {
  'variables.accountNumber': { type: 'string', role: 'identifier' },
  'endpoints.verifyIdentity.body.customer_identifier': { ref: 'accountNumber' },
  // Gathered inside the section that sends it: a Genesys secure flow does not see a value gathered before it.
  'secure.entry': 'collectAccount',
});
/** The same without `role: identifier`: a gathered value the verifier receives is a credential, so it must be gathered securely. */
const undeclaredAccountNumber = withExtraGather('collectAccount', 'accountNumber', 'Enter your account number, then press hash.', {
  'endpoints.verifyIdentity.body.customer_identifier': { ref: 'accountNumber' },
});

testRule('sensitive-gather', {
  valid: [
    { name: 'identity-promotion', spec: mutateFlow('identity-promotion', {}) },
    { name: 'pin-with-summary', spec: mutateFlow('pin-with-summary', {}) },
    { name: 'international-otp', spec: mutateFlow('international-otp', {}) },
    { name: 'an account number sent to the verifier as the customer identifier', spec: accountNumber },
    { name: 'a one-digit menu that mentions the PIN', spec: withExtraGather('mainMenu', 'choice', 'To reset your PIN, press 1.', {}, 1) },
  ],
  invalid: [
    {
      name: 'the OTP gather says sensitive: false',
      spec: saysNotSensitive,
      errors: [
        { messageId: 'feedsVerifier', line: sensitiveValue.line, column: sensitiveValue.column + 'sensitive: '.length, severity: 'error' },
      ],
    },
    {
      name: 'the OTP gather does not say',
      spec: saysNothing,
      errors: [{ messageId: 'feedsVerifier', ...keyAt(saysNothing, 'collectOtp') }],
    },
    {
      name: 'the gathered value reaches the verifier through an assign step',
      spec: throughAssign,
      errors: [{ messageId: 'feedsVerifier', ...keyAt(throughAssign, 'collectOtp') }],
    },
    {
      name: 'the prompt asks for a security code',
      spec: promptSaysSecurityCode,
      errors: [{ messageId: 'namedLikeCredential', ...keyAt(promptSaysSecurityCode, 'askCaller') }],
    },
    {
      name: 'the variable is named like a PIN',
      spec: variableSaysPin,
      errors: [{ messageId: 'namedLikeCredential', ...keyAt(variableSaysPin, 'askMember') }],
    },
  ],
});

describe('credentials the rule cannot turn off', () => {
  it('refuses a gathered account number sent to the verifier, unless it is declared an identifier', () => {
    const codes = (spec: string, rules?: RuleConfig) =>
      checkSpec('spec.yaml', Buffer.from(spec), rules ? { rules } : {})
        .diagnostics.filter((item) => item.severity === 'error')
        .map((item) => item.code);
    const off: RuleConfig = new Map([['sensitive-gather', { level: 'off', reason: 'testing the layer below the rule' }]]);
    expect(codes(undeclaredAccountNumber, off)).toContain('secure/missing-section');
    expect(codes(accountNumber, off)).toEqual([]);
  });
});

describe('sensitive-gather related locations', () => {
  it('shows the copy and the verifier field the value reaches', () => {
    const diagnostic = check(throughAssign).find((item) => item.code === 'rule/sensitive-gather');
    expect(diagnostic?.related?.map((related) => related.path)).toEqual([
      ['variables', 'entered'],
      ['steps', 'copyCode', 'set', 'otp', 'ref'],
      ['endpoints', 'verifyIdentity', 'body', 'auth_value', 'ref'],
    ]);
  });
});
