import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalStyle } from '../../src/cli/style.js';
import type { CliIo } from '../../src/cli/io.js';
import { BIN, ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** Fills the example flows' placeholders: the CXone target needs every one. */
const EXAMPLE_ENV = ['--env', join(ROOT, 'flows/environments/example.yaml')];

/** The habits ESLint and Spectral users bring: file expansion, quiet, stdin, config discovery, colour. */
const EXAMPLE = 'flows/identity-promotion.yaml';

/** A repository with two flows under flows/ (one with scenarios), generated Archy YAML and a YAML file that is not ivrflow's. */
function repository(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'flows/team'), { recursive: true });
  copyFileSync(join(ROOT, EXAMPLE), join(dir, 'flows/identity-promotion.yaml'));
  copyFileSync(join(ROOT, 'flows/identity-promotion.test.yaml'), join(dir, 'flows/identity-promotion.test.yaml'));
  copyFileSync(join(ROOT, 'flows/pin-with-summary.yaml'), join(dir, 'flows/team/pin-with-summary.yaml'));
  writeFileSync(join(dir, 'flows/team/other-tool.yaml'), 'kind: something-else\n');
  mkdirSync(join(dir, 'flows/node_modules/x'), { recursive: true });
  writeFileSync(join(dir, 'flows/node_modules/x/ignored.yaml'), 'ivrflow: 1\n');
  return dir;
}

const checked = (stdout: string) => /✔ (\d+) files? checked/.exec(stdout)?.[1];

describe('file arguments', () => {
  it('a folder is every ivrflow YAML file below it, never node_modules or another tool’s YAML', async () => {
    const dir = repository();
    const result = await ivrflow(['validate', 'flows'], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(checked(result.stdout)).toBe('3');
  });

  it('expands a quoted glob itself, and --ignore-pattern leaves files out', async () => {
    const dir = repository();
    expect(checked((await ivrflow(['validate', 'flows/*.yaml'], { cwd: dir })).stdout)).toBe('2');
    // What a glob matches is named as explicitly as by the shell: another tool's YAML is reported, not skipped.
    const everything = await ivrflow(['validate', 'flows/**/*.yaml'], { cwd: dir });
    expect(everything.exitCode).toBe(1);
    expect(everything.stdout).toMatch(/^flows\/team\/other-tool\.yaml:1:1 error/m);
    expect(everything.stdout).not.toContain('ignored.yaml');
    const ignored = await ivrflow(['validate', 'flows', '--ignore-pattern', 'flows/team/**'], { cwd: dir });
    expect(checked(ignored.stdout)).toBe('2');
    const none = await ivrflow(['validate', 'flows/*.json'], { cwd: dir });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('No files match the pattern flows/*.json');
  });

  it('generate and test take folders too', async () => {
    const dir = repository();
    const generated = await ivrflow(['generate', 'flows', '--out', 'out', '--ignore-pattern', '**/team/**', ...EXAMPLE_ENV], { cwd: dir });
    expect(generated.exitCode).toBe(0);
    expect(generated.stderr).toContain('wrote out/identity-promotion/');
    expect(generated.stderr).not.toContain('skipped');
    const tested = await ivrflow(['test', 'flows', '--ignore-pattern', '**/team/**', '--engines', 'spec'], { cwd: dir });
    expect(tested.exitCode).toBe(0);
    expect(tested.stdout).toContain('18 scenarios in 1 flow: 18 passed, 0 failed');
  });

  it('reads a spec from standard input, reported under --stdin-filename', async () => {
    const bad = readRepoFile(EXAMPLE).replace('next: verifyOtp', 'next: verifyOpt');
    const run = (args: string[]) => execa('node', [BIN, ...args], { input: bad, reject: false, env: { NO_COLOR: '1' } });
    const named = await run(['validate', '-', '--stdin-filename', 'flows/mine.yaml']);
    expect(named.exitCode).toBe(1);
    expect(named.stdout).toMatch(/^flows\/mine\.yaml:\d+:11 error ref\/unknown-step/m);
    expect((await run(['validate', '-'])).stdout).toMatch(/^<stdin>:\d+:11 error/m);
  });
});

describe('reports', () => {
  it('--quiet prints errors only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'warn.yaml'), readRepoFile('test/cases/warning-retry-never-repeats/spec.yaml'));
    const loud = await ivrflow(['validate', 'warn.yaml'], { cwd: dir });
    expect(loud.stdout).toContain(' warning ');
    const quiet = await ivrflow(['validate', 'warn.yaml', '--quiet'], { cwd: dir });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).not.toContain(' warning ');
  });

  it('notes are one line each, in full with --verbose', async () => {
    const out = tempDir();
    // Genesys only: with every placeholder filled it has notes and no warnings, which would show in full.
    const brief = await ivrflow(['generate', EXAMPLE, '--out', out, '--target', 'genesys', ...EXAMPLE_ENV]);
    const notes = brief.stdout.split('\n').filter((line) => line.includes(' info '));
    expect(notes.length).toBeGreaterThan(0);
    expect(brief.stdout).not.toContain(' | ');
    expect(brief.stdout).toContain('(+2 more places)');
    const verbose = await ivrflow(['generate', EXAMPLE, '--out', out, '--verbose', '--target', 'genesys', ...EXAMPLE_ENV]);
    expect(verbose.stdout).toContain(' | ');
    expect(verbose.stdout).toContain('the same here');
  });

  it('validate --target checks only that vendor’s limits', async () => {
    const dir = tempDir();
    // 70 s: over the Genesys data action cap (60 s), within CXone's (90 s).
    writeFileSync(join(dir, 'slow.yaml'), readRepoFile(EXAMPLE).replace(/^ {4}timeoutSeconds: 15$/m, '    timeoutSeconds: 70'));
    const both = await ivrflow(['validate', 'slow.yaml'], { cwd: dir });
    expect(both.exitCode).toBe(1);
    const cxone = await ivrflow(['validate', 'slow.yaml', '--target', 'cxone'], { cwd: dir });
    expect(cxone.exitCode, cxone.stdout).toBe(0);
  });
});

