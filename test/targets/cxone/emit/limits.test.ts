import { describe, expect, it } from 'vitest';
import { codes, compile, mutateFlow } from '../../../helpers/fixtures.js';

describe('CXone vendor limits', () => {
  it('rejects a REST timeout above 90 s at the endpoint timeout', async () => {
    // The http-timeout policy rule reports it first; the emitter's own check holds when the rule is off.
    const result = await compile(mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.timeoutSeconds': 120 }), {
      targets: ['cxone'],
      rules: new Map([['http-timeout', { level: 'off' }]]),
    });
    expect(codes(result.diagnostics.filter((diagnostic) => diagnostic.code === 'target/limit'))).toEqual(['target/limit@29:21']);
    expect(result.artifacts).toBeUndefined();
  });

  it('accepts exactly 90 s, and rounds a fractional timeout up in the proxy', async () => {
    const result = await compile(mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.timeoutSeconds': 89.2 }), {
      targets: ['cxone'],
      placeholders: 'keep',
    });
    const script = result.artifacts?.find((artifact) => artifact.target === 'cxone')?.contents ?? '';
    expect(script).toContain('ProxyTimeoutSeconds = 90');
  });

  it('rejects digit timeouts above 60 s at the gather', async () => {
    const result = await compile(
      mutateFlow('identity-promotion', { 'steps.collectOtp.timeoutSeconds': 61, 'steps.collectOtp.interDigitTimeoutSeconds': 75 }),
      { targets: ['cxone'] },
    );
    expect(codes(result.diagnostics.filter((diagnostic) => diagnostic.code === 'target/limit'))).toEqual([
      'target/limit@86:21',
      'target/limit@87:31',
    ]);
  });

  it('warns when a queue has no CXone skill and an error when a skill name would read as a variable', async () => {
    const missing = await compile(mutateFlow('identity-promotion', { 'targets.cxone.skills.platinum': undefined }), { targets: ['cxone'] });
    expect(
      codes(missing.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning' && diagnostic.code === 'target/unsupported')),
    ).toEqual(['target/unsupported@125:17']);
    const braces = await compile(mutateFlow('identity-promotion', { 'targets.cxone.skills.platinum': 'Plat {x}' }), { targets: ['cxone'] });
    expect(codes(braces.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'))).toEqual(['target/unsupported@161:17']);
  });
});

describe('CXone variable names', () => {
  it('rejects an attribute that would land on a spec variable, so it can never screen-pop the credential', async () => {
    const result = await compile(mutateFlow('identity-promotion', { 'steps.promoteIdentity.attributes.OTP': 'x' }), { targets: ['cxone'] });
    expect(codes(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'))).toEqual(['target/unsupported@118:7']);
    expect(result.artifacts).toBeUndefined();
  });

  it('rejects names in the generated ivrflow_ namespace', async () => {
    const result = await compile(mutateFlow('identity-promotion', { 'variables.ivrflow_x': { type: 'string' } }), { targets: ['cxone'] });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.code)).toEqual([
      'target/unsupported',
    ]);
  });

  it('warns that a body value that is not a string reaches the endpoint as text (asjson)', async () => {
    const result = await compile(mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.body.channel_version': 3 }), {
      targets: ['cxone'],
      placeholders: 'keep',
    });
    const warnings = result.diagnostics.filter(
      (diagnostic) => diagnostic.severity === 'warning' && diagnostic.code === 'target/unsupported',
    );
    expect(warnings.map((warning) => [warning.path.join('.'), warning.message])).toEqual([
      [
        'endpoints.verifyIdentity.body.channel_version',
        'CXone sends every body value as text: `channel_version` (integer) reaches `verifyIdentity` as a JSON string.',
      ],
    ]);
    expect(result.artifacts).toBeDefined();
  });
});
