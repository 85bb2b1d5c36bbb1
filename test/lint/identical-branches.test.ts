import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

function condition(then: string, otherwise: string): { spec: string; line: number; column: number } {
  const spec = mutateFlow('pin-with-summary', {
    'steps.welcome.next': 'knownCaller',
    'steps.knownCaller': { type: 'condition', if: { ref: 'call.ani', exists: true }, then, else: otherwise },
  });
  const at = positionOf(spec, `else: ${otherwise}`);
  return { spec, line: at.line, column: at.column + 'else: '.length };
}
const same = condition('pinAttempts', 'pinAttempts');

testRule('identical-branches', {
  valid: [
    { name: 'the example flow', spec: mutateFlow('pin-with-summary', {}) },
    { name: 'a condition with two different steps', spec: condition('pinAttempts', 'tooManyAttempts').spec },
  ],
  invalid: [
    {
      name: 'then and else name the same step',
      spec: same.spec,
      errors: [{ messageId: 'sameStep', line: same.line, column: same.column, severity: 'warning' }],
    },
  ],
});
