import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import type * as realFs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Artifact } from '../../src/targets/artifact.js';
import { BIN, tempDir } from '../helpers/cli.js';
import { readRepoFile, ROOT } from '../helpers/fixtures.js';

/**
 * Every file-system mutation write-output makes goes through this gate, so a test can stop the
 * writer at any step, as a `kill -9` would, and look at the folder at that instant. The writer is
 * synchronous, so a stopped step throws instead of hanging; from then on every mutation throws
 * without acting, so the writer's own clean-up cannot run either, as after a kill.
 */
const gate = vi.hoisted(() => ({ remaining: Infinity, frozen: false }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof realFs>();
  const stoppable =
    <A extends unknown[], R>(operation: (...args: A) => R) =>
    (...args: A): R => {
      if (gate.remaining <= 0) gate.frozen = true;
      if (gate.frozen) throw new Error('killed'); // this step, and every later one, never happens
      gate.remaining -= 1;
      return operation(...args);
    };
  return {
    ...actual,
    mkdirSync: stoppable(actual.mkdirSync),
    writeFileSync: stoppable(actual.writeFileSync),
    renameSync: stoppable(actual.renameSync),
    rmSync: stoppable(actual.rmSync),
    symlinkSync: stoppable(actual.symlinkSync),
  };
});

const { writeFlowOutput, removeKilledRunLeftovers } = await import('../../src/cli/write-output.js');

function artifacts(version: string): Artifact[] {
  return ['a.txt', 'genesys/flow.yaml', 'genesys/deep/x.json', 'manifest.json'].map((path) => ({
    path,
    contents: `${version}:${path}`,
    target: 'ir',
    kind: 'ir',
  })) as unknown as Artifact[];
}

/** The files under a folder (through the flow's link), path to contents; undefined when it is missing. */
function snapshot(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const files: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(at, entry.name), path);
      else files[path] = readFileSync(join(at, entry.name), 'utf8');
    }
  };
  walk(dir, '');
  return files;
}

const asFiles = (list: Artifact[]) => Object.fromEntries(list.map((artifact) => [artifact.path, artifact.contents]));