describe('--env with --target', () => {
  it('requires only the placeholders the chosen targets read', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, EXAMPLE), join(dir, 'flow.yaml'));
    writeFileSync(
      join(dir, 'cxone.env.yaml'),
      'identity_base_url: https://id.example.com\nplatinum_skill: Platinum\ngeneral_skill: General\n',
    );
    const cxone = await ivrflow(['validate', 'flow.yaml', '--env', 'cxone.env.yaml', '--target', 'cxone'], { cwd: dir });
    expect(cxone.exitCode, cxone.stdout).toBe(0);
    const both = await ivrflow(['validate', 'flow.yaml', '--env', 'cxone.env.yaml'], { cwd: dir });
    expect(both.exitCode).toBe(1);
    expect(both.stdout).toContain('env/missing-value  The environment file has no value for `{{platinum_queue}}`.');
    const out = tempDir();
    const generated = await ivrflow(['generate', 'flow.yaml', '--env', 'cxone.env.yaml', '--target', 'cxone', '--out', out], { cwd: dir });
    expect(generated.exitCode, generated.stdout).toBe(0);
  });
});

describe('configuration', () => {
  it('is found in a folder above, up to the repository root; --config wins', async () => {
    const dir = repository();
    writeFileSync(join(dir, 'ivrflow.config.yaml'), 'rules:\n  authenticated-priority: off\n  nonsense-rule: error\n');
    const below = await ivrflow(['validate', 'identity-promotion.yaml'], { cwd: join(dir, 'flows') });
    expect(below.exitCode).toBe(2);
    expect(below.stderr).toContain('../ivrflow.config.yaml');
    writeFileSync(join(dir, 'flows/good.config.yaml'), 'rules:\n  authenticated-priority: off\n');
    const explicit = await ivrflow(['validate', 'identity-promotion.yaml', '--config', 'good.config.yaml'], { cwd: join(dir, 'flows') });
    expect(explicit.exitCode).toBe(0);
  });

  it('stops at the repository root', async () => {
    const outer = tempDir();
    writeFileSync(join(outer, 'ivrflow.config.yaml'), 'rules:\n  nonsense-rule: error\n');
    const inner = join(outer, 'repo');
    mkdirSync(join(inner, '.git'), { recursive: true });
    copyFileSync(join(ROOT, EXAMPLE), join(inner, 'flow.yaml'));
    expect((await ivrflow(['validate', 'flow.yaml'], { cwd: inner })).exitCode).toBe(0);
  });
});

