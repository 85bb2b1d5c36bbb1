import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

const spare = mutateFlow('pin-with-summary', {
  'secrets.spareToken': { description: 'Left over from a removed call.' },
  'variables.spareNote': { type: 'string' },
  'endpoints.spareLookup': {
    method: 'POST',
    url: 'https://crm.example.com/notes',
    timeoutSeconds: 15,
    body: { ani: { ref: 'call.ani' } },
    response: { fields: { note: 'string' } },
  },
});
const at = (key: string) => positionOf(spare, `${key}:`);

/** A variable only read (by a condition) or only written (by an assign) is used. */
const readOnly = mutateFlow('pin-with-summary', {
  'variables.vip': { type: 'boolean', initial: false },
  'steps.welcome.next': 'isVip',
  'steps.isVip': { type: 'condition', if: { ref: 'vip', equals: true }, then: 'pinAttempts', else: 'tooManyAttempts' },
});
const writeOnly = mutateFlow('pin-with-summary', {
  'variables.note': { type: 'string' },
  'steps.welcome.next': 'remember',
  'steps.remember': { type: 'assign', set: { note: 'called' }, next: 'pinAttempts' },
});
const signingKey = mutateFlow('pin-with-summary', { 'secrets.signer': { use: 'signingKey' } });

testRule('unused-declaration', {
  valid: [
    { name: 'the example flow', spec: mutateFlow('pin-with-summary', {}) },
    { name: 'the HIPAA flow (a variable read only in a url, endpoints called)', spec: mutateFlow('hipaa-member-summary', {}) },
    { name: 'a variable only read', spec: readOnly },
    { name: 'a variable only written', spec: writeOnly },
  ],
  invalid: [
    {
      name: 'an endpoint, a variable and a secret nobody uses',
      spec: spare,
      errors: [
        { messageId: 'secret', ...at('spareToken'), severity: 'warning' },
        { messageId: 'variable', ...at('spareNote'), severity: 'warning' },
        { messageId: 'endpoint', ...at('spareLookup'), severity: 'warning' },
      ],
    },
  ],
});

// An unused signing key is replay-protection's finding, reported once.
testRule('unused-declaration', { valid: [{ name: 'an unused signing key', spec: signingKey }], invalid: [] });
