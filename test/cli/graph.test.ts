import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** `ivrflow graph` as a user runs it: the built CLI in a child process. */
describe('ivrflow graph', () => {
  const spec = join(ROOT, 'flows/identity-promotion.yaml');

  it('prints Mermaid by default and DOT with --format dot, exit 0', async () => {
    const mermaid = await ivrflow(['graph', spec]);
    expect(mermaid.exitCode).toBe(0);
    expect(`${mermaid.stdout}\n`).toBe(readRepoFile('test/graph/golden/identity-promotion.mmd')); // execa strips the final line break
    const dot = await ivrflow(['graph', spec, '--format', 'dot']);
    expect(dot.exitCode).toBe(0);
    expect(`${dot.stdout}\n`).toBe(readRepoFile('test/graph/golden/identity-promotion.dot'));
  });

  it('writes --out whole, printing nothing', async () => {
    const dir = tempDir();
    const result = await ivrflow(['graph', spec, '--out', 'flow.mmd'], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(dir, 'flow.mmd'), 'utf8')).toBe(readRepoFile('test/graph/golden/identity-promotion.mmd'));
  });

  it('a spec with errors prints its diagnostics with positions, exit 1, and writes no file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(spec, 'utf8').replace('next: authenticate', 'next: nowhere'));
    const result = await ivrflow(['graph', 'bad.yaml', '--out', 'flow.mmd'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('reads the rule levels from --config or the nearest ivrflow.config.yaml, as validate does', async () => {
    const dir = tempDir();
    // An 8 s timeout is an error of rule http-timeout by default; a team may lower it to a warning.
    writeFileSync(join(dir, 'spec.yaml'), readFileSync(spec, 'utf8').replace('timeoutSeconds: 15', 'timeoutSeconds: 8'));
    const refused = await ivrflow(['graph', 'spec.yaml'], { cwd: dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/spec\.yaml:\d+:\d+ error rule\/http-timeout/);
    writeFileSync(join(dir, 'team.yaml'), 'rules:\n  http-timeout: warning\n');
    const configured = await ivrflow(['graph', 'spec.yaml', '--config', 'team.yaml'], { cwd: dir });
    expect(configured.exitCode, configured.stderr).toBe(0);
    expect(configured.stderr).toMatch(/warning rule\/http-timeout/);
    expect(configured.stdout).toMatch(/^flowchart TD/);
    writeFileSync(join(dir, 'ivrflow.config.yaml'), 'rules:\n  http-timeout: warning\n');
    expect((await ivrflow(['graph', 'spec.yaml'], { cwd: dir })).exitCode).toBe(0);
    writeFileSync(join(dir, 'bad.config.yaml'), 'rules:\n  http-timeout: loud\n');
    const bad = await ivrflow(['graph', 'spec.yaml', '--config', 'bad.config.yaml'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout).toBe('');
  });

  it('a missing file is exit 2 and an unknown format a usage error', async () => {
    expect((await ivrflow(['graph', 'missing.yaml'], { cwd: tempDir() })).exitCode).toBe(2);
    const unknown = await ivrflow(['graph', spec, '--format', 'svg']);
    expect(unknown.exitCode).toBe(2);
    expect(existsSync(join(ROOT, 'svg'))).toBe(false);
  });
});
