import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

function verifyOtp(edits: Record<string, unknown>, key: string) {
  const spec = mutateFlow('identity-promotion', edits);
  const at = positionOf(spec, `    ${key}: `, 1);
  return { spec, line: at.line, column: at.column + `    ${key}: `.length };
}
const timeoutLetsIn = verifyOtp({ 'steps.verifyOtp.onTimeout': 'promoteIdentity' }, 'onTimeout');
// invalidCode stays reachable through noInput, so the spec passes the graph checks.
const failureLetsIn = verifyOtp({ 'steps.verifyOtp.onFailure': 'promoteIdentity', 'steps.noInput.next': 'invalidCode' }, 'onFailure');
const retriesDeadService = verifyOtp({ 'steps.verifyOtp.onTimeout': 'invalidCode' }, 'onTimeout');

testRule('http-outcomes-handled', {
  valid: [
    { name: 'the example flow', spec: mutateFlow('identity-promotion', {}) },
    { name: 'an optional lookup may treat failure like success', spec: mutateFlow('pin-with-summary', {}) },
  ],
  invalid: [
    {
      name: 'a verifier timeout that lets the caller in',
      spec: timeoutLetsIn.spec,
      errors: [{ messageId: 'timeoutAsSuccess', line: timeoutLetsIn.line, column: timeoutLetsIn.column }],
    },
    {
      name: 'a rejected credential that lets the caller in',
      spec: failureLetsIn.spec,
      errors: [{ messageId: 'failureAsSuccess', line: failureLetsIn.line, column: failureLetsIn.column }],
    },
    {
      name: 'a timeout that retries the dead service',
      spec: retriesDeadService.spec,
      errors: [
        { messageId: 'timeoutRetriesService', line: retriesDeadService.line, column: retriesDeadService.column, severity: 'warning' },
      ],
    },
  ],
});
