import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

const noFallback = mutateFlow('identity-promotion', { 'steps.serviceUnavailable.onFailure': undefined });
const at = positionOf(noFallback, '  serviceUnavailable:\n');

testRule('every-path-ends', {
  valid: [{ name: 'every route has onFailure', spec: mutateFlow('identity-promotion', {}) }],
  invalid: [
    {
      name: 'the service-unavailable route without a fallback',
      spec: noFallback,
      errors: [{ messageId: 'noFallback', line: at.line, column: at.column + 2 }],
    },
  ],
});
