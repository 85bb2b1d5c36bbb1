import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../../../helpers/cli.js';

describe('ivrflow generate --target genesys (built CLI)', () => {
  it('writes the Genesys files of every example and lists them in the manifest', async () => {
    const out = tempDir();
    for (const flow of ['identity-promotion', 'international-otp', 'pin-with-summary']) {
      const result = await ivrflow(['generate', `flows/${flow}.yaml`, '--target', 'genesys', '--out', out]);
      expect(result.exitCode).toBe(0);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'pin-verification-with-account-summary', 'manifest.json'), 'utf8')) as {
      artifacts: { path: string; target: string; kind: string }[];
    };
    expect(
      manifest.artifacts.filter((artifact) => artifact.target === 'genesys').map((artifact) => `${artifact.kind} ${artifact.path}`),
    ).toEqual([
      'archyOptions genesys/archy-options.yaml',
      'dataAction genesys/data-actions/accountSummary.json',
      'dataAction genesys/data-actions/verifyPin.json',
      'inboundCall genesys/inbound-call.yaml',
      'secureCall genesys/secure-call.yaml',
    ]);
  });

  it('fills placeholders from --env and leaves none for the options file', async () => {
    const dir = tempDir();
    const env = join(dir, 'prod.yaml');
    writeFileSync(
      env,
      'identity_base_url: https://idp.example.com\nidentity_integration: Identity\nplatinum_queue: Platinum\ngeneral_queue: General\nplatinum_skill: P\ngeneral_skill: G\n',
    );
    const result = await ivrflow([
      'generate',
      'flows/identity-promotion.yaml',
      '--target',
      'genesys',
      '--env',
      env,
      '--out',
      join(dir, 'out'),
    ]);
    expect(result.exitCode).toBe(0);
    const folder = join(dir, 'out', 'identity-promotion', 'genesys');
    expect(readFileSync(join(folder, 'secure-call.yaml'), 'utf8')).not.toContain('{{');
    expect(readFileSync(join(folder, 'data-actions', 'verifyIdentity.json'), 'utf8')).toContain(
      '"requestUrlTemplate": "https://idp.example.com/api/v1/auth/verify"',
    );
    expect(readFileSync(join(folder, 'archy-options.yaml'), 'utf8')).toMatch(/^substitutions: \{\}$/m);
  });
});
