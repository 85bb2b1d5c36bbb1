/**
 * Property-based fuzzing of the whole pipeline on mutants of the example flows (test/fuzz/mutants.ts).
 * Seeded, so `npm test` always runs the same cases; `npm run fuzz -- --runs N --seed S` (scripts/fuzz.mjs)
 * runs a long campaign through this same file and prints the seed and the shrunk counterexample of
 * any failure, which `--seed S` (plus fast-check's path) replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMutant, REPLY_PLANS, RULE_CONFIGURATIONS, TARGET_SETS, type CompileSetup } from './invariants.js';
import { mutantArbitrary, mutantText, type Mutant } from './mutants.js';

const RUNS = Number(process.env.IVRFLOW_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.IVRFLOW_FUZZ_SEED ?? 20_261_202);
/** A long campaign also fails a case slower than this; the suite does not time anything. */
const CAMPAIGN_CASE_LIMIT_MS = process.env.IVRFLOW_FUZZ_RUNS ? 2000 : undefined;

const setupArbitrary: fc.Arbitrary<CompileSetup> = fc.record({
  configuration: fc.nat({ max: RULE_CONFIGURATIONS.length - 1 }),
  targets: fc.nat({ max: TARGET_SETS.length - 1 }),
  environment: fc.boolean(),
  replies: fc.nat({ max: REPLY_PLANS.length - 1 }),
});

/** The stage each mutant stopped at, over the run: the mutants must reach past the parser and the schema. */
const outcomes = new Set<string>();

async function propertyHolds(mutant: Mutant, setup: CompileSetup): Promise<void> {
  const text = mutantText(mutant);
  const started = performance.now();
  const checked = await checkMutant(text, setup);
  const ms = performance.now() - started;
  outcomes.add(checked.outcome);
  const found = [...checked.violations];
  if (CAMPAIGN_CASE_LIMIT_MS !== undefined && ms > CAMPAIGN_CASE_LIMIT_MS) found.push(`took ${ms.toFixed(0)} ms`);
  if (found.length > 0) throw new Error(`${found.join('\n')}\n--- mutant text (first 2,000 characters) ---\n${text.slice(0, 2000)}`);
}

describe('the fuzzed pipeline', () => {
  it(
    `keeps every invariant on ${RUNS} mutants of the example flows (seed ${SEED})`,
    { timeout: Math.max(120_000, RUNS * 1000) },
    async () => {
      if (process.env.IVRFLOW_FUZZ_RUNS) console.log(`fuzz: ${RUNS} runs, seed ${SEED}`);
      await fc.assert(fc.asyncProperty(mutantArbitrary, setupArbitrary, propertyHolds), { numRuns: RUNS, seed: SEED, endOnFailure: false });
      // Clean compiles (judged for leaks on the engines), and refusals at load, by the schema and by a later
      // stage: a run of the suite's size reaches them all; a short campaign (`--runs 5`) need not.
      if (RUNS < 50) return;
      expect(outcomes).toContain('clean');
      expect(outcomes).toContain('yaml');
      expect(outcomes).toContain('schema');
      expect([...outcomes].some((outcome) => !['clean', 'yaml', 'schema', 'input', 'threw'].includes(outcome))).toBe(true);
    },
  );
});
