import { execa } from 'execa';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/** Every folder and file under `dir`, with its permission bits. */
function modes(dir: string): { path: string; directory: boolean; mode: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((path) => {
    const info = statSync(join(dir, path));
    return { path, directory: info.isDirectory(), mode: info.mode & 0o777 };
  });
}

/** `ivrflow generate` under a given umask, set by the shell as a CI step would. */
async function generateWithUmask(umask: string, out: string) {
  const command = `umask ${umask} && exec node "$0" generate flows/identity-promotion.yaml --env flows/environments/example.yaml --out "$1"`;
  return execa('sh', ['-c', command, BIN, out], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
}

describe('output files and folders follow the process umask', () => {
  it.each([
    ['022', 0o755, 0o644],
    ['027', 0o750, 0o640],
  ])('umask %s', async (umask, folderMode, fileMode) => {
    const out = join(tempDir(), 'out');
    const result = await generateWithUmask(umask, out);
    expect(result.exitCode).toBe(0);
    const entries = modes(out);
    expect(entries.filter((entry) => entry.directory).length).toBeGreaterThan(1);
    for (const entry of entries)
      expect([entry.path, entry.mode.toString(8)]).toEqual([entry.path, (entry.directory ? folderMode : fileMode).toString(8)]);
    expect(statSync(out).mode & 0o777).toBe(folderMode);
  });
});

// Node's `mkdir(..., { recursive: true })` never settles for a path under /proc; every command that
// creates folders must fail there with exit 2 instead of hanging.
describe('a folder that cannot be created is an I/O error, never a hang', () => {
  it.each([
    [['init', '/proc/ivrflow-init']],
    [['generate', 'flows/identity-promotion.yaml', '--env', 'flows/environments/example.yaml', '--out', '/proc/ivrflow-out']],
    [['openapi', 'flows/identity-promotion.yaml', '--out', '/proc/ivrflow-api/openapi.json']],
  ])('%j', async (args) => {
    const result = await execa('node', [BIN, ...args], { cwd: ROOT, reject: false, timeout: 20_000, env: { NO_COLOR: '1' } });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/ENOENT/);
  });
});
