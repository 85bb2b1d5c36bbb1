/**
 * The fuzz property on N mutants from one seed, as a vitest test: the suite runs it in two files
 * (fuzz.test.ts and fuzz-worker-1.test.ts, seeds S and S+1, one per core, as a two-worker campaign
 * would), and `npm run fuzz` (scripts/fuzz.mjs) runs fuzz.test.ts in each worker process with its
 * own runs and seed. A failure prints fast-check's seed, path and shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMutant, REPLY_PLANS, RULE_CONFIGURATIONS, TARGET_SETS, type CompileSetup } from './invariants.js';
import { mutantArbitrary, mutantText, type Mutant } from './mutants.js';

/** The seed of the suite's first file; its second file runs from the next one, as a campaign's second worker. */
export const SUITE_SEED = 20_261_202;
/** Mutants per file in `npm test` (two files). */
export const SUITE_RUNS = 250;

/**
 * A long campaign also fails a case that takes longer than this; the suite does not time anything.
 * Measured as the process's CPU time, not the wall clock: the campaign shares its cores with other
 * work (its own second worker, at least), and a case must not fail for waiting its turn.
 */
const CAMPAIGN_CASE_LIMIT_MS = 2000;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const setupArbitrary: fc.Arbitrary<CompileSetup> = fc.record({
  configuration: fc.nat({ max: RULE_CONFIGURATIONS.length - 1 }),
  targets: fc.nat({ max: TARGET_SETS.length - 1 }),
  environment: fc.boolean(),
  replies: fc.nat({ max: REPLY_PLANS.length - 1 }),
});

/**
 * The test's own timeout is only a backstop against a hang, generous per case: on a machine shared with
 * other work (a campaign runs at low priority) a case can wait seconds for a core. The 2 s per case
 * above is the property, in CPU time.
 */
export function describeFuzz({ runs, seed, campaign }: { runs: number; seed: number; campaign: boolean }): void {
  /** The stage each mutant stopped at, over the run: the mutants must reach past the parser and the schema. */
  const outcomes = new Set<string>();

  async function propertyHolds(mutant: Mutant, setup: CompileSetup): Promise<void> {
    const text = mutantText(mutant);
    const started = process.cpuUsage();
    const checked = await checkMutant(text, setup);
    const ms = cpuMsSince(started);
    outcomes.add(checked.outcome);
    const found = [...checked.violations];
    if (campaign && ms > CAMPAIGN_CASE_LIMIT_MS) found.push(`took ${ms.toFixed(0)} ms of CPU time`);
    if (found.length > 0) throw new Error(`${found.join('\n')}\n--- mutant text (first 2,000 characters) ---\n${text.slice(0, 2000)}`);
  }

  describe('the fuzzed pipeline', () => {
    it(
      `keeps every invariant on ${runs} mutants of the example flows (seed ${seed})`,
      { timeout: Math.max(600_000, runs * (campaign ? 10_000 : 2_000)) },
      async () => {
        if (campaign) console.log(`fuzz: ${runs} runs, seed ${seed}`);
        await fc.assert(fc.asyncProperty(mutantArbitrary, setupArbitrary, propertyHolds), { numRuns: runs, seed, endOnFailure: false });
        // Clean compiles (judged for leaks on the engines), and refusals at load, by the schema and by a later
        // stage: the suite's seeded runs reach them all. A campaign worker judges the invariants only: one of
        // 100 mutants met no clean compile.
        if (campaign) return;
        expect(outcomes).toContain('clean');
        expect(outcomes).toContain('yaml');
        expect(outcomes).toContain('schema');
        expect([...outcomes].some((outcome) => !['clean', 'yaml', 'schema', 'input', 'threw'].includes(outcome))).toBe(true);
      },
    );
  });
}
