/**
 * Property-based fuzzing of the whole pipeline on mutants of the example flows (test/fuzz/mutants.ts,
 * the property in property.ts). Seeded, so `npm test` always runs the same cases; `npm run fuzz --
 * --runs N --seed S` (scripts/fuzz.mjs) runs a long campaign through this same file, in each of its
 * worker processes, and prints the seed and the shrunk counterexample of any failure, which
 * `--seed S --workers 1` (plus fast-check's path) replays.
 */
import { describeFuzz, SUITE_RUNS, SUITE_SEED } from './property.js';

const campaign = process.env.IVRFLOW_FUZZ_RUNS !== undefined;
describeFuzz({
  runs: campaign ? Number(process.env.IVRFLOW_FUZZ_RUNS) : SUITE_RUNS,
  seed: Number(process.env.IVRFLOW_FUZZ_SEED ?? SUITE_SEED),
  campaign,
  ...(process.env.IVRFLOW_FUZZ_TIME_LIMIT === undefined ? {} : { timeLimitSeconds: Number(process.env.IVRFLOW_FUZZ_TIME_LIMIT) }),
});
