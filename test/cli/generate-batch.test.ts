import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCommand, type GenerateOptions } from '../../src/cli/commands/generate.js';
import type { CliIo } from '../../src/cli/io.js';
import { BatchProgress } from '../../src/cli/progress.js';
import { validateCommand, type ValidateOptions } from '../../src/cli/commands/validate.js';
import { tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

const EXAMPLE = readRepoFile('flows/identity-promotion.yaml');
const named = (name: string) => EXAMPLE.replace('name: Identity Promotion', `name: ${name}`);

/** A CLI's io in `cwd`; `clockStep` makes its clock advance that many milliseconds at each reading. */
function fakeIo(cwd: string, stderrIsTty = false, clockStep?: number) {
  const out = { stdout: '', stderr: '' };
  let time = 0;
  const io: CliIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    cwd,
    env: {},
    isTty: false,
    stderrIsTty,
    readStdin: () => Promise.resolve(new Uint8Array()),
    ...(clockStep === undefined ? {} : { now: () => (time += clockStep) }),
  };
  return { io, out };
}

const OPTIONS: GenerateOptions = {
  ignorePatterns: [],
  out: 'out',
  targets: ['genesys', 'cxone'],
  env: join(ROOT, 'flows/environments/example.yaml'),
  check: false,
  format: 'stylish',
  toolVersion: '0.0.0-test',
  quiet: false,
  verbose: false,
};

/** A folder of specs, written in the order given (file names sort in that order). */
function specsFolder(texts: readonly string[]): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'flows'));
  texts.forEach((text, index) => writeFileSync(join(dir, 'flows', `flow-${index}.yaml`), text));
  return dir;
}

