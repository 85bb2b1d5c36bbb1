import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

function gather(edits: Record<string, unknown>) {
  const spec = mutateFlow('identity-promotion', edits);
  const at = positionOf(spec, '    digits:', 1);
  // A `{ min, max }` written by mutateFlow is a block mapping, which starts at `min:` on the next line.
  if (typeof edits['steps.collectOtp.digits'] === 'object') return { spec, ...positionOf(spec, 'min: 4') };
  return { spec, line: at.line, column: at.column + '    digits: '.length };
}
const rangeWithoutTerminator = gather({ 'steps.collectOtp.digits': { min: 4, max: 8 }, 'steps.collectOtp.terminator': undefined });
const threeDigits = gather({ 'steps.collectOtp.digits': 3 });
const sixteenDigits = gather({ 'steps.collectOtp.digits': 16 });

testRule('dtmf-terminator', {
  valid: [
    { name: 'six digits with #', spec: mutateFlow('identity-promotion', {}) },
    { name: 'exactly six digits without a terminator', spec: gather({ 'steps.collectOtp.terminator': undefined }).spec },
    { name: 'four to eight digits with #', spec: mutateFlow('pin-with-summary', {}) },
  ],
  invalid: [
    {
      name: 'a range without a terminator',
      spec: rangeWithoutTerminator.spec,
      errors: [
        { messageId: 'needsTerminator', line: rangeWithoutTerminator.line, column: rangeWithoutTerminator.column, severity: 'error' },
      ],
    },
    {
      name: 'a three-digit credential',
      spec: threeDigits.spec,
      errors: [{ messageId: 'credentialLength', line: threeDigits.line, column: threeDigits.column, severity: 'warning' }],
    },
    {
      name: 'a sixteen-digit credential',
      spec: sixteenDigits.spec,
      errors: [{ messageId: 'credentialLength', line: sixteenDigits.line, column: sixteenDigits.column, severity: 'warning' }],
    },
  ],
});
