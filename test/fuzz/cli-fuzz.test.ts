/**
 * The fuzz property through the built CLI, in a child process, on a few mutants: `validate` and
 * `generate` exit 0 or 1 (never 2 for a spec's content, never 70), print no stack trace, write
 * nothing when the spec has errors, and write nothing outside `--out`. The fuzz property checks the
 * same in process, through the CLI's entry, on one mutant in four (cli-invariants.ts); this file
 * adds what only a child process shows: the bundle, its loader and the process's own output.
 */
import fc from 'fast-check';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { STACK_LINE, tree } from './cli-invariants.js';
import { mutantArbitrary, mutantText, type Mutant } from './mutants.js';

const SEED = 20_261_203;
/** Each mutant costs two process starts: a handful, plus the unmutated example, which must compile. */
const MUTANTS: Mutant[] = [
  { flow: 'identity-promotion', edits: [], textEdits: [] },
  { flow: 'pin-with-summary', edits: [], textEdits: [{ kind: 'crlf' }] },
  ...fc.sample(mutantArbitrary, { numRuns: 4, seed: SEED }),
];

describe('the CLI on fuzzed specs', () => {
  it.each(MUTANTS.map((mutant, index) => [index, mutant] as const))(
    'mutant %i: honest exit codes, no stack trace, nothing stray',
    async (_, mutant) => {
      const work = tempDir();
      writeFileSync(join(work, 'spec.yaml'), mutantText(mutant));
      copyFileSync(join(ROOT, 'flows/environments/example.yaml'), join(work, 'env.yaml'));
      const validated = await ivrflow(['validate', 'spec.yaml', '--env', 'env.yaml'], { cwd: work });
      const generated = await ivrflow(['generate', 'spec.yaml', '--env', 'env.yaml', '--out', 'out'], { cwd: work });
      for (const run of [validated, generated]) {
        expect([0, 1], run.stderr).toContain(run.exitCode);
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(run.stdout).not.toMatch(STACK_LINE);
      }
      const written = tree(join(work, 'out'));
      if (generated.exitCode === 1) expect(written).toEqual([]);
      else expect(written.some((path) => path.endsWith('manifest.json'))).toBe(true);
      expect(tree(work).filter((path) => !path.startsWith('out'))).toEqual(['env.yaml', 'spec.yaml']);
      if (mutant.edits.length === 0) expect(generated.exitCode, generated.stdout).toBe(0);
      // What validate finds is what stops generate: a clean validate never meets a failing generate, and back.
      expect(generated.exitCode).toBe(validated.exitCode);
    },
  );

  it('includes mutants that fail', async () => {
    const texts = MUTANTS.map(mutantText);
    const { checkSpec } = await import('../../src/pipeline.js');
    const failing = texts.filter((text) => checkSpec('spec.yaml', Buffer.from(text)).diagnostics.some((d) => d.severity === 'error'));
    expect(failing.length).toBeGreaterThanOrEqual(2);
  });
});