describe('replacing a flow folder', () => {
  afterEach(() => {
    gate.remaining = Infinity;
    gate.frozen = false;
  });

  it(
    'shows the complete old or the complete new version at every step of the writer (the old one had no folder between its two renames)',
    { timeout: 120_000 },
    () => {
      const oldFiles = asFiles(artifacts('old'));
      const newFiles = asFiles(artifacts('new'));
      let steps = 0;
      for (let stopAt = 0; ; stopAt++) {
        const out = tempDir();
        writeFlowOutput(out, 'flow', artifacts('old'));
        gate.remaining = stopAt;
        gate.frozen = false;
        let finished = false;
        try {
          writeFlowOutput(out, 'flow', artifacts('new'));
          finished = true;
        } catch (error) {
          if (!gate.frozen) throw error;
        }
        expect([oldFiles, newFiles], `stopped before step ${stopAt + 1}`).toContainEqual(snapshot(join(out, 'flow')));
        if (finished) {
          expect(snapshot(join(out, 'flow'))).toEqual(newFiles);
          break;
        }
        steps += 1;
        gate.remaining = Infinity;
        gate.frozen = false;
        // The next run cleans up after the "killed" one and writes the new version.
        writeFlowOutput(out, 'flow', artifacts('new'));
        expect(snapshot(join(out, 'flow'))).toEqual(newFiles);
        expect(readdirSync(out).filter((entry) => entry.startsWith('.')).length).toBe(1);
      }
      expect(steps).toBeGreaterThan(5);
    },
  );

  it('removes the staging and .old folders a killed run left, for every flow under --out', () => {
    const out = tempDir();
    writeFlowOutput(out, 'flow', artifacts('old'));
    for (const leftover of ['.flow.tmp-Ab12Cd', '.flow.tmp-Ab12Cd.old', '.other.tmp-Zz99Yy', '.other.v-0123456789abcdef'])
      mkdirSync(join(out, leftover, 'genesys'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    removeKilledRunLeftovers(out);
    const current = readlinkSync(join(out, 'flow'));
    expect(readdirSync(out).sort()).toEqual([current, 'flow', 'notes.txt'].sort());
  });

  it('replaces a folder written by an earlier ivrflow (a real folder) and leaves nothing behind', () => {
    const out = tempDir();
    mkdirSync(join(out, 'flow', 'genesys'), { recursive: true });
    writeFileSync(join(out, 'flow', 'genesys', 'old.yaml'), 'old');
    writeFlowOutput(out, 'flow', artifacts('new'));
    expect(lstatSync(join(out, 'flow')).isSymbolicLink()).toBe(true);
    expect(snapshot(join(out, 'flow'))).toEqual(asFiles(artifacts('new')));
    expect(readdirSync(out).filter((entry) => entry.startsWith('.')).length).toBe(1);
  });

  it('keeps the same folder for unchanged output', () => {
    const out = tempDir();
    writeFlowOutput(out, 'flow', artifacts('same'));
    const before = readlinkSync(join(out, 'flow'));
    writeFlowOutput(out, 'flow', artifacts('same'));
    expect(readlinkSync(join(out, 'flow'))).toBe(before);
  });
});

/** A small deterministic generator: the kill points are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function runGenerate(specs: readonly string[], out: string, killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'generate', ...specs, '-o', out, '--target', 'genesys,cxone', '--env', EXAMPLE_ENV], {
      stdio: 'ignore',
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Fills the example flow's placeholders: the CXone target needs every one. */
const EXAMPLE_ENV = join(ROOT, 'flows/environments/example.yaml');

describe('kill -9 during generate', () => {
  it(
    'leaves every flow folder complete (old or new) after each kill, and the next run leaves no staging behind',
    { timeout: 240_000 },
    async () => {
      const FLOWS = 12;
      const KILLS = 14;
      const base = tempDir();
      const example = readRepoFile('flows/identity-promotion.yaml');
      const specs = (version: string) => {
        mkdirSync(join(base, version), { recursive: true });
        return Array.from({ length: FLOWS }, (_, index) => {
          const file = join(base, version, `flow-${index}.yaml`);
          writeFileSync(
            file,
            example.replace('name: Identity Promotion', `name: Flow ${index}`).replace('Welcome to Example Bank.', `Welcome (${version}).`),
          );
          return file;
        });
      };
      const versions = { a: specs('a'), b: specs('b') };
      const expected: Record<string, Record<string, Record<string, string> | undefined>> = {};
      for (const version of ['a', 'b'] as const) {
        const reference = join(base, `reference-${version}`);
        expect(await runGenerate(versions[version], reference)).toBe(0);
        expected[version] = Object.fromEntries(
          Array.from({ length: FLOWS }, (_, index) => [index, snapshot(join(reference, `flow-${index}`))]),
        );
      }
      const out = join(base, 'out');
      const started = Date.now();
      expect(await runGenerate(versions.a, out)).toBe(0);
      const fullRunMs = Date.now() - started;
      const next = random(6);
      for (let kill = 0; kill < KILLS; kill++) {
        await runGenerate(kill % 2 === 0 ? versions.b : versions.a, out, Math.floor(next() * fullRunMs * 1.2));
        for (let index = 0; index < FLOWS; index++)
          expect([expected['a']![index], expected['b']![index]], `flow ${index} after kill ${kill}`).toContainEqual(
            snapshot(join(out, `flow-${index}`)),
          );
      }
      expect(await runGenerate(versions.b, out)).toBe(0);
      const hidden = readdirSync(out).filter((entry) => entry.startsWith('.'));
      expect(hidden.filter((entry) => !/^\.flow-\d+\.v-[0-9a-f]{16}$/.test(entry))).toEqual([]);
      expect(hidden).toHaveLength(FLOWS);
      for (let index = 0; index < FLOWS; index++) expect(snapshot(join(out, `flow-${index}`))).toEqual(expected['b']![index]);
    },
  );
});
