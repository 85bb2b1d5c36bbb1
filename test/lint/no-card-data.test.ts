import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';
import { keyAt, withExtraGather } from './security-fixtures.js';

const sixteenDigits = mutateFlow('identity-promotion', { 'steps.collectOtp.digits': 16 });
const panRange = withExtraGather('askCaller', 'answer', 'Enter the digits, then press hash.', {}, { min: 15, max: 16 });
const cvvStep = withExtraGather('collectCvv', 'answer', 'Enter the three digits on the back, then press hash.', {}, 3);
const expiryPrompt = withExtraGather('askCaller', 'answer', "Enter your card's expiry date as four digits.", {}, 4);
const cardVariable = withExtraGather('askCaller', 'cardNumber', 'Enter the digits, then press hash.', {}, 16);
const literalCvv = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.body.cvv': '123' });
const panField = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.body.pan': { ref: 'call.ani' } });
const tokenVariable = mutateFlow('identity-promotion', {
  'variables.cardNumber': { type: 'string', pciToken: true, initial: 'tok_test', description: 'Token from the payment provider capture.' },
  'endpoints.verifyIdentity.body.card_number': { ref: 'cardNumber' },
});

function bodyKeyAt(spec: string, field: string) {
  const { line, column } = positionOf(spec, `      ${field}:`);
  return { line, column: column + 6 };
}

/** A top-level variable key: two spaces in, on the line after the match's newline. */
function variableKeyAt(spec: string, name: string) {
  return { line: positionOf(spec, `\n  ${name}:\n`).line + 1, column: 3 };
}

testRule('no-card-data', {
  valid: [
    { name: 'identity-promotion', spec: mutateFlow('identity-promotion', {}) },
    { name: 'pin-with-summary (4 to 8 digits)', spec: mutateFlow('pin-with-summary', {}) },
    { name: 'international-otp', spec: mutateFlow('international-otp', {}) },
    { name: 'a card-number variable declared a PCI token, sent as card_number', spec: tokenVariable },
    {
      name: 'a masked card number and an OTP expiry are not card data',
      spec: mutateFlow('identity-promotion', { 'variables.maskedPan': { type: 'string' }, 'variables.otpExpiry': { type: 'string' } }),
    },
    { name: 'a 12-digit account number', spec: withExtraGather('askCaller', 'accountNumber', 'Enter your account number.', {}, 12) },
    {
      name: 'a one-digit menu that mentions credit cards',
      spec: withExtraGather('mainMenu', 'choice', 'For credit card payments, press 2.', {}, 1),
    },
  ],
  invalid: [
    {
      name: 'a 16-digit gather',
      spec: sixteenDigits,
      errors: [{ messageId: 'cardGather', ...keyAt(sixteenDigits, 'collectOtp'), severity: 'error' }],
    },
    { name: 'a 15 to 16 digit gather', spec: panRange, errors: [{ messageId: 'cardGather', ...keyAt(panRange, 'askCaller') }] },
    { name: 'a gather whose step id names the CVV', spec: cvvStep, errors: [{ messageId: 'cardGather', ...keyAt(cvvStep, 'collectCvv') }] },
    {
      name: 'a gather whose prompt asks for the card expiry',
      spec: expiryPrompt,
      errors: [{ messageId: 'cardGather', ...keyAt(expiryPrompt, 'askCaller') }],
    },
    {
      name: 'a variable named cardNumber (reported once, not again at its gather)',
      spec: cardVariable,
      errors: [{ messageId: 'cardVariable', ...variableKeyAt(cardVariable, 'cardNumber') }],
    },
    { name: 'a literal CVV in a request body', spec: literalCvv, errors: [{ messageId: 'cardField', ...bodyKeyAt(literalCvv, 'cvv') }] },
    {
      name: 'a PAN field fed by a value that is not a token',
      spec: panField,
      errors: [{ messageId: 'cardField', ...bodyKeyAt(panField, 'pan') }],
    },
  ],
});
