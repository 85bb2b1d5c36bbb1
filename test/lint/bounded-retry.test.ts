import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

const attempts = (count: number) => {
  const spec = mutateFlow('identity-promotion', { 'steps.authenticate.maxAttempts': count });
  const at = positionOf(spec, `maxAttempts: ${count}`);
  return { spec, line: at.line, column: at.column + 'maxAttempts: '.length };
};
const five = attempts(5);
const seven = attempts(7);

// invalidCode → collectOtp skips the retry: a wrong code loops forever (the exit is a success).
const loop = mutateFlow('identity-promotion', { 'steps.invalidCode.next': 'collectOtp' });
const loopAt = positionOf(loop, '  collectOtp:');

testRule('bounded-retry', {
  valid: [
    { name: 'three attempts, every repeat through the retry', spec: mutateFlow('identity-promotion', {}) },
    { name: 'one attempt', spec: attempts(1).spec },
  ],
  invalid: [
    {
      name: 'five attempts is a warning',
      spec: five.spec,
      errors: [{ messageId: 'manyAttempts', line: five.line, column: five.column, severity: 'warning' }],
    },
    {
      name: 'seven attempts is an error',
      spec: seven.spec,
      errors: [{ messageId: 'tooManyAttempts', line: seven.line, column: seven.column, severity: 'error' }],
    },
    {
      name: 'a loop around the retry',
      spec: loop,
      errors: [{ messageId: 'unboundedLoop', line: loopAt.line, column: loopAt.column + 2, severity: 'error' }],
    },
  ],
});
