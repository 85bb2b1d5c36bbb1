import { execa } from 'execa';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * bin/ivrflow.js runs the bundle through a V8 code cache in the user's cache folder
 * (src/cli/bundle-loader.ts). The cache may only make start-up faster: every run below must print
 * the same thing and exit the same way, whatever state the cache is in.
 */
async function run(cacheHome: string, args: readonly string[]) {
  const result = await execa('node', [BIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1', XDG_CACHE_HOME: cacheHome } });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (cacheHome: string) => readdirSync(join(cacheHome, 'ivrflow')).filter((name) => name.endsWith('.bin'));

describe('the code cache', { timeout: 120_000 }, () => {
  it('is written on the first run, read on the next, and ignored and rewritten when corrupt, with the same output each time', async () => {
    const cacheHome = tempDir();
    const args = ['validate', 'flows/identity-promotion.yaml', 'test/cases/_error_/schema-invalid-pattern/spec.yaml'];
    const first = await run(cacheHome, args);
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toContain('schema-invalid-pattern');
    const [file] = cacheFiles(cacheHome);
    expect(file).toMatch(/^v8-\d+\.\d+\.\d+.*-[0-9a-f]{32}\.bin$/);
    const path = join(cacheHome, 'ivrflow', file!);
    const written = statSync(path).mtimeMs;

    expect(await run(cacheHome, args)).toEqual(first);
    // An accepted cache is not written again.
    expect(statSync(path).mtimeMs).toBe(written);

    writeFileSync(path, 'not a V8 code cache');
    expect(await run(cacheHome, args)).toEqual(first);
    expect(readFileSync(path, 'utf8')).not.toBe('not a V8 code cache');
    expect(cacheFiles(cacheHome)).toEqual([file]);
  });

  it('is skipped without a word when the cache folder cannot be created, and the output is the same', async () => {
    const cached = tempDir();
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    for (const args of [['validate', 'flows/identity-promotion.yaml'], ['rules'], ['validate', 'no-such-file.yaml'], ['--bogus-option']]) {
      const withCache = await run(cached, args);
      expect(await run(blocked, args), args.join(' ')).toEqual(withCache);
      expect(withCache.stderr).not.toMatch(/cache|EACCES|ENOTDIR/i);
    }
  });

  it('says how to build, with exit 2 and no stack trace, in a checkout that was never built', async () => {
    const checkout = tempDir();
    mkdirSync(join(checkout, 'bin'));
    for (const file of ['ivrflow.js', 'package.json']) copyFileSync(join(ROOT, 'bin', file), join(checkout, 'bin', file));
    const result = await execa('node', [join(checkout, 'bin/ivrflow.js'), 'validate', 'flow.yaml'], { cwd: checkout, reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('ivrflow: the CLI is not built (no dist/ivrflow.cjs); run `npm install` or `npm run build` in its folder.');
    expect(result.stdout).toBe('');
  });
});
