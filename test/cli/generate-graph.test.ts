import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** `generate --graph`: the diagram of `ivrflow graph` as one more artifact of each flow, run as a user runs it. */
describe('ivrflow generate --graph', () => {
  const spec = join(ROOT, 'flows/identity-promotion.yaml');
  const env = ['--env', join(ROOT, 'flows/environments/example.yaml')];

  it('writes graph.mmd (Mermaid by default), the bytes `ivrflow graph` prints, listed in the manifest with kind graph', async () => {
    const dir = tempDir();
    const result = await ivrflow(['generate', spec, ...env, '--out', 'out', '--graph'], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const folder = join(dir, 'out/identity-promotion');
    const diagram = readFileSync(join(folder, 'graph.mmd'), 'utf8');
    expect(diagram).toBe(readRepoFile('test/graph/golden/identity-promotion.mmd'));
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { artifacts: { path: string }[] };
    expect(manifest.artifacts.find((artifact) => artifact.path === 'graph.mmd')).toEqual({
      path: 'graph.mmd',
      target: 'ivrflow',
      kind: 'graph',
      sha256: createHash('sha256').update(diagram).digest('hex'),
    });
  });

  it('writes graph.dot with --graph=dot in place of the Mermaid file, and --check compares it like the rest', async () => {
    const dir = tempDir();
    expect((await ivrflow(['generate', spec, ...env, '--out', 'out', '--graph'], { cwd: dir })).exitCode).toBe(0);
    expect((await ivrflow(['generate', spec, ...env, '--out', 'out', '--graph=dot'], { cwd: dir })).exitCode).toBe(0);
    const folder = join(dir, 'out/identity-promotion');
    expect(readFileSync(join(folder, 'graph.dot'), 'utf8')).toBe(readRepoFile('test/graph/golden/identity-promotion.dot'));
    expect(existsSync(join(folder, 'graph.mmd'))).toBe(false);
    expect((await ivrflow(['generate', spec, ...env, '--out', 'out', '--graph=dot', '--check'], { cwd: dir })).exitCode).toBe(0);
    const withoutGraph = await ivrflow(['generate', spec, ...env, '--out', 'out', '--check'], { cwd: dir });
    expect(withoutGraph.exitCode).toBe(1);
    expect(withoutGraph.stderr).toContain('extra    graph.dot');
  });

  it('writes nothing for a spec with errors, and refuses a diagram language it does not know (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(spec, 'utf8').replace('next: authenticate', 'next: nowhere'));
    const bad = await ivrflow(['generate', 'bad.yaml', '--out', 'out', '--graph'], { cwd: dir });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/bad\.yaml:\d+:\d+/);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
    const unknown = await ivrflow(['generate', spec, ...env, '--out', 'out', '--graph=svg'], { cwd: dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('mermaid, dot');
  });
});
