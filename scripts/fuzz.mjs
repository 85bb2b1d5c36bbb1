// npm run fuzz -- --runs N --seed S: a long fuzz campaign. It runs test/fuzz/fuzz.test.ts (the
// property the suite checks on 100 mutants) on N mutants from seed S, and also fails a case slower
// than 2 s. On a failure fast-check prints the seed, the path and the shrunk counterexample (the
// mutant as data, then its text); `--seed S` with the same `--runs` replays it. Without `--seed`
// a fresh seed is drawn and printed first, so every campaign can be replayed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]   (whole numbers)');
  process.exit(2);
}
console.log(`fuzz campaign: ${runs} mutants, seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`);
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, IVRFLOW_FUZZ_RUNS: String(runs), IVRFLOW_FUZZ_SEED: String(seed) },
});
process.exit(result.status ?? 1);
