import { describe, expect, it } from 'vitest';
import type { RuleConfig, RuleSetting } from '../../src/lint/config.js';
import { RULES } from '../../src/lint/rules/index.js';
import { guardSensitiveFlow } from '../../src/ir/guard.js';
import { lowerToIr } from '../../src/ir/lower.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { validateSpec } from '../../src/flowspec/validate.js';
import type { TargetName } from '../../src/targets/artifact.js';
import { compile, exampleEnvironment, mutateFlow } from '../helpers/fixtures.js';

const EXPORTS = ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority'];

/** identity-promotion with the OTP copied into plain `otpCopy` (and `otpCopy2`) right after the gather. */
function withCopies(edits: Record<string, unknown>, exports: string[] = []): string {
  return mutateFlow('identity-promotion', {
    'variables.otpCopy': { type: 'string' },
    'variables.otpCopy2': { type: 'string' },
    'steps.collectOtp.next': 'copyOtp',
    'steps.copyOtp': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next: 'copyAgain' },
    'steps.copyAgain': { type: 'assign', set: { otpCopy2: { ref: 'otpCopy' } }, next: 'verifyOtp' },
    'secure.exports': [...EXPORTS, ...exports],
    ...edits,
  });
}

/** A second endpoint, not a verifier, called inside the secure section right after the gather. */
function withLookup(body: Record<string, unknown>, edits: Record<string, unknown> = {}): string {
  return mutateFlow('identity-promotion', {
    'endpoints.lookup': {
      method: 'POST',
      url: 'https://crm.example.com/notes',
      timeoutSeconds: 15,
      body,
      response: { fields: { note: 'string' } },
    },
    'steps.collectOtp.next': 'lookupNotes',
    'steps.lookupNotes': {
      type: 'http',
      endpoint: 'lookup',
      result: 'notes',
      onSuccess: 'verifyOtp',
      onFailure: 'verifyOtp',
      onTimeout: 'serviceUnavailable',
    },
    ...edits,
  });
}

/**
 * The OTP gathered under a neutral name and not marked sensitive (issue 19, first class): sent to
 * the verifier as `customer_identifier`, then promoted.
 */
function neutralName(edits: Record<string, unknown>): string {
  return mutateFlow('identity-promotion', {
    'variables.otp': undefined,
    'variables.entry': { type: 'string' },
    'steps.collectOtp.sensitive': undefined,
    'steps.collectOtp.into': 'entry',
    'endpoints.verifyIdentity.body.auth_value': undefined,
    'endpoints.verifyIdentity.body.customer_identifier': { ref: 'entry' },
    ...edits,
  });
}

/** The caller re-enters the code "for confirmation" into `confirm`; the prompt asks for a code. */
const CONFIRM_GATHER = {
  'variables.confirm': { type: 'string' },
  'steps.collectOtp.next': 'confirmOtp',
  'steps.confirmOtp': {
    type: 'gather',
    prompt: 'Please enter the code again to confirm.',
    into: 'confirm',
    digits: 6,
    terminator: '#',
    timeoutSeconds: 10,
    next: 'verifyOtp',
    onNoInput: 'verifyOtp',
  },
};

/** A second endpoint, an "audit" service, marked as a verifier and sent the OTP. */
function secondVerifier(reason?: string): string {
  return mutateFlow('identity-promotion', {
    ...(reason ? { 'endpoints.verifyIdentity.verifierReason': 'the identity middleware verifies the code' } : {}),
    'endpoints.audit': {
      method: 'POST',
      url: 'https://audit.example.com/events',
      timeoutSeconds: 15,
      verifiesCredential: true,
      ...(reason ? { verifierReason: reason } : {}),
      body: { interaction_id: { ref: 'call.id' }, code: { ref: 'otp' } },
      response: { fields: { status: 'string' }, success: { field: 'status', equals: 'success' } },
    },
    'steps.collectOtp.next': 'auditOtp',
    'steps.auditOtp': {
      type: 'http',
      endpoint: 'audit',
      result: 'audited',
      onSuccess: 'verifyOtp',
      onFailure: 'invalidCode',
      onTimeout: 'serviceUnavailable',
    },
  });
}

