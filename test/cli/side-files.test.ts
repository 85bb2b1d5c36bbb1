import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { SIDE_FILE_LIMITS } from '../../src/cli/side-file.js';
import { ROOT } from '../helpers/fixtures.js';
import { ivrflow, tempDir } from '../helpers/cli.js';

const SPEC = join(ROOT, 'flows/identity-promotion.yaml');

/** `validate` with the option; `generate` for the catalog, which only it reads. */
async function validateWith(option: string, file: string, cwd = tempDir()): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (text) => err.push(text),
    cwd,
    env: {},
    isTty: false,
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
  const command = option === '--cxone-catalog' ? ['generate', SPEC, '-o', join(cwd, 'out')] : ['validate', SPEC];
  const code = await run([...command, option, file], io);
  return { code, stderr: err.join('') };
}

function write(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe('side files (environment, configuration, CXone catalog) are bounded', () => {
  it('refuses /dev/urandom as an environment file at once, from the built CLI (it ran 40 s and took 1.16 GB)', async () => {
    const result = await ivrflow(['validate', 'flows/identity-promotion.yaml', '--env', '/dev/urandom']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Cannot read the environment file /dev/urandom (it is not a regular file).');
  });

  it.each([
    ['--env', 'environment file'],
    ['--config', 'configuration'],
    ['--cxone-catalog', 'CXone catalog'],
  ])('%s: refuses a device, a FIFO and a directory', async (option, kind) => {
    expect(await validateWith(option, '/dev/zero')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${kind} /dev/zero (it is not a regular file)`),
    });
    const fifo = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect((await validateWith(option, fifo)).stderr).toContain('(it is not a regular file)');
    expect((await validateWith(option, tempDir())).stderr).toContain('(it is a directory)');
  });

  it.each([
    ['--env', 'environment file', 'key: value\n'],
    ['--config', 'configuration', '# comment\n'],
    ['--cxone-catalog', 'CXone catalog', ' '],
  ] as const)('%s: refuses a file over its limit before reading it', async (option, kind, line) => {
    const limit = SIDE_FILE_LIMITS[kind];
    const file = write('big', line.repeat(Math.ceil((limit + 1) / line.length)));
    const result = await validateWith(option, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${kind} .*big \\(it is \\d+ bytes; at most ${limit} are read\\)`));
  });

  it('refuses binary content', async () => {
    expect((await validateWith('--env', write('env.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a])))).stderr).toContain(
      'not UTF-8 text',
    );
  });

  it('reads the environment file through the YAML gates, with each problem at its line and column', async () => {
    const file = write('env.yaml', 'ok: value\nsecret_middlewareToken: abc\nbad key: x\nlist: [1]\nname: !!python/object x\n');
    const result = await validateWith('--env', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:5:7: Unknown YAML tag`);
    const shape = await validateWith('--env', write('env.yaml', 'ok: value\nsecret_middlewareToken: abc\nbad key: x\nlist: [1]\nok2: 1\n'));
    expect(shape.stderr).toMatch(/env\.yaml:2:1: `secret_middlewareToken` is a reserved placeholder/);
    expect(shape.stderr).toMatch(/env\.yaml:3:1: `bad key` cannot be a placeholder key/);
    expect(shape.stderr).toMatch(/env\.yaml:4:1: `list` must have a single value/);
    const control = await validateWith('--env', write('env.yaml', 'base_url: "https://x.example\\u0000/"\nname: "a\\nb"\n'));
    expect(control.stderr).toMatch(/env\.yaml:1:1: The value of `base_url` holds a control character/);
    expect(control.stderr).toMatch(/env\.yaml:2:1: The value of `name` holds a control character/);
    const list = await validateWith('--env', write('env.yaml', '- a\n- b\n'));
    expect(list.stderr).toMatch(/env\.yaml:1:1: An environment file must be a YAML mapping/);
  });

  it('refuses an environment file with more keys than a deployment has, and lists at most 20 problems', async () => {
    const many = Array.from({ length: 10_001 }, (_, index) => `k${index}: v`).join('\n');
    // The loader's limit on any mapping (src/flowspec/limits.ts) bounds an environment file too, at the first key past it.
    expect((await validateWith('--env', write('env.yaml', many))).stderr).toContain(
      'env.yaml:1001:1: This is item 1001 of 10001: one mapping of an environment file holds at most 1000 keys.',
    );
    const bad = Array.from({ length: 50 }, (_, index) => `k${index}: [x]`).join('\n');
    const result = await validateWith('--env', write('env.yaml', bad));
    expect(result.stderr.split('\n').filter((line) => line.includes('must have a single value'))).toHaveLength(20);
    expect(result.stderr).toContain('… and 30 more');
  });

  it('still reads an empty environment file as no values, and a good one', async () => {
    // Exit 1, not 2: the file is read, and the spec's placeholders it lacks are the spec's findings.
    const empty = await validateWith('--env', write('env.yaml', '# nothing yet\n'));
    expect(empty).toMatchObject({ code: 1, stderr: '' });
    const good = await validateWith('--env', write('env.yaml', 'identity_base_url: https://id.example.com\n'));
    expect(good).toMatchObject({ code: 1, stderr: '' });
  });
});