describe('generate, one flow at a time', () => {
  it('writes each flow before it compiles the next: a clash on the second leaves the first written, and the report printed', async () => {
    const dir = specsFolder([named('Alpha'), named('Beta'), named('Alpha')]);
    const { io, out } = fakeIo(dir);
    await expect(generateCommand(['flows'], OPTIONS, io)).rejects.toThrow(/both generate into `alpha\/`/);
    expect(JSON.parse(readFileSync(join(dir, 'out/alpha/manifest.json'), 'utf8'))).toMatchObject({
      generator: { name: 'ivrflow', version: '0.0.0-test' },
    });
    expect(existsSync(join(dir, 'out/beta/manifest.json'))).toBe(true);
    expect(out.stderr).toMatch(/wrote out\/alpha\/ .* from flows\/flow-0\.yaml\nwrote out\/beta\//);
    expect(out.stdout).toMatch(/flow-0\.yaml/); // the notes of the flows compiled so far
  });

  it('writes every flow of a batch, and shows no progress line when stderr is not a terminal', async () => {
    const dir = specsFolder([named('One'), named('Two'), named('Three')]);
    const { io, out } = fakeIo(dir);
    expect(await generateCommand(['flows'], OPTIONS, io)).toBe(0);
    for (const slug of ['one', 'two', 'three']) expect(existsSync(join(dir, 'out', slug, 'manifest.json'))).toBe(true);
    expect(out.stderr).not.toContain('\r');
  });

  it("--quiet reports the errors of a batch with their code frames and leaves out the other flows' warnings and notes", async () => {
    const broken = named('Two').replace('    next: authenticate\n', '    next: nowhere\n');
    expect(broken).not.toBe(named('Two'));
    const dir = specsFolder([named('One'), broken]);
    const { io, out } = fakeIo(dir);
    expect(await generateCommand(['flows'], { ...OPTIONS, quiet: true }, io)).toBe(1);
    expect(out.stdout).toContain('flows/flow-1.yaml');
    expect(out.stdout).toContain('nowhere');
    expect(out.stdout).toMatch(/\| +next: nowhere/);
    expect(out.stdout).not.toContain('flow-0.yaml');
    expect(out.stdout).not.toMatch(/ warning |credential-in-script/);
  });

  it('leaves one version folder per flow when a second run changes a flow and keeps another (no listing of --out per flow)', async () => {
    const dir = specsFolder([named('One'), named('Two')]);
    expect(await generateCommand(['flows'], OPTIONS, fakeIo(dir).io)).toBe(0);
    const before = readdirSync(join(dir, 'out')).filter((entry) => entry.startsWith('.'));
    writeFileSync(join(dir, 'flows/flow-0.yaml'), named('One').replace('Welcome to Example Bank.', 'Welcome back.'));
    expect(await generateCommand(['flows'], OPTIONS, fakeIo(dir).io)).toBe(0);
    const after = readdirSync(join(dir, 'out')).filter((entry) => entry.startsWith('.'));
    expect(after).toHaveLength(2);
    expect(after.find((entry) => entry.startsWith('.two.'))).toBe(before.find((entry) => entry.startsWith('.two.')));
    expect(after.find((entry) => entry.startsWith('.one.'))).not.toBe(before.find((entry) => entry.startsWith('.one.')));
  });
});

describe('the progress line of a long batch', () => {
  const VALIDATE: ValidateOptions = {
    ignorePatterns: [],
    format: 'stylish',
    toolVersion: '0.0.0-test',
    quiet: false,
    verbose: false,
  };

  it('is drawn by generate and validate on a terminal once the batch is slow, and cleared before the report', async () => {
    const dir = specsFolder([named('One'), named('Two'), named('Three')]);
    // A clock that moves a second at each reading: the batch is past the quiet two seconds at once.
    const generated = fakeIo(dir, true, 1000);
    expect(await generateCommand(['flows'], OPTIONS, generated.io)).toBe(0);
    expect(generated.out.stderr).toContain('\r\u001b[Kgenerating 1/3 files (33%)');
    const validated = fakeIo(dir, true, 1000);
    expect(await validateCommand(['flows'], VALIDATE, validated.io)).toBe(0);
    expect(validated.out.stderr).toContain('\r\u001b[Kchecking 2/3 files (66%)');
    expect(validated.out.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(validated.out.stdout).toContain('3 files checked');
  });

  it('is not drawn by validate when stderr is not a terminal, however slow the batch', async () => {
    const dir = specsFolder([named('One'), named('Two'), named('Three')]);
    const { io, out } = fakeIo(dir, false, 1000);
    expect(await validateCommand(['flows'], VALIDATE, io)).toBe(0);
    expect(out.stderr).toBe('');
  });

  function progressAt(enabled: boolean) {
    let now = 0;
    let written = '';
    const progress = new BatchProgress(
      (text) => (written += text),
      10,
      enabled,
      () => now,
    );
    return { progress, advance: (ms: number) => (now += ms), written: () => written };
  }

  it('stays silent for the first two seconds, then redraws one line in place at most five times a second', () => {
    const { progress, advance, written } = progressAt(true);
    progress.update(1, 'generating');
    advance(1999);
    progress.update(2, 'generating');
    expect(written()).toBe('');
    advance(1);
    progress.update(3, 'generating');
    expect(written()).toBe('\r\u001b[Kgenerating 3/10 files (30%)');
    advance(100);
    progress.update(4, 'generating');
    expect(written()).not.toContain('4/10');
    advance(100);
    progress.update(5, 'generating');
    expect(written()).toMatch(/\r\u001b\[Kgenerating 5\/10 files \(50%\)$/);
  });

  it('clears itself before another stderr line and at the end, and writes nothing at all when stderr is no terminal', () => {
    const shown = progressAt(true);
    shown.advance(5000);
    shown.progress.update(7, 'checking');
    shown.progress.say('wrote out/a/\n');
    shown.progress.clear();
    expect(shown.written()).toBe('\r\u001b[Kchecking 7/10 files (70%)\r\u001b[Kwrote out/a/\n');
    const hidden = progressAt(false);
    hidden.advance(5000);
    hidden.progress.update(7, 'checking');
    hidden.progress.say('wrote out/a/\n');
    hidden.progress.clear();
    expect(hidden.written()).toBe('wrote out/a/\n');
  });
});