/** Each spec sends the OTP (or a copy of it) somewhere it must never go. */
const CORPUS: Record<string, string> = {
  'an attribute, gathered under a neutral name and sent as the customer identifier': neutralName({
    'steps.promoteIdentity.attributes[customer.entry]': { ref: 'entry' },
    'secure.exports': [...EXPORTS, 'entry'],
  }),
  'an attribute, re-entered for confirmation': mutateFlow('identity-promotion', {
    ...CONFIRM_GATHER,
    'steps.promoteIdentity.attributes[customer.confirm]': { ref: 'confirm' },
    'secure.exports': [...EXPORTS, 'confirm'],
  }),
  'a second endpoint marked as a verifier (an audit log)': secondVerifier(),
  'an attribute, echoed by the verifier': mutateFlow('identity-promotion', {
    'endpoints.verifyIdentity.response.fields.otp_echo': 'string',
    'steps.promoteIdentity.attributes[customer.otpEcho]': { ref: 'auth.otp_echo' },
    'secure.exports': [...EXPORTS, 'auth.otp_echo'],
  }),
  'an attribute, echoed by the verifier under the request field name': mutateFlow('identity-promotion', {
    'endpoints.verifyIdentity.response.fields.auth_value': 'string',
    'steps.promoteIdentity.attributes[customer.value]': { ref: 'auth.auth_value' },
    'secure.exports': [...EXPORTS, 'auth.auth_value'],
  }),
  'an attribute': mutateFlow('identity-promotion', { 'steps.promoteIdentity.attributes[customer.otp]': { ref: 'otp' } }),
  'an attribute, through a chain of assigns': withCopies({ 'steps.promoteIdentity.attributes[customer.code]': { ref: 'otpCopy2' } }, [
    'otpCopy2',
  ]),
  'a plain variable': withCopies({}),
  'a prompt': mutateFlow('identity-promotion', {
    'steps.collectOtp.next': 'readBack',
    'steps.readBack': { type: 'play', prompt: 'You entered {otp}.', next: 'verifyOtp' },
  }),
  'a prompt that interpolates it (spec 1.1)': mutateFlow('identity-promotion', {
    ivrflow: 1.1,
    'steps.collectOtp.next': 'readBack',
    'steps.readBack': { type: 'play', prompt: { tts: 'You entered {otp}.' }, next: 'verifyOtp' },
  }),
  'a prompt that interpolates a copy, in a sequence (spec 1.1)': withCopies({
    ivrflow: 1.1,
    'steps.copyAgain': { type: 'assign', set: { otpCopy2: { ref: 'otpCopy' } }, next: 'readBack' },
    'steps.readBack': {
      type: 'play',
      prompt: [{ audio: 'youEntered', tts: 'You entered' }, { tts: '{otpCopy2}, is that right?' }],
      next: 'verifyOtp',
    },
  }),
  "a route's prompt that interpolates a copy (spec 1.1)": withCopies({
    ivrflow: 1.1,
    'steps.routeByTier.prompt': { tts: 'Connecting you, caller {otpCopy}.' },
  }),
  "the retry gather's own prompt, on the next attempt (spec 1.1)": withCopies({
    ivrflow: 1.1,
    'steps.collectOtp.prompt': { tts: 'Your last code was {otpCopy2}. Please enter the code again.' },
  }),
  'a route value': withCopies({ 'steps.routeByTier.by': { ref: 'otpCopy' } }),
  "a second endpoint's body": withLookup({ code: { ref: 'otp' } }),
  "a second endpoint's answer, promoted": withLookup(
    { code: { ref: 'otp' } },
    {
      'steps.promoteIdentity.attributes[customer.note]': { ref: 'notes.note' },
      'secure.exports': [...EXPORTS, 'notes.note'],
    },
  ),
  'a header': mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.headers': { 'X-Code': '${input.auth_value}' } }),
  'a header, as a Snippet substitution': mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.headers': { 'X-Code': '{otp}' } }),
  'the URL': mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.url': '{{identity_base_url}}/api/v1/auth/verify?code={otp}' }),
  "the verifier's URL path (spec 1.1)": mutateFlow('identity-promotion', {
    ivrflow: 1.1,
    'endpoints.verifyIdentity.url': '{{identity_base_url}}/api/v1/auth/{code}/verify',
    'endpoints.verifyIdentity.path': { code: { ref: 'otp' } },
  }),
  "the verifier's query (spec 1.1)": mutateFlow('identity-promotion', {
    ivrflow: 1.1,
    'endpoints.verifyIdentity.query': { code: { ref: 'otp' } },
  }),
  "a second endpoint's query, through a copy (spec 1.1)": withLookup(
    { ani: { ref: 'call.ani' } },
    {
      ivrflow: 1.1,
      'variables.otpCopy': { type: 'string' },
      'steps.collectOtp.next': 'copyOtp',
      'steps.copyOtp': { type: 'assign', set: { otpCopy: { ref: 'otp' } }, next: 'lookupNotes' },
      'endpoints.lookup': {
        method: 'GET',
        url: 'https://crm.example.com/notes',
        timeoutSeconds: 15,
        query: { code: { ref: 'otpCopy' } },
        response: { fields: { note: 'string' } },
      },
    },
  ),
  'the secure exports': withCopies({ 'steps.promoteIdentity.attributes[customer.code]': { ref: 'otpCopy' } }, ['otpCopy']),
  'an implicit branch': mutateFlow('identity-promotion', {
    'steps.collectOtp.next': 'backdoor',
    'steps.backdoor': { type: 'condition', if: { ref: 'otp', equals: '000000' }, then: 'promoteIdentity', else: 'verifyOtp' },
  }),
  'an implicit branch on a copy': withCopies({
    'steps.copyAgain': { type: 'assign', set: { otpCopy2: { ref: 'otpCopy' } }, next: 'backdoor' },
    'steps.backdoor': { type: 'condition', if: { not: { ref: 'otpCopy2', in: ['000000'] } }, then: 'verifyOtp', else: 'promoteIdentity' },
  }),
};

