import { describe, expect, it } from 'vitest';
import { check, mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';
import { refAt } from './security-fixtures.js';

const EXPORTS = ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority'];

/** identity-promotion with the OTP copied into a plain variable `otpCopy` right after the gather. */
function withCopy(edits: Record<string, unknown>, exports: string[] = [], next = 'verifyOtp'): string {
  return mutateFlow('identity-promotion', {
    'variables.otpCopy': { type: 'string' },
    'steps.collectOtp.next': 'copyOtp',
    'steps.copyOtp': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next },
    'secure.exports': [...EXPORTS, ...exports],
    ...edits,
  });
}

function exportAt(spec: string, ref: string) {
  const { line, column } = positionOf(spec, `- ${ref}\n`);
  return { line, column: column + 2 };
}

const toAttribute = withCopy({ 'steps.promoteIdentity.attributes[customer.otp]': { ref: 'otpCopy' } }, ['otpCopy']);
const toCondition = withCopy(
  { 'steps.backdoor': { type: 'condition', if: { ref: 'otpCopy', equals: '000000' }, then: 'verifyOtp', else: 'verifyOtp' } },
  [],
  'backdoor',
);
const toRoute = withCopy({ 'steps.routeByTier.by': { ref: 'otpCopy' } });
const directRoute = mutateFlow('identity-promotion', { 'steps.routeByTier.by': { ref: 'otp' } });
/** otp → otpCopy → body field `code` of a non-verifier → its answer `lookupResult.note` → an attribute. */
const toSecondEndpoint = withCopy(
  {
    'endpoints.lookup': {
      method: 'POST',
      url: 'https://crm.example.com/notes',
      timeoutSeconds: 15,
      body: { code: { ref: 'otpCopy' } },
      response: { fields: { note: 'string' } },
    },
    'steps.promoteIdentity.next': 'lookupNote',
    'steps.lookupNote': {
      type: 'http',
      endpoint: 'lookup',
      result: 'lookupResult',
      onSuccess: 'attachNote',
      onFailure: 'routeByTier',
      onTimeout: 'routeByTier',
    },
    'steps.attachNote': { type: 'setAttributes', attributes: { 'customer.note': { ref: 'lookupResult.note' } }, next: 'routeByTier' },
  },
  ['lookupResult.note'],
);

/** otp → otpCopy → otpTwo → an attribute, with the second copy written above the first: the fixed point must loop. */
const reversedCopies = mutateFlow('identity-promotion', {
  'variables.otpCopy': { type: 'string' },
  'variables.otpTwo': { type: 'string' },
  'steps.collectOtp.next': 'copyOne',
  'steps.copyTwo': { type: 'assign', set: { otpTwo: { ref: 'otpCopy' } }, next: 'verifyOtp' },
  'steps.copyOne': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next: 'copyTwo' },
  'steps.promoteIdentity.attributes[customer.code]': { ref: 'otpTwo' },
  'secure.exports': [...EXPORTS, 'otpTwo'],
});

testRule('no-sensitive-leak', {
  valid: [
    { name: 'identity-promotion: the OTP reaches only the verifier', spec: mutateFlow('identity-promotion', {}) },
    { name: 'pin-with-summary: the verifier answer feeds a second endpoint', spec: mutateFlow('pin-with-summary', {}) },
    { name: 'international-otp', spec: mutateFlow('international-otp', {}) },
    {
      // The copy is sensitive too: a plain variable holding the OTP is refused by the IR guard (it would not be redacted).
      name: 'a copy sent to the verifier only',
      spec: withCopy({
        'variables.otpCopy': { type: 'string', sensitive: true },
        'endpoints.verifyIdentity.body.auth_value': { ref: 'otpCopy' },
      }),
    },
  ],
  invalid: [
    {
      name: 'copied into a variable, then into an attribute',
      spec: toAttribute,
      errors: [
        { messageId: 'toExport', ...exportAt(toAttribute, 'otpCopy') },
        { messageId: 'toAttribute', ...refAt(toAttribute, 'otpCopy') },
      ],
    },
    {
      name: 'copied twice, the copies written in reverse order, then into an attribute',
      spec: reversedCopies,
      errors: [
        { messageId: 'toExport', ...exportAt(reversedCopies, 'otpTwo') },
        { messageId: 'toAttribute', ...refAt(reversedCopies, 'otpTwo') },
      ],
    },
    {
      name: 'copied, then compared in a condition',
      spec: toCondition,
      errors: [{ messageId: 'toCondition', ...refAt(toCondition, 'otpCopy') }],
    },
    { name: 'copied, then used to choose a route', spec: toRoute, errors: [{ messageId: 'toRoute', ...refAt(toRoute, 'otpCopy') }] },
    {
      name: 'the sensitive variable itself chooses a route',
      spec: directRoute,
      errors: [{ messageId: 'toRoute', ...refAt(directRoute, 'otp', 2) }],
    },
    {
      name: 'copied, sent to a second endpoint whose answer reaches an attribute',
      spec: toSecondEndpoint,
      errors: [
        { messageId: 'toEndpoint', ...refAt(toSecondEndpoint, 'otpCopy', 1), severity: 'error' },
        { messageId: 'toExport', ...exportAt(toSecondEndpoint, 'lookupResult.note') },
        { messageId: 'toAttribute', ...refAt(toSecondEndpoint, 'lookupResult.note') },
      ],
    },
  ],
});

describe('no-sensitive-leak related locations', () => {
  it('lists the whole path: source, copy, request field, the answer read back', () => {
    const diagnostic = check(toSecondEndpoint).find((item) => item.code === 'rule/no-sensitive-leak' && item.messageId === 'toAttribute');
    const lines = diagnostic?.related?.map((related) => related.span?.start.line);
    expect(lines).toEqual([
      positionOf(toSecondEndpoint, '  otp:\n').line,
      refAt(toSecondEndpoint, 'otp', 2).line,
      refAt(toSecondEndpoint, 'otpCopy', 1).line,
      positionOf(toSecondEndpoint, 'result: lookupResult').line,
    ]);
  });

  it('follows copies written in any order, hop by hop', () => {
    const diagnostic = check(reversedCopies).find((item) => item.code === 'rule/no-sensitive-leak' && item.messageId === 'toAttribute');
    expect(diagnostic?.related?.map((related) => related.path)).toEqual([
      ['variables', 'otp'],
      ['steps', 'copyOne', 'set', 'otpCopy', 'ref'],
      ['steps', 'copyTwo', 'set', 'otpTwo', 'ref'],
    ]);
  });

  it('starts the path of a copy at the declaration of the sensitive variable', () => {
    const diagnostic = check(toRoute).find((item) => item.code === 'rule/no-sensitive-leak');
    expect(diagnostic?.related?.map((related) => related.path)).toEqual([
      ['variables', 'otp'],
      ['steps', 'copyOtp', 'set', 'otpCopy', 'ref'],
    ]);
  });
});
