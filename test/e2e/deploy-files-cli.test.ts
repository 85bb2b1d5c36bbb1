import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';

/** `generate --target terraform`, `--env` options files and `archy-results`, run as a user runs them. */
describe('deploy files from the CLI', () => {
  it('generate --target terraform writes the module beside the Genesys files and lists it in the manifest', async () => {
    const out = tempDir();
    const result = await ivrflow(['generate', 'flows/identity-promotion.yaml', '--target', 'terraform', '--out', out]);
    expect(result.exitCode).toBe(0);
    const folder = join(out, 'identity-promotion');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { artifacts: { path: string; target: string }[] };
    expect(manifest.artifacts.map((artifact) => artifact.target)).toEqual(expect.arrayContaining(['genesys', 'terraform']));
    expect(manifest.artifacts.map((artifact) => artifact.target)).not.toContain('cxone');
    const module = JSON.parse(readFileSync(join(folder, 'terraform/main.tf.json'), 'utf8')) as { resource: Record<string, object> };
    expect(Object.keys(module.resource).sort()).toEqual(['genesyscloud_flow', 'genesyscloud_integration_action']);
  });

  it('refuses an unknown target and names the packagings', async () => {
    const result = await ivrflow(['generate', 'flows/identity-promotion.yaml', '--target', 'pulumi', '--out', tempDir()]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('genesys, cxone, terraform');
  });

  it('generate --env fills the Archy options file for that environment', async () => {
    const dir = tempDir();
    const env = join(dir, 'dev.yaml');
    const example = readFileSync('flows/environments/example.yaml', 'utf8');
    writeFileSync(env, `${example}\ngenesys_integration: Dev Integration\n`);
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, readFileSync('test/cases/env-filled/spec.yaml', 'utf8'));
    const result = await ivrflow(['generate', spec, '--target', 'genesys', '--env', env, '--out', join(dir, 'out')]);
    expect(result.exitCode, result.stdout).toBe(0);
    const options = readFileSync(join(dir, 'out', readdirOne(join(dir, 'out')), 'genesys/archy-options.yaml'), 'utf8');
    expect(options).toContain('for the environment in dev.yaml');
    expect(options).toContain('genesys_integration: Dev Integration');
  });

  it('archy-results prints the traces at the spec and exits 1 on an error', async () => {
    const dir = tempDir();
    const file = join(dir, 'results.json');
    writeFileSync(
      file,
      JSON.stringify(
        { status: 'failure', exitCode: 1, output: { traces: [{ text: "Action 'collectOtp' is invalid", type: 'error' }] } },
        null,
        '\t',
      ),
    );
    const result = await ivrflow(['archy-results', file, '--spec', 'flows/identity-promotion.yaml']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/flows\/identity-promotion\.yaml:\d+:3 error archy\/error {2}Archy: Action 'collectOtp' is invalid/);
    const sarif = await ivrflow(['archy-results', file, '--format', 'sarif']);
    expect(sarif.exitCode).toBe(1);
    expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toHaveLength(1);
  });

  it('archy-results: a clean file exits 0, a broken one is a positioned error, a missing one exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.json'), '{"status":"success","exitCode":0,"output":{"traces":[]}}');
    writeFileSync(join(dir, 'bad.json'), '{"output": {"traces": [}');
    expect((await ivrflow(['archy-results', join(dir, 'ok.json')])).exitCode).toBe(0);
    const bad = await ivrflow(['archy-results', join(dir, 'bad.json')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/bad\.json:1:\d+ error yaml\/syntax/);
    expect(bad.stderr).not.toContain('    at ');
    expect((await ivrflow(['archy-results', join(dir, 'missing.json')])).exitCode).toBe(2);
  });

  it('archy-results: a results file cut short is a JSON syntax error at its end, not a YAML one', async () => {
    const dir = tempDir();
    const whole = JSON.stringify({ status: 'failure', exitCode: 1, output: { traces: [{ text: 'x', type: 'error' }] } }, null, 2);
    const cut = whole.slice(0, whole.indexOf('"type"'));
    writeFileSync(join(dir, 'cut.json'), cut);
    const result = await ivrflow(['archy-results', join(dir, 'cut.json')]);
    expect(result.exitCode).toBe(1);
    const lines = cut.split('\n');
    expect(result.stdout).toContain(`cut.json:${lines.length}:`);
    expect(result.stdout).toMatch(/error yaml\/syntax {2}JSON syntax error: /);
    expect(result.stdout).not.toMatch(/YAML syntax|indent/i);
  });
});

/** The one flow folder (a link) in an output folder; the hidden one beside it holds the files. */
function readdirOne(dir: string): string {
  return readdirSync(dir).filter((name) => !name.startsWith('.'))[0]!;
}