describe('colour', () => {
  const io = (env: Record<string, string>, isTty: boolean, color?: boolean): CliIo => ({
    stdout: () => undefined,
    stderr: () => undefined,
    cwd: ROOT,
    env,
    isTty,
    readStdin: () => Promise.resolve(new Uint8Array()),
    ...(color === undefined ? {} : { color }),
  });
  const colours = async (value: CliIo) => (await terminalStyle(value)).error('x') !== 'x';

  it('follows no-color.org: a non-empty NO_COLOR disables it, an empty one does not', async () => {
    expect(await colours(io({}, true))).toBe(true);
    expect(await colours(io({ NO_COLOR: '1' }, true))).toBe(false);
    expect(await colours(io({ NO_COLOR: '' }, true))).toBe(true);
    expect(await colours(io({}, false))).toBe(false);
  });

  it('--color and --no-color win over the terminal and the environment', async () => {
    expect(await colours(io({ NO_COLOR: '1' }, false, true))).toBe(true);
    expect(await colours(io({ FORCE_COLOR: '1' }, true, false))).toBe(false);
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readRepoFile(EXAMPLE).replace('next: verifyOtp', 'next: verifyOpt'));
    expect((await ivrflow(['validate', 'bad.yaml', '--color'], { cwd: dir })).stdout).toContain('\u001b[');
    expect((await ivrflow(['--no-color', 'validate', 'bad.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).not.toContain(
      '\u001b[',
    );
  });
});

describe('ivrflow init', () => {
  it('writes the starter files into a new folder, where validate, generate --check and test then pass', async () => {
    const dir = tempDir();
    const init = await ivrflow(['init', 'team-flows'], { cwd: dir });
    expect(init.exitCode).toBe(0);
    const root = join(dir, 'team-flows');
    // Outside a node_modules install the modeline names the schema of this version on GitHub.
    expect(readFileSync(join(root, 'flows/identity-promotion.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/raw\.githubusercontent\.com\/ivrflow\/ivrflow\/v[\d.]+\/schemas\/ivrflow\.schema\.json$/m,
    );
    expect((await ivrflow(['validate', 'flows', '--env', 'ivrflow.env.example.yaml'], { cwd: root })).exitCode).toBe(0);
    expect((await ivrflow(['generate', 'flows', '--out', 'generated', '--env', 'ivrflow.env.example.yaml'], { cwd: root })).exitCode).toBe(
      0,
    );
    expect(
      (await ivrflow(['generate', 'flows', '--out', 'generated', '--env', 'ivrflow.env.example.yaml', '--check'], { cwd: root })).exitCode,
    ).toBe(0);
    expect((await ivrflow(['test', 'flows', '--engines', 'spec'], { cwd: root })).exitCode).toBe(0);
  });

  it('never overwrites, and a path through a file is a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ivrflow.config.yaml'), 'rules: {}\n');
    const init = await ivrflow(['init'], { cwd: dir });
    expect(init.stderr).toContain('kept  ivrflow.config.yaml');
    expect(readFileSync(join(dir, 'ivrflow.config.yaml'), 'utf8')).toBe('rules: {}\n');
    writeFileSync(join(dir, 'blocked'), 'a file\n');
    const blocked = await ivrflow(['init', 'blocked'], { cwd: dir });
    expect(blocked.exitCode).toBe(2);
    expect(blocked.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
