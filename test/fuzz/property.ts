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
export const SUITE_RUNS = 1250;

/**
 * A long campaign also fails a case that takes longer than this; the suite does not time anything.
 * Measured as the process's CPU time, not the wall clock: the campaign shares its cores with other
 * work (its own second worker, at least), and a case must not fail for waiting its turn.
 */
const CAMPAIGN_CASE_LIMIT_MS = 2000;

/**
 * One mutant in this many also runs `validate` and `generate` through the CLI's main entry
 * (cli-invariants.ts), which costs about twice the rest of a case; over a campaign of N mutants
 * that is N / 4 CLI runs, each with the mutant's own rules, targets and environment.
 */
const CLI_SAMPLE = 4;

/** A campaign worker prints a progress line after every this many mutants. */
const PROGRESS_EVERY = 1000;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const setupArbitrary: fc.Arbitrary<CompileSetup> = fc.record({
  configuration: fc.nat({ max: RULE_CONFIGURATIONS.length - 1 }),
  targets: fc.nat({ max: TARGET_SETS.length - 1 }),
  environment: fc.boolean(),
  replies: fc.nat({ max: REPLY_PLANS.length - 1 }),
  cli: fc.nat({ max: CLI_SAMPLE - 1 }).map((draw) => draw === 0),
});

/**
 * The test's own timeout is only a backstop against a hang, generous per case: on a machine shared with
 * other work (a campaign runs at low priority) a case can wait seconds for a core. The 2 s per case
 * above is the property, in CPU time.
 */
export function describeFuzz({
  runs,
  seed,
  campaign,
  timeLimitSeconds,
}: {
  runs: number;
  seed: number;
  campaign: boolean;
  /** A campaign's worker stops drawing mutants after this long (and says how many it checked); not a failure. */
  timeLimitSeconds?: number;
}): void {
  /** The stage each mutant stopped at, over the run: the mutants must reach past the parser and the schema. */
  const outcomes = new Set<string>();
  let checkedCount = 0;
  let startedAt = 0;

  async function propertyHolds(mutant: Mutant, setup: CompileSetup): Promise<void> {
    const text = mutantText(mutant);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const started = process.cpuUsage();
    const checked = await checkMutant(text, setup);
    const ms = cpuMsSince(started);
    // A library's process warning reaches the user's terminal past the CLI; it is emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    outcomes.add(checked.outcome);
    checkedCount++;
    if (campaign && checkedCount % PROGRESS_EVERY === 0) console.log(`fuzz: ${progressLine(checkedCount)}`);
    const found = [...checked.violations, ...warnings.map((warning) => `a process warning: ${warning}`)];
    if (campaign && ms > CAMPAIGN_CASE_LIMIT_MS) found.push(`took ${ms.toFixed(0)} ms of CPU time`);
    if (found.length > 0) throw new Error(`${found.join('\n')}\n--- mutant text (first 2,000 characters) ---\n${text.slice(0, 2000)}`);
  }

  function progressLine(count: number): string {
    const seconds = (performance.now() - startedAt) / 1000;
    return `${count} of ${runs} mutants checked in ${seconds.toFixed(0)} s (${(count / seconds).toFixed(1)}/s)`;
  }

  describe('the fuzzed pipeline', () => {
    it(
      `keeps every invariant on ${runs} mutants of the example flows (seed ${seed})`,
      { timeout: Math.max(600_000, runs * (campaign ? 10_000 : 2_000)) },
      async () => {
        if (campaign) console.log(`fuzz: ${runs} runs, seed ${seed}`);
        startedAt = performance.now();
        await fc.assert(fc.asyncProperty(mutantArbitrary, setupArbitrary, propertyHolds), {
          numRuns: runs,
          seed,
          endOnFailure: false,
          ...(timeLimitSeconds === undefined ? {} : { interruptAfterTimeLimit: timeLimitSeconds * 1000, markInterruptAsFailure: false }),
        });
        // The campaign script reads this line for its total: with a time limit, fewer than `runs` may have run.
        if (campaign) console.log(`fuzz: done, ${progressLine(checkedCount)}`);
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
