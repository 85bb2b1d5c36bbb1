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
const aboveGenesys = withTimeout(75);
const aboveBoth = withTimeout(120);

testRule('http-timeout', {
  valid: [
    { name: 'the example flow (15 s)', spec: mutateFlow('identity-promotion', {}) },
    { name: 'exactly 10 s', spec: withTimeout(10).spec },
    { name: 'an international endpoint at 20 s', spec: mutateFlow('international-otp', {}) },
    { name: '75 s when only CXone is targeted', spec: aboveGenesys.spec, targets: ['cxone'] },
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
      name: '75 s against the Genesys data action limit',
      spec: aboveGenesys.spec,
      errors: [{ messageId: 'aboveVendorLimit', line: aboveGenesys.line, column: aboveGenesys.column, severity: 'error' }],
    },
    {
      name: '120 s against both vendors',
      spec: aboveBoth.spec,
      errors: [
        { messageId: 'aboveVendorLimit', line: aboveBoth.line, column: aboveBoth.column },
        { messageId: 'aboveVendorLimit', line: aboveBoth.line, column: aboveBoth.column },
      ],
    },
    {
      name: 'downgraded to a warning by the config',
      spec: fiveSeconds.spec,
      rules: new Map([['http-timeout', { level: 'warning' as const }]]),
      errors: [{ messageId: 'tooShort', line: fiveSeconds.line, column: fiveSeconds.column, severity: 'warning' }],
    },
  ],
});
