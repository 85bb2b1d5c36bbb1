import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/rules/index.js';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { readRepoFile } from '../helpers/fixtures.js';

/** The example flow with a 5 s timeout: one `rule/http-timeout` error. */
function projectWithShortTimeout(config?: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'flow.yaml'), readRepoFile('flows/identity-promotion.yaml').replace('timeoutSeconds: 15', 'timeoutSeconds: 5'));
  if (config !== undefined) writeFileSync(join(dir, 'ivrflow.config.yaml'), config);
  return dir;
}

describe('policy rules from the CLI', () => {
  it('lists every rule, as a table and as JSON', async () => {
    const table = await ivrflow(['rules']);
    expect(table.exitCode).toBe(0);
    for (const rule of RULES) expect(table.stdout).toContain(rule.id);
    const json = await ivrflow(['rules', '--format', 'json']);
    expect(JSON.parse(json.stdout).map((row: { id: string }) => row.id)).toEqual(RULES.map((rule) => rule.id));
  });

  it('describes every rule in SARIF, even for a clean spec', async () => {
    const clean = await ivrflow(['validate', '--format', 'sarif', 'flows/identity-promotion.yaml']);
    expect(clean.exitCode).toBe(0);
    const run = JSON.parse(clean.stdout).runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => `rule/${rule.id}`));
  });

  it('prints SARIF and GitHub annotations', async () => {
    const dir = projectWithShortTimeout();
    const sarif = await ivrflow(['validate', '--format', 'sarif', 'flow.yaml'], { cwd: dir });
    expect(sarif.exitCode).toBe(1);
    const result = JSON.parse(sarif.stdout).runs[0].results[0];
    expect(result).toMatchObject({
      ruleId: 'rule/http-timeout',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'flow.yaml' } } }],
    });
    const github = await ivrflow(['validate', '--format', 'github', 'flow.yaml'], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=flow\.yaml,line=\d+,col=21,.*title=rule\/http-timeout::/);
  });

  it('discovers ivrflow.config.yaml in the working directory, and takes --config', async () => {
    const discovered = await ivrflow(['validate', 'flow.yaml'], { cwd: projectWithShortTimeout('rules:\n  http-timeout: warning\n') });
    expect(discovered.exitCode).toBe(0);
    expect(discovered.stdout).toContain('warning rule/http-timeout');
    const dir = projectWithShortTimeout();
    writeFileSync(join(dir, 'strict.yaml'), 'rules:\n  http-timeout: off\n');
    const explicit = await ivrflow(['validate', '--config', 'strict.yaml', 'flow.yaml'], { cwd: dir });
    expect(explicit.exitCode).toBe(0);
    expect(explicit.stdout).not.toContain('http-timeout');
  });

  it('--max-warnings turns too many warnings into exit 1', async () => {
    const dir = projectWithShortTimeout('rules:\n  http-timeout: warning\n');
    expect((await ivrflow(['validate', '--max-warnings', '0', 'flow.yaml'], { cwd: dir })).exitCode).toBe(1);
    expect((await ivrflow(['validate', '--max-warnings', '1', '--format', 'sarif', 'flow.yaml'], { cwd: dir })).exitCode).toBe(0);
  });

  it('refuses a credential rule turned off without a reason (exit 2), and echoes it with one', async () => {
    const refused = await ivrflow(['validate', 'flow.yaml'], { cwd: projectWithShortTimeout('rules:\n  no-sensitive-leak: off\n') });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('ivrflow.config.yaml:2:3: Rule `no-sensitive-leak` protects credentials');
    expect(refused.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const dir = projectWithShortTimeout('rules:\n  no-sensitive-leak:\n    level: off\n    reason: Synthetic data only (SEC-1)\n');
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const echoed = await ivrflow(['validate', '--format', format, 'flow.yaml'], { cwd: dir });
      expect(echoed.stdout, format).toContain('Synthetic data only (SEC-1)');
    }
  });

  it('generate honours the configuration too', async () => {
    const dir = projectWithShortTimeout();
    expect((await ivrflow(['generate', 'flow.yaml', '--out', 'out'], { cwd: dir })).exitCode).toBe(1);
    writeFileSync(join(dir, 'ivrflow.config.yaml'), 'rules:\n  http-timeout: warning\n');
    const env = ['--env', join(process.cwd(), 'flows/environments/example.yaml')];
    expect((await ivrflow(['generate', 'flow.yaml', '--out', 'out', ...env], { cwd: dir })).exitCode).toBe(0);
  });

  it('a malformed configuration is a usage error with its position', async () => {
    const result = await ivrflow(['validate', 'flow.yaml'], { cwd: projectWithShortTimeout('rules:\n  http-timout: warning\n') });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('ivrflow.config.yaml:2:3: Unknown rule `http-timout`. Did you mean `http-timeout`?');
  });
});