const REASON = 'tuning the rules for a test';
const off = (ids: readonly string[]): RuleConfig => new Map<string, RuleSetting>(ids.map((id) => [id, { level: 'off', reason: REASON }]));
const SECURITY_RULES = RULES.filter((rule) => rule.protectsCredential).map((rule) => rule.id);
const CONFIGURATIONS: [string, RuleConfig | undefined][] = [
  ['the default rules', undefined],
  ['every rule off', off(RULES.map((rule) => rule.id))],
  ...SECURITY_RULES.map((id): [string, RuleConfig] => [`${id} off`, off([id])]),
];
const TARGET_SETS: TargetName[][] = [['genesys'], ['cxone'], ['genesys', 'cxone']];

describe('the leak corpus', () => {
  it('has a security rule to turn off in each configuration', () => {
    expect(SECURITY_RULES.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(CONFIGURATIONS)('under %s', (_, rules) => {
    it.each(Object.entries(CORPUS))('no target writes the OTP into %s', async (_, text) => {
      for (const targets of TARGET_SETS) {
        const result = await compile(text, { targets, ...(rules ? { rules } : {}) });
        expect(result.artifacts, `${targets.join('+')} wrote artifacts`).toBeUndefined();
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        // With the rules off, what refuses it is the layer below them.
        if (rules?.size === RULES.length) expect(errors.some((error) => /^(secure|endpoint)\//.test(error.code))).toBe(true);
      }
    });

    it('still compiles the example flow itself', async () => {
      const result = await compile(mutateFlow('identity-promotion', {}), {
        environment: exampleEnvironment(),
        ...(rules ? { rules } : {}),
      });
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(result.artifacts?.length).toBeGreaterThan(1);
    });
  });
});

describe('the IR guard alone', () => {
  /** The IR of a spec, lowered even when the semantic checks found errors, as if every check above the guard were gone. */
  function irOf(text: string) {
    const validated = validateSpec(loadSpec('spec.yaml', Buffer.from(text)));
    if (!validated.index) throw new Error(`not schema-valid: ${validated.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
    return lowerToIr(validated.index);
  }

  it.each(Object.entries(CORPUS))('refuses the OTP in %s', (_, text) => {
    const leaks = guardSensitiveFlow(irOf(text));
    expect(leaks.length).toBeGreaterThan(0);
    for (const leak of leaks) {
      expect(leak.code).toMatch(/^secure\/(sensitive-output|second-verifier)$/);
      if (leak.code === 'secure/sensitive-output') expect(leak.hint).toContain('cannot be turned off');
    }
  });

  it('refuses the audit verifier at its `verifiesCredential`, and accepts two verifiers that each say why', () => {
    const leaks = guardSensitiveFlow(irOf(secondVerifier()));
    expect(leaks.map((leak) => [leak.code, leak.path.join('.')])).toEqual([
      ['secure/second-verifier', 'endpoints.verifyIdentity.verifiesCredential'],
      ['secure/second-verifier', 'endpoints.audit.verifiesCredential'],
    ]);
    const reasoned = secondVerifier('the fraud service checks the code against its own list');
    expect(guardSensitiveFlow(irOf(reasoned))).toEqual([]);
  });

  it('treats a credential under a neutral name as sensitive in the IR, so every target redacts it', () => {
    const graph = irOf(neutralName({}));
    expect(graph.variables.find((variable) => variable.name === 'entry')?.sensitive).toBe(true);
    expect(graph.nodes.find((node) => node.id === 'collectOtp')).toMatchObject({ kind: 'gather', sensitive: true });
    const confirm = irOf(mutateFlow('identity-promotion', CONFIRM_GATHER));
    expect(confirm.variables.find((variable) => variable.name === 'confirm')?.sensitive).toBe(true);
  });

  it('finds nothing in the three example flows', () => {
    for (const flow of ['identity-promotion', 'international-otp', 'pin-with-summary', 'hipaa-member-summary'])
      expect(guardSensitiveFlow(irOf(mutateFlow(flow, {})))).toEqual([]);
  });

  it('points at the leak: the attribute, the condition, the header', () => {
    const paths = (text: string) => guardSensitiveFlow(irOf(text)).map((leak) => leak.path.join('.'));
    expect(paths(CORPUS['an attribute']!)).toEqual(['steps.promoteIdentity.attributes.customer.otp.ref']);
    expect(paths(CORPUS['an implicit branch on a copy']!)).toContain('steps.backdoor.if.not.ref');
    expect(paths(CORPUS['a header']!)).toEqual(['endpoints.verifyIdentity.headers.X-Code']);
    expect(paths(CORPUS["the verifier's URL path (spec 1.1)"]!)).toEqual(['endpoints.verifyIdentity.path.code.ref']);
    expect(paths(CORPUS["the verifier's query (spec 1.1)"]!)).toEqual(['endpoints.verifyIdentity.query.code.ref']);
  });
});
