import { defineRule } from '../rule.js';

/** Shorter credentials are guessed; longer ones are not a PIN or OTP (a card number, an account). */
const CREDENTIAL_DIGITS = { min: 4, max: 12 };

export const dtmfTerminator = defineRule({
  id: 'dtmf-terminator',
  severity: 'error',
  description: 'A gather whose length varies has a terminator, and a credential gather takes 4 to 12 digits.',
  protectsCredential: false,
  messages: {
    needsTerminator: 'Gather `{{step}}` takes {{min}} to {{max}} digits but has no terminator: a shorter entry only ends by timing out.',
    credentialLength: 'Gather `{{step}}` collects a credential of {{digits}} digits; a PIN or OTP has {{min}} to {{max}}.',
  },
  check({ spec, index, report }) {
    for (const [id, step] of index.stepsOfType('gather')) {
      const { min, max } = typeof step.digits === 'number' ? { min: step.digits, max: step.digits } : step.digits;
      if (min < max && step.terminator === undefined)
        report(
          'needsTerminator',
          ['steps', id, 'digits'],
          { step: id, min, max },
          { hint: 'Add `terminator: "#"` and tell the caller to press it.' },
        );
      const sensitive = step.sensitive === true || spec.variables?.[step.into]?.sensitive === true;
      if (sensitive && (min < CREDENTIAL_DIGITS.min || max > CREDENTIAL_DIGITS.max)) {
        report(
          'credentialLength',
          ['steps', id, 'digits'],
          { step: id, digits: min === max ? `${min}` : `${min} to ${max}`, ...CREDENTIAL_DIGITS },
          { severity: 'warning' },
        );
      }
    }
  },
});
