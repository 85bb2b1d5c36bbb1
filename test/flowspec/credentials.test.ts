import { describe, expect, it } from 'vitest';
import { askedForCredential, namesCredential } from '../../src/flowspec/credentials.js';
import { check, codes, mutateFlow, positionOf } from '../helpers/fixtures.js';

/** identity-promotion with an account number gathered inside the secure section, before the OTP. */
function withAccountNumber(variable: Record<string, unknown>, edits: Record<string, unknown> = {}, prompt = 'Enter your account number.') {
  return mutateFlow('identity-promotion', {
    'variables.account': { type: 'string', ...variable },
    'steps.authenticate.body': 'collectAccount',
    'steps.collectAccount': {
      type: 'gather',
      prompt,
      into: 'account',
      digits: 8,
      terminator: '#',
      timeoutSeconds: 10,
      next: 'collectOtp',
      onNoInput: 'noInput',
    },
    'endpoints.verifyIdentity.body.customer_identifier': { ref: 'account' },
    ...edits,
  });
}

const errors = (text: string) => check(text).filter((diagnostic) => diagnostic.severity === 'error');

describe('role: identifier', () => {
  it('lets an account number sent to the verifier be promoted', () => {
    const spec = withAccountNumber(
      { role: 'identifier' },
      {
        'steps.promoteIdentity.attributes[customer.account]': { ref: 'account' },
        'secure.exports': ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority', 'account'],
      },
    );
    expect(errors(spec)).toEqual([]);
  });

  it('without it, the gathered value the verifier receives is a credential and cannot be promoted', () => {
    const spec = withAccountNumber(
      {},
      {
        'steps.promoteIdentity.attributes[customer.account]': { ref: 'account' },
        'secure.exports': ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority', 'account'],
      },
    );
    expect(errors(spec).map((diagnostic) => diagnostic.code)).toContain('secure/sensitive-export');
  });

  it.each([
    ['its gather asks for a PIN', withAccountNumber({ role: 'identifier' }, {}, 'Enter your PIN.')],
    [
      'it is sent as the credential field',
      withAccountNumber({ role: 'identifier' }, { 'endpoints.verifyIdentity.body.auth_value': { ref: 'account' } }),
    ],
    ['it is declared sensitive', withAccountNumber({ role: 'identifier', sensitive: true })],
  ])('is an error at `role` when %s', (_, spec) => {
    const role = positionOf(spec, 'role: identifier');
    const found = errors(spec).filter((diagnostic) => diagnostic.code === 'secure/identifier-used-as-credential');
    expect(codes(found)).toEqual([`secure/identifier-used-as-credential@${role.line}:${role.column + 'role: '.length}`]);
    expect(found[0]!.hint).toMatch(/sensitive: true/);
  });
});

describe('what counts as asking for a credential', () => {
  it.each([
    ['Please enter the six digit code we sent you.', 'code'],
    ['Enter your telephone banking PIN, followed by the hash key.', 'pin'],
    ['Type your passcode.', 'passcode'],
    ['Please enter your password.', 'password'],
    ['Enter your zip code.', undefined],
    ['Enter the area code and number.', undefined],
    ['Enter your account number.', undefined],
    ['Enter your zip code, then the code we sent you.', 'code'],
  ])('%s', (prompt, expected) => {
    expect(askedForCredential(prompt)).toBe(expected);
  });

  it('names a credential field by its words', () => {
    expect(['auth_value', 'otp', 'pinCode', 'password'].map(namesCredential)).toEqual([true, true, true, true]);
    expect(['customer_identifier', 'interaction_id', 'timestamp', 'spinner'].map(namesCredential)).toEqual([false, false, false, false]);
  });
});

describe('verifier answers', () => {
  it('promote only fields declared in `response.fields`', () => {
    const spec = mutateFlow('identity-promotion', { 'steps.promoteIdentity.attributes[customer.code]': { ref: 'auth.otp_echo' } });
    const at = positionOf(spec, 'auth.otp_echo');
    expect(codes(errors(spec))).toContain(`ref/unknown-field@${at.line}:${at.column}`);
  });
});
