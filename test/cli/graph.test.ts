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

  it('a missing file is exit 2 and an unknown format a usage error', async () => {
    expect((await ivrflow(['graph', 'missing.yaml'], { cwd: tempDir() })).exitCode).toBe(2);
    const unknown = await ivrflow(['graph', spec, '--format', 'svg']);
    expect(unknown.exitCode).toBe(2);
    expect(existsSync(join(ROOT, 'svg'))).toBe(false);
  });
});
