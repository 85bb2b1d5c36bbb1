import { describe, expect, it } from 'vitest';
import { hasErrors, type Diagnostic } from '../../../../src/diagnostics/diagnostic.js';
import { checkSpec } from '../../../../src/pipeline.js';
import { codes, compile, mutateFlow, readRepoFile } from '../../../helpers/fixtures.js';
import { artifactOfKind, genesysArtifacts, parseEmitted } from './archy-helpers.js';

/**
 * Errors and warnings, what these tests are about. The blind-transfer note and the warning for the
 * `{{identity_base_url}}` placeholder the example keeps in its data action have their own tests.
 */
function withoutNotes(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity !== 'info' && !isDataActionPlaceholder(diagnostic));
}

function isDataActionPlaceholder(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'env/missing-value' && diagnostic.severity === 'warning';
}

async function genesysCodes(text: string, rulesOff: readonly string[] = []): Promise<string[]> {
  const result = await compile(text, { targets: ['genesys'], rules: new Map(rulesOff.map((id) => [id, { level: 'off' as const }])) });
  return codes(withoutNotes(result.diagnostics));
}

/** The 1-based line of the first occurrence of `needle` in the text, for position assertions. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('Genesys vendor limits', () => {
  it('rejects a data action timeout above 60 s at the endpoint timeout, even with the policy rule off', async () => {
    const text = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.timeoutSeconds': 61 });
    const ruleOff = await compile(text, { targets: ['genesys'], rules: new Map([['http-timeout', { level: 'off' }]]) });
    expect(codes(withoutNotes(ruleOff.diagnostics))).toEqual([`target/limit@${lineOf(text, 'timeoutSeconds: 61')}:21`]);
    // With the rule on (the default) the same single report: the ceiling is a vendor fact, not a policy.
    expect(await genesysCodes(text)).toEqual([`target/limit@${lineOf(text, 'timeoutSeconds: 61')}:21`]);
  });

  it('rejects more than 32 digits and a no-entry timeout above 99 s at the gather', async () => {
    const text = mutateFlow('identity-promotion', { 'steps.collectOtp.digits': 33, 'steps.collectOtp.timeoutSeconds': 100 });
    // A 41-digit OTP is also a dtmf-terminator warning; this test is about the emitter's own limits.
    expect(await genesysCodes(text, ['dtmf-terminator'])).toEqual([
      `target/limit@${lineOf(text, 'digits: 33')}:13`,
      `target/limit@${lineOf(text, 'timeoutSeconds: 100')}:21`,
    ]);
  });

  it('accepts the limits themselves', async () => {
    const text = mutateFlow('identity-promotion', {
      'endpoints.verifyIdentity.timeoutSeconds': 60,
      'steps.collectOtp.digits': 32,
      'steps.collectOtp.timeoutSeconds': 99,
    });
    expect(await genesysCodes(text, ['dtmf-terminator'])).toEqual([]);
  });
});

describe('values Architect cannot carry', () => {
  it('rejects a line break in a compared value at the route case', async () => {
    const text = mutateFlow('identity-promotion', { 'steps.routeByTier.cases': { 'plat\ninum': { queue: 'platinum', priority: 50 } } });
    const result = await compile(text, { targets: ['genesys'] });
    expect(result.artifacts).toBeUndefined();
    expect(withoutNotes(result.diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual([
      ['target/unescapable', 'steps.routeByTier.cases.plat\ninum'],
    ]);
  });

  // `validate` runs the target checks, not the emitter: each value is refused there (the fuzz found
  // validate passing a tab that generate then refused), at the value, and only for Genesys.
  it.each([
    [
      'a response success value',
      'pin-with-summary',
      { 'endpoints.verifyPin.response.success.equals': 'tab\there' },
      'endpoints.verifyPin.response.success.equals',
    ],
    [
      'a condition operand',
      'pin-with-summary',
      { 'steps.checkAccount.if': { ref: 'auth.account_status', in: ['active', 'past\ndue'] } },
      'steps.checkAccount.if.in.1',
    ],
    [
      'the text around a spoken value',
      'sms-otp',
      { 'steps.codeSent.prompt': { tts: 'Line\nbreak then {caller.phone_last4}.' } },
      'steps.codeSent.prompt.tts',
    ],
    [
      'a route case',
      'identity-promotion',
      { 'steps.routeByTier.cases': { 'plat\ninum': { queue: 'platinum', priority: 50 } } },
      'steps.routeByTier.cases.plat\ninum',
    ],
  ])('validate refuses a control character in %s, as generate does', async (_, flow, edits, path) => {
    const text = mutateFlow(flow, edits);
    const checked = checkSpec('spec.yaml', Buffer.from(text), { targets: ['genesys'] });
    const errors = checked.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual([['target/unescapable', path]]);
    expect((await compile(text, { targets: ['genesys'] })).artifacts).toBeUndefined();
    expect(
      checkSpec('spec.yaml', Buffer.from(text), { targets: ['cxone'] }).diagnostics.filter((d) => d.code === 'target/unescapable'),
    ).toEqual([]);
  });

  it('carries a control character in a skill name as a YAML literal, never into an expression', async () => {
    const text = mutateFlow('identity-promotion', { 'steps.maxAttemptsExceeded.skills': ['Tab\there'] });
    const result = await compile(text, { targets: ['genesys'] });
    expect(withoutNotes(result.diagnostics)).toEqual([]);
    const secure = parseEmitted(artifactOfKind(result.artifacts!, 'secureCall').contents);
    expect(JSON.stringify(secure)).toContain('{"acdSkill":{"lit":{"name":"Tab\\there"}}}');
  });
});

describe('Genesys names', () => {
  it('warns and uses a placeholder when the integration is not named', async () => {
    const text = mutateFlow('identity-promotion', { 'targets.genesys.integration': undefined });
    const result = await compile(text, { targets: ['genesys'] });
    expect(withoutNotes(result.diagnostics).map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`)).toEqual([
      'target/missing-name:warning',
    ]);
    const options = parseEmitted(artifactOfKind(result.artifacts!, 'archyOptions').contents);
    expect(Object.keys(options['substitutions'] as object)).toContain('genesys_integration');
  });

  it('defaults flow names to the spec name and data actions to the endpoint id', async () => {
    const text = mutateFlow('identity-promotion', {
      'targets.genesys.inboundFlowName': undefined,
      'targets.genesys.secureFlowName': undefined,
      'targets.genesys.dataActions': undefined,
    });
    const artifacts = await genesysArtifacts(text);
    expect((parseEmitted(artifactOfKind(artifacts, 'inboundCall').contents)['inboundCall'] as { name: string }).name).toBe(
      'Identity Promotion',
    );
    expect((parseEmitted(artifactOfKind(artifacts, 'secureCall').contents)['secureCall'] as { name: string }).name).toBe(
      'Identity Promotion - Secure',
    );
    expect(JSON.parse(artifactOfKind(artifacts, 'dataAction').contents).name).toBe('verifyIdentity');
  });

  it('warns at the queue when a queue has no Genesys name', async () => {
    const text = mutateFlow('identity-promotion', { 'targets.genesys.queues.platinum': undefined });
    expect(await genesysCodes(text)).toEqual([`target/missing-name@${lineOf(text, '  platinum:')}:3`]);
  });
});

describe('graphs Archy cannot nest', () => {
  it('reports a cycle that no retry breaks at the transition that closes it', async () => {
    const text = mutateFlow('identity-promotion', { 'steps.noInput.next': 'collectOtp' });
    // The bounded-retry policy rule reports this loop first; the emitter holds when the rule is off.
    expect(await genesysCodes(text)).toEqual([`rule/bounded-retry@${lineOf(text, '  collectOtp:')}:3`]);
    expect(await genesysCodes(text, ['bounded-retry'])).toEqual([`target/unsupported@${lineOf(text, 'next: collectOtp')}:11`]);
  });

  it('reports a jump from an inner retry back to the outer one', async () => {
    const text = mutateFlow('identity-promotion', {
      'steps.invalidCode.next': 'inner',
      'steps.inner': { type: 'retry', maxAttempts: 2, body: 'again', onExhausted: 'maxAttemptsExceeded' },
      'steps.again': { type: 'play', prompt: 'Again.', next: 'authenticate' },
    });
    const line =
      text
        .split('\n')
        .findIndex((candidate, index, lines) => candidate.trim() === 'next: authenticate' && lines[index - 1]!.includes('Again.')) + 1;
    expect(await genesysCodes(text)).toEqual([`target/unsupported@${line}:11`]);
  });

  it('refuses an Authorization header written in the spec, even with the policy rule off', async () => {
    const text = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.headers': { authorization: 'Bearer abc' } });
    const ruleOff = await compile(text, {
      targets: ['genesys'],
      rules: new Map([['no-literal-secret', { level: 'off', reason: 'testing the emitter' }]]),
    });
    expect(codes(withoutNotes(ruleOff.diagnostics))).toEqual([`secure/sensitive-output@${lineOf(text, 'authorization: Bearer')}:7`]);
    // With the rule on (the default), the policy reports it first and the emitter never runs.
    expect(await genesysCodes(text)).toEqual([`rule/no-literal-secret@${lineOf(text, 'authorization: Bearer')}:7`]);
  });
});

describe('flow shapes', () => {
  it('writes only an inbound flow when the spec has no secure section', async () => {
    const text = mutateFlow('identity-promotion', {
      secure: undefined,
      'variables.otp.sensitive': undefined,
      'steps.collectOtp.sensitive': undefined,
    });
    // The sensitive-gather rule rightly refuses an OTP gathered this way; the emitter's shape is tested without it.
    const result = await compile(text, {
      targets: ['genesys'],
      rules: new Map([['sensitive-gather', { level: 'off', reason: 'testing the emitter' }]]),
    });
    // A gathered value the verifier receives is a credential whatever the rules say: it needs the secure section.
    expect(withoutNotes(result.diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual([
      ['secure/missing-section', 'steps.collectOtp'],
    ]);
    // No verifier, and a prompt that asks for no code: nothing makes the entry a credential.
    const plain = mutateFlow('identity-promotion', {
      secure: undefined,
      'variables.otp.sensitive': undefined,
      'steps.collectOtp.sensitive': undefined,
      'steps.collectOtp.prompt': 'Please enter the six digits of your reference.',
      'endpoints.verifyIdentity.verifiesCredential': undefined,
    });
    const compiled = await compile(plain, {
      targets: ['genesys'],
      rules: new Map([['sensitive-gather', { level: 'off', reason: 'testing the emitter' }]]),
    });
    const artifacts = (compiled.artifacts ?? []).filter((artifact) => artifact.target === 'genesys');
    expect(artifacts.map((artifact) => artifact.kind).sort()).toEqual(['archyOptions', 'dataAction', 'inboundCall']);
    const inbound = artifactOfKind(artifacts, 'inboundCall').contents;
    expect(inbound).toContain('collectInput:');
    expect(inbound).toContain('callData:');
    expect(inbound).not.toContain('transferToFlowSecure');
  });

  it.each([
    ['with an initial value', { type: 'string', initial: 'no' }],
    ['without one', { type: 'string' }],
  ])('reports a value set before the secure section and read inside it (%s), in validate too', async (_, variable) => {
    const text = mutateFlow('identity-promotion', {
      'variables.greeted': variable,
      'steps.greeting.next': 'markGreeted',
      'steps.markGreeted': { type: 'assign', set: { greeted: 'yes' }, next: 'authenticate' },
      'steps.promoteIdentity.attributes[customer.greeted]': { ref: 'greeted' },
      'secure.exports': ['auth.customer_id', 'auth.tier', 'auth.account_status', 'auth.routing_priority', 'greeted'],
    });
    const result = await compile(text, { targets: ['genesys'] });
    const expected = [['target/unsupported', 'steps.promoteIdentity.attributes.customer.greeted.ref']];
    expect(withoutNotes(result.diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual(expected);
    const validated = checkSpec('spec.yaml', Buffer.from(text), { targets: ['genesys'] });
    expect(withoutNotes(validated.diagnostics).map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual(expected);
    // CXone runs the flow as one script, where the value is set: only Genesys refuses it.
    expect(hasErrors(checkSpec('spec.yaml', Buffer.from(text), { targets: ['cxone'] }).diagnostics)).toBe(false);
  });
});

describe('placeholders in data action files', () => {
  it('warns at the endpoint url for a placeholder neither Archy nor Terraform substitutes there', async () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const result = await compile(text, { targets: ['genesys'] }, 'identity-promotion.yaml');
    const warnings = result.diagnostics.filter(isDataActionPlaceholder);
    expect(warnings.map((warning) => [warning.path.join('.'), warning.message, warning.hint])).toEqual([
      [
        'endpoints.verifyIdentity.url',
        'The Genesys data action of endpoint `verifyIdentity` keeps `{{identity_base_url}}`, which neither Archy nor Terraform substitutes in data action files.',
        'Generate with `--env <file>` giving `identity_base_url` a value for the target org.',
      ],
    ]);
  });

  it('says nothing once --env fills it', async () => {
    const text = readRepoFile('flows/identity-promotion.yaml');
    const environment = new Map(
      ['identity_base_url', 'general_queue', 'general_skill', 'identity_integration', 'platinum_queue', 'platinum_skill'].map((key) => [
        key,
        key === 'identity_base_url' ? 'https://idp.example.com' : `${key} value`,
      ]),
    );
    const result = await compile(text, { targets: ['genesys'], environment }, 'identity-promotion.yaml');
    expect(result.diagnostics.filter(isDataActionPlaceholder)).toEqual([]);
    expect(artifactOfKind(result.artifacts!, 'dataAction').contents).not.toContain('{{');
  });
});

describe('notes', () => {
  it('says once per flow that onFailure of a route inside the secure flow does not run on Genesys', async () => {
    const result = await compile(readRepoFile('flows/identity-promotion.yaml'), { targets: ['genesys'] }, 'identity-promotion.yaml');
    const notes = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'info');
    expect(notes.map((note) => [note.code, note.path.join('.'), (note.related ?? []).map((related) => related.path.join('.'))])).toEqual([
      ['target/unsupported', 'steps.routeByTier.onFailure', ['steps.maxAttemptsExceeded.onFailure', 'steps.serviceUnavailable.onFailure']],
    ]);
    expect(notes[0]!.message).toContain('blind');
  });
});
