import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

const noSuccess = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.response.success': undefined });
const noSuccessAt = positionOf(noSuccess, '    response:');

const numericStatus = mutateFlow('identity-promotion', {
  'endpoints.verifyIdentity.response.fields.status': 'integer',
  'endpoints.verifyIdentity.response.success.equals': 200,
});
const numericAt = positionOf(numericStatus, 'field: status');

function recheck(comparison: Record<string, unknown>) {
  const spec = mutateFlow('identity-promotion', {
    'steps.verifyOtp.onSuccess': 'recheck',
    'steps.recheck': { type: 'condition', if: comparison, then: 'promoteIdentity', else: 'invalidCode' },
  });
  // mutateFlow writes the condition as a block mapping: it starts at its first key.
  const at = positionOf(spec, `ref: ${String(comparison['ref'])}`);
  return { spec, line: at.line, column: at.column };
}
const drifted = recheck({ ref: 'auth.status', equals: 'ok' });
const negated = recheck({ ref: 'auth.status', notEquals: 'failure' });

testRule('defensive-response-check', {
  valid: [
    { name: 'the example flow', spec: mutateFlow('identity-promotion', {}) },
    { name: 'a condition that agrees with the contract', spec: recheck({ ref: 'auth.status', equals: 'success' }).spec },
    { name: 'a condition on another field', spec: recheck({ ref: 'auth.tier', equals: 'gold' }).spec },
  ],
  invalid: [
    {
      name: 'a verifier with no success check',
      spec: noSuccess,
      errors: [{ messageId: 'noSuccessCheck', line: noSuccessAt.line, column: noSuccessAt.column + 4 }],
    },
    {
      name: 'a numeric success field (statusCode drift)',
      spec: numericStatus,
      errors: [{ messageId: 'successFieldNotText', line: numericAt.line, column: numericAt.column + 'field: '.length }],
    },
    {
      name: 'a condition testing another success value',
      spec: drifted.spec,
      errors: [{ messageId: 'contradictsContract', line: drifted.line, column: drifted.column }],
    },
    {
      name: 'a condition using notEquals on the success field',
      spec: negated.spec,
      errors: [{ messageId: 'contradictsContract', line: negated.line, column: negated.column }],
    },
  ],
});
