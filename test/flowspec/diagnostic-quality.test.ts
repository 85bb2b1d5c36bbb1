import { describe, expect, it } from 'vitest';
import { check, codes, mutateFlow, positionOf, readRepoFile } from '../helpers/fixtures.js';

const EXAMPLE = readRepoFile('flows/identity-promotion.yaml');

function expectPositioned(text: string) {
  const diagnostics = check(text);
  expect(diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
  for (const diagnostic of diagnostics) {
    expect(diagnostic.span, `${diagnostic.code} has a position`).toBeDefined();
    expect(diagnostic.span!.start.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.span!.start.column).toBeGreaterThanOrEqual(1);
  }
  return diagnostics;
}

describe('every diagnostic has a position, whatever the line endings', () => {
  it.each([
    ['a list', '- ivrflow: 1\r\n- name: x\r\n', 'yaml/syntax'],
    ['a scalar', 'ivrflow 1\r\n', 'yaml/syntax'],
    ['a number', '42\r\n', 'yaml/syntax'],
    // A file of comments only holds nothing: said as such (input/empty), still at 1:1.
    ['only a comment', '# ivrflow: 1\r\n', 'input/empty'],
    ['only comments, LF', '# one\n# two\n', 'input/empty'],
    ['a null document', '~\r\n', 'yaml/syntax'],
    ['a document end marker', '...\r\n', 'yaml/syntax'],
  ])('a CRLF file whose top level is %s', (_, text, code) => {
    const diagnostics = expectPositioned(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual([code]);
  });

  it('points at the same line and column in a CRLF copy of a spec as in the LF original', () => {
    const broken = mutateFlow('identity-promotion', { 'steps.collectOtp.timeoutSeconds': 'ten' });
    const lf = codes(expectPositioned(broken));
    const crlf = codes(expectPositioned(broken.replace(/\n/g, '\r\n')));
    expect(crlf).toEqual(lf);
    expect(lf).toContain(`schema/type@${positionOf(broken, 'timeoutSeconds: ten').line}:21`);
  });
});

describe('one indentation mistake is one error', () => {
  it.each([
    ['a tab before a key', (text: string) => text.replace('    digits: 6', '\tdigits: 6'), 'digits: 6'],
    ['a tab before a step', (text: string) => text.replace('  collectOtp:\n', '\tcollectOtp:\n'), 'collectOtp:\n'],
    ['a key indented one space too far', (text: string) => text.replace('    digits: 6', '     digits: 6'), 'digits: 6'],
  ])('%s', (_, edit, marker) => {
    const text = edit(EXAMPLE);
    const diagnostics = expectPositioned(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('yaml/syntax');
    // Over-indentation reads as a continuation of the line above, which is where the parser reports it.
    const line = positionOf(text, marker).line;
    expect([line - 1, line]).toContain(diagnostics[0]!.span!.start.line);
  });

  it('says in the hint how many follow-on errors it left out', () => {
    const [diagnostic] = check(EXAMPLE.replace('    digits: 6', '\tdigits: 6'));
    expect(diagnostic!.hint).toMatch(/\d+ more syntax errors after this line follow from it/);
  });

  it('still reports unrelated errors found before the indentation error', () => {
    const text = EXAMPLE.replace('language: en-US', 'language: en-US\nlanguage: fr-FR').replace('    digits: 6', '\tdigits: 6');
    expect(check(text).map((diagnostic) => diagnostic.code)).toEqual(['yaml/duplicate-key', 'yaml/syntax']);
  });
});

describe('schema messages in plain words', () => {
  const withCondition = (condition: unknown) =>
    mutateFlow('identity-promotion', {
      'steps.invalidCode.next': 'checkTier',
      'steps.checkTier': { type: 'condition', if: condition, then: 'authenticate', else: 'authenticate' },
    });

  it('names the two operators of a comparison instead of "must NOT have more than 2 properties"', () => {
    const [diagnostic, ...others] = check(withCondition({ ref: 'auth.tier', equals: 'gold', in: ['gold'] }));
    expect(others).toEqual([]);
    expect(diagnostic!.code).toBe('schema/invalid');
    expect(diagnostic!.message).not.toMatch(/must NOT|properties/);
    expect(diagnostic!.message).toContain('`equals`, `in`');
    expect(diagnostic!.path).toEqual(['steps', 'checkTier', 'if']);
  });

  it('reports a comparison with two operators nested in `all` at the comparison (it used to report nothing)', () => {
    const diagnostics = check(
      withCondition({
        all: [
          { ref: 'auth.tier', exists: true },
          { ref: 'auth.tier', equals: 'gold', in: ['gold'] },
        ],
      }),
    );
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual([
      ['schema/invalid', 'steps.checkTier.if.all.1'],
    ]);
    expect(diagnostics[0]!.message).not.toMatch(/must NOT/);
  });

  it('says a comparison without an operator needs one', () => {
    const [diagnostic] = check(withCondition({ ref: 'auth.tier' }));
    expect(diagnostic!.message).toContain('no operator');
    expect(diagnostic!.hint).toContain('equals');
  });

  it('says an empty list is empty, not "must NOT have fewer than 1 items"', () => {
    const diagnostics = check(mutateFlow('identity-promotion', { 'steps.routeByTier.default.skills': [] }));
    for (const diagnostic of diagnostics) expect(diagnostic.message).not.toMatch(/must NOT/);
  });
});

/** routeByTier without `by`, so the verifier's response can drop `tier`. */
const SINGLE_QUEUE_ROUTE = {
  'steps.routeByTier.by': undefined,
  'steps.routeByTier.cases': undefined,
  'steps.routeByTier.default': undefined,
  'steps.routeByTier.queue': 'general',
};

describe('hints point the right way', () => {
  it('never suggests exporting a copy of the OTP', () => {
    const text = mutateFlow('identity-promotion', {
      'variables.otpCopy': { type: 'string' },
      'steps.collectOtp.next': 'copyOtp',
      'steps.copyOtp': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next: 'verifyOtp' },
      'steps.promoteIdentity.attributes[customer.code]': { ref: 'otpCopy' },
    });
    const diagnostics = check(text).filter((diagnostic) => diagnostic.path.includes('customer.code'));
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('secure/sensitive-export');
    for (const diagnostic of diagnostics) {
      expect(diagnostic.hint ?? '').not.toContain('secure.exports');
      expect(diagnostic.code).not.toBe('secure/unexported-value');
    }
  });

  it('still suggests exporting a value that holds no credential', () => {
    const text = mutateFlow('identity-promotion', { 'steps.promoteIdentity.attributes[customer.reason]': { ref: 'auth.reason' } });
    const [diagnostic] = check(text).filter((candidate) => candidate.code === 'secure/unexported-value');
    expect(diagnostic!.hint).toContain('`auth.reason` to `secure.exports`');
  });

  it.each([
    ['a field called outcome', { account_status: 'string', outcome: 'string', customer_id: 'string' }, 'field: outcome'],
    ['a boolean flag', { verified: 'boolean', customer_id: 'string' }, 'field: verified, equals: true'],
  ])('names a field the verifier response declares when `success` is missing (%s)', (_, fields, expected) => {
    const text = mutateFlow('identity-promotion', {
      'endpoints.verifyIdentity.response': { fields },
      'secure.exports': ['auth.customer_id'],
      'steps.promoteIdentity.attributes': { 'customer.id': { ref: 'auth.customer_id' } },
      ...SINGLE_QUEUE_ROUTE,
    });
    const diagnostic = check(text).find((candidate) => candidate.messageId === 'noSuccessCheck');
    expect(diagnostic!.hint).toContain(expected);
    expect(diagnostic!.hint).not.toContain('field: status');
    expect(diagnostic!.hint).not.toContain('account_status');
  });

  it('asks for a status field when the verifier response has no text or boolean field', () => {
    const text = mutateFlow('identity-promotion', {
      'endpoints.verifyIdentity.response': { fields: { routing_priority: 'integer' } },
      'secure.exports': ['auth.routing_priority'],
      'steps.promoteIdentity.attributes': { 'customer.routingPriority': { ref: 'auth.routing_priority' } },
      ...SINGLE_QUEUE_ROUTE,
    });
    const diagnostic = check(text).find((candidate) => candidate.messageId === 'noSuccessCheck');
    expect(diagnostic!.hint).toContain('Declare the status field');
  });
});

describe('a name that misses its pattern says what names look like there', () => {
  it.each([
    [
      'a header',
      ['    body:\n', '    headers: { "bad header": x }\n    body:\n'],
      'Header names use letters, digits and `-` (at most 64).',
    ],
    ['a body field', ['      auth_method: otp', '      "auth method": otp'], 'Field names start with a letter or `_`'],
    ['an attribute', ['customer.tier:', '"customer tier":'], 'Attribute names are words of letters, digits and `_` joined by dots'],
  ])('%s', (_, [from, to], hint) => {
    const text = EXAMPLE.replace(from!, to!);
    expect(text).not.toBe(EXAMPLE);
    const invalid = expectPositioned(text).filter((diagnostic) => diagnostic.code === 'schema/invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.hint).toContain(hint);
  });
});

describe('every spec check says how to fix what it reports', () => {
  // Found by the fuzz campaign: these reported an error without a hint.
  it.each([
    ['a sensitive export', { 'secure.exports': ['auth.tier', 'otp'] }, 'secure/sensitive-export'],
    ['a variable named call', { 'variables.call': { type: 'string' } }, 'ref/reserved-name'],
    ['a gather whose min is above its max', { 'steps.collectOtp.digits': { min: 8, max: 4 } }, 'type/mismatch'],
    [
      'an assign of a string reference to an integer variable',
      {
        'variables.count': { type: 'integer' },
        'steps.greeting': { type: 'assign', set: { count: { ref: 'call.ani' } }, next: 'authenticate' },
      },
      'type/mismatch',
    ],
    [
      'an assign of a boolean to an integer variable',
      { 'variables.count': { type: 'integer' }, 'steps.greeting': { type: 'assign', set: { count: true }, next: 'authenticate' } },
      'type/mismatch',
    ],
  ])('%s', (_, edits, code) => {
    const diagnostics = expectPositioned(mutateFlow('identity-promotion', edits)).filter((diagnostic) => diagnostic.code === code);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of diagnostics) expect(diagnostic.hint, diagnostic.message).toMatch(/\w/);
  });
});

describe('names that are Object.prototype keys', () => {
  // A field name read from a spec is looked up as an own property: `__proto__` once reached
  // Object.prototype through a plain index and crashed the type check (found by the fuzz campaign).
  it.each(['__proto__', 'constructor', 'toString'])('a success field `%s` is an unknown field, positioned', (field) => {
    const text = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.response.success.field': field });
    const diagnostics = expectPositioned(text);
    expect(codes(diagnostics)).toContain(`ref/unknown-field@${positionOf(text, `field: ${field}`).line}:16`);
  });
});
