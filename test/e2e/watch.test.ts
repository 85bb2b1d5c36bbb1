import { execa, type ResultPromise } from 'execa';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/**
 * `--watch` as a user runs it: the built CLI on a temporary folder, files edited as editors save
 * them, the output read as it comes, then Ctrl-C (SIGINT). Every wait is for a line of output, with
 * a generous bound that only turns a hang into a failure; nothing here measures speed.
 */
const BOUND_MS = 60_000;

interface Watching {
  child: ResultPromise;
  /** stdout and stderr as they arrived. */
  output: () => string;
  /** Resolves when `count` status lines (one per run) have been printed; returns the output since `from`. */
  runs: (count: number, from?: number) => Promise<string>;
}

let running: ResultPromise | undefined;
afterEach(() => {
  running?.kill('SIGKILL');
  running = undefined;
});

function startWatch(args: readonly string[], cwd: string): Watching {
  const child = execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' }, all: true, buffer: false });
  running = child;
  let text = '';
  const waiters: (() => void)[] = [];
  child.all.setEncoding('utf8');
  child.all.on('data', (chunk: string) => {
    text += chunk;
    for (const waiter of waiters.splice(0)) waiter();
  });
  const statusLines = () => text.split('\n').filter((line) => /Watching .* Ctrl-C stops\.$/.test(line)).length;
  const runs = (count: number, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no run ${count} within the bound; output so far:\n${text}`)), BOUND_MS);
      const check = () => {
        if (statusLines() >= count) {
          clearTimeout(timer);
          resolve(text.slice(from));
        } else waiters.push(check);
      };
      check();
    });
  return { child, output: () => text, runs };
}

/** Ctrl-C, and the exit code it ended with. */
async function stop(watching: Watching): Promise<{ exitCode: number | undefined; output: string }> {
  watching.child.kill('SIGINT');
  const result = await watching.child;
  running = undefined;
  return { exitCode: result.exitCode, output: watching.output() };
}

/** How vim and JetBrains save: write a new file beside it, rename it over the old one. */
function saveByRename(path: string, text: string): void {
  writeFileSync(`${path}.swp~`, text);
  renameSync(`${path}.swp~`, path);
}

function flowFolder(): string {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'flow.yaml'));
  copyFileSync(join(ROOT, 'flows/identity-promotion.test.yaml'), join(dir, 'flow.test.yaml'));
  copyFileSync(join(ROOT, 'flows/environments/example.yaml'), join(dir, 'env.yaml'));
  return dir;
}

/** Every file of the flow's output folder with its contents. */
function outputFiles(dir: string): Map<string, string> {
  const root = join(dir, 'gen', 'identity-promotion');
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => [
      join(entry.parentPath, entry.name).slice(root.length + 1),
      readFileSync(join(entry.parentPath, entry.name), 'utf8'),
    ]),
  );
}

describe('ivrflow generate --watch', () => {
  it(
    'prints what changed on each save, keeps the last good output, survives a deleted spec, and exits 0 on Ctrl-C',
    { timeout: 5 * BOUND_MS },
    async () => {
      const dir = flowFolder();
      const spec = join(dir, 'flow.yaml');
      const original = readFileSync(spec, 'utf8');
      const watching = startWatch(['generate', 'flow.yaml', '--out', 'gen', '--env', 'env.yaml', '--watch'], dir);

      const first = await watching.runs(1);
      expect(first).toContain('wrote   gen/identity-promotion/genesys/inbound-call.yaml');
      expect(first).toContain('wrote   gen/identity-promotion/manifest.json');
      expect(first).toMatch(/generate: 1 spec, 0 errors, 1 warning\. Watching 4 files for changes/);
      const good = outputFiles(dir);

      // An invalid moment: the error is printed, and the last good output stays whole.
      let mark = watching.output().length;
      saveByRename(spec, original.replace('timeoutSeconds: 15', 'timeoutSeconds: 5'));
      const invalid = await watching.runs(2, mark);
      expect(invalid).toMatch(/\+ flow\.yaml:\d+:\d+ error Endpoint `verifyIdentity` waits 5 s.* rule\/http-timeout/);
      expect(invalid).not.toContain('wrote');
      expect(outputFiles(dir)).toEqual(good);

      // Fixed with a changed prompt: the error is gone, and only the files that changed are named.
      mark = watching.output().length;
      saveByRename(spec, original.replace('Welcome', 'Hello and welcome'));
      const fixed = await watching.runs(3, mark);
      expect(fixed).toMatch(/- flow\.yaml:\d+:\d+ error Endpoint `verifyIdentity` waits 5 s.*\(gone\)/);
      expect(fixed).toContain('rewrote gen/identity-promotion/manifest.json');
      expect(fixed).not.toContain('gen/identity-promotion/genesys/data-actions/verifyIdentity.json');
      expect(readFileSync(join(dir, 'gen/identity-promotion/manifest.json'), 'utf8')).not.toEqual(good.get('manifest.json'));

      // Deleted: reported, still watching; back: regenerated.
      mark = watching.output().length;
      rmSync(spec);
      expect(await watching.runs(4, mark)).toMatch(/\+ flow\.yaml error .* io\/not-found/);
      mark = watching.output().length;
      writeFileSync(spec, original);
      const back = await watching.runs(5, mark);
      expect(back).toMatch(/- flow\.yaml error .* io\/not-found \(gone\)/);
      expect(outputFiles(dir)).toEqual(good);

      // A change of the environment file regenerates too.
      mark = watching.output().length;
      writeFileSync(join(dir, 'env.yaml'), readFileSync(join(dir, 'env.yaml'), 'utf8').replace('https://', 'https://staging.'));
      expect(await watching.runs(6, mark)).toContain('rewrote gen/identity-promotion/genesys/data-actions/verifyIdentity.json');

      const stopped = await stop(watching);
      expect(stopped.output).toContain('ivrflow: stopped watching');
      expect(stopped.exitCode).toBe(0);
      expect(readdirSync(join(dir, 'gen')).filter((entry) => entry.includes('.tmp-'))).toEqual([]);
    },
  );

  it('refuses --check, --output-file and machine formats with --watch (exit 2)', async () => {
    for (const extra of [['--check'], ['--output-file', 'report.json'], ['-f', 'json']]) {
      const result = await ivrflow(['generate', 'flows/identity-promotion.yaml', '--out', tempDir(), '--watch', ...extra]);
      expect(result.stderr).toMatch(/--watch/);
      expect(result.exitCode).toBe(2);
    }
  });
});

describe('ivrflow test --watch', () => {
  it(
    'prints the scenarios whose result changed, on a scenario file or spec edit, and exits 0 on Ctrl-C',
    { timeout: 5 * BOUND_MS },
    async () => {
      const dir = flowFolder();
      const scenarios = join(dir, 'flow.test.yaml');
      const original = readFileSync(scenarios, 'utf8');
      const watching = startWatch(['test', 'flow.yaml', '--engines', 'spec', '--watch'], dir);

      const first = await watching.runs(1);
      expect(first).toMatch(/✓ passed platinum customer, right code first time flow\.test\.yaml:\d+/);
      const total = /test: (\d+) scenarios: \1 passed, 0 failed, 0 not run; 0 errors/.exec(first);
      expect(total).not.toBeNull();

      let mark = watching.output().length;
      saveByRename(scenarios, original.replace('route: { queue: platinum, priority: 50 }', 'route: { queue: general, priority: 50 }'));
      const broken = await watching.runs(2, mark);
      expect(broken).toMatch(/✗ failed platinum customer, right code first time/);
      expect(broken).not.toContain('standard customer, right code first time');
      expect(broken).toContain(`test: ${total![1]} scenarios: ${Number(total![1]) - 1} passed, 1 failed`);

      // A spec with a syntax error: reported; the scenarios keep their last results and are not reprinted.
      mark = watching.output().length;
      const spec = join(dir, 'flow.yaml');
      const specText = readFileSync(spec, 'utf8');
      saveByRename(spec, `${specText}\n  : [\n`);
      const invalid = await watching.runs(3, mark);
      expect(invalid).toMatch(/\+ flow\.yaml:\d+:\d+ error /);
      expect(invalid).toContain('✗ flow.test.yaml: not run, fix the errors above');
      expect(invalid).not.toContain('standard customer');

      // The spec fixed: its error goes; the scenarios' results are what they were, so none is reprinted.
      mark = watching.output().length;
      saveByRename(spec, specText);
      const specFixed = await watching.runs(4, mark);
      expect(specFixed).toMatch(/- flow\.yaml:\d+:\d+ error .*\(gone\)/);
      expect(specFixed).toContain('flow.test.yaml: not run, fix the errors above (gone)');
      expect(specFixed).not.toMatch(/✓|✗ failed/);

      mark = watching.output().length;
      saveByRename(scenarios, original);
      const fixed = await watching.runs(5, mark);
      expect(fixed).toMatch(/✓ passed platinum customer, right code first time/);
      expect(fixed).not.toContain('standard customer');

      const stopped = await stop(watching);
      expect(stopped.exitCode).toBe(0);
    },
  );
});

describe('--watch with include:', () => {
  it('runs again when a file the spec includes changes, though it is not beside the spec', { timeout: 3 * BOUND_MS }, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shared'));
    copyFileSync(join(ROOT, 'flows/claims-line.yaml'), join(dir, 'flow.yaml'));
    const shared = join(dir, 'shared/verify-otp.yaml');
    copyFileSync(join(ROOT, 'flows/shared/verify-otp.yaml'), shared);
    copyFileSync(join(ROOT, 'flows/environments/example.yaml'), join(dir, 'env.yaml'));
    const watching = startWatch(['generate', 'flow.yaml', '--out', 'gen', '--env', 'env.yaml', '--watch'], dir);
    expect(await watching.runs(1)).toContain('wrote   gen/claims-line/manifest.json');

    const mark = watching.output().length;
    saveByRename(shared, readFileSync(shared, 'utf8').replace('timeoutSeconds: 15', 'timeoutSeconds: 5'));
    expect(await watching.runs(2, mark)).toMatch(
      /\+ shared\/verify-otp\.yaml:\d+:21 error Endpoint `verifyIdentity` waits 5 s.* rule\/http-timeout/,
    );
    expect((await stop(watching)).exitCode).toBe(0);
  });
});
