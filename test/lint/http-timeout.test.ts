import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

const TIMEOUT = 'endpoints.verifyIdentity.timeoutSeconds';

/** A copy of the example flow with verifyIdentity's timeout changed, and where that value sits. */
function withTimeout(seconds: number, edits: Record<string, unknown> = {}) {
  const spec = mutateFlow('identity-promotion', { [TIMEOUT]: seconds, ...edits });
  const key = positionOf(spec, `timeoutSeconds: ${seconds}\n`);
  return { spec, line: key.line, column: key.column + 'timeoutSeconds: '.length };
}

const fiveSeconds = withTimeout(5);
const international = withTimeout(12, { 'endpoints.verifyIdentity.international': true });

testRule('http-timeout', {
  valid: [
    { name: 'the example flow (15 s)', spec: mutateFlow('identity-promotion', {}) },
    { name: 'exactly 10 s', spec: withTimeout(10).spec },
    { name: 'an international endpoint at 20 s', spec: mutateFlow('international-otp', {}) },
    // Vendor ceilings are target checks (test/targets/vendor-limits.test.ts), reported once.
    { name: '75 s, above the Genesys ceiling', spec: withTimeout(75).spec, targets: ['cxone'] },
  ],
  invalid: [
    {
      name: 'the 5 s default of the guide',
      spec: fiveSeconds.spec,
      errors: [{ messageId: 'tooShort', line: fiveSeconds.line, column: fiveSeconds.column, severity: 'error' }],
    },
    {
      name: 'an international endpoint at 12 s',
      spec: international.spec,
      errors: [{ messageId: 'tooShortInternational', line: international.line, column: international.column, severity: 'warning' }],
    },
    {
      name: 'downgraded to a warning by the config',
      spec: fiveSeconds.spec,
      rules: new Map([['http-timeout', { level: 'warning' as const }]]),
      errors: [{ messageId: 'tooShort', line: fiveSeconds.line, column: fiveSeconds.column, severity: 'warning' }],
    },
  ],
});
