// npm run fuzz -- --runs N --seed S --workers W [--time-limit SECONDS]: a long fuzz campaign. It runs test/fuzz/fuzz.test.ts
// (the property the suite checks on fewer mutants) on N mutants, split over W worker processes (2 by
// default: the machine size this is measured on has two cores), each with its own seed (S, S+1, ...),
// so the workers draw different mutants. A campaign also fails a case that takes more than 2 s. Each
// worker prints the command that replays it alone (`--workers 1` with its runs and seed); on a failure
// fast-check prints the seed, the path and the shrunk counterexample (the mutant as data, then its
// text). Without `--seed` a fresh seed is drawn and printed first, so every campaign can be replayed.
// Each worker prints a progress line every 1,000 mutants; with `--time-limit` each stops drawing
// mutants after that many seconds, and the summary counts the mutants actually checked.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    'time-limit': { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 30) : Number(values.seed);
const requestedWorkers = values.workers === undefined ? Math.min(2, availableParallelism()) : Number(values.workers);
const timeLimit = values['time-limit'] === undefined ? undefined : Number(values['time-limit']);
if (
  ![runs, seed, requestedWorkers, timeLimit ?? 1].every(Number.isInteger) ||
  runs < 1 ||
  requestedWorkers < 1 ||
  (timeLimit !== undefined && timeLimit < 1)
) {
  console.error(
    'usage: npm run fuzz -- [--runs N] [--seed S] [--workers W] [--time-limit SECONDS]   (whole numbers; N, W, SECONDS at least 1)',
  );
  process.exit(2);
}
const workers = Math.min(requestedWorkers, runs);

/** Worker `index` runs its share of the mutants from seed `seed + index`. */
function shareOf(index) {
  return { index, seed: seed + index, runs: Math.floor(runs / workers) + (index < runs % workers ? 1 : 0) };
}

const vitest = join(root, 'node_modules/vitest/vitest.mjs');
/** One vitest process on the fuzz test file; its output, each line prefixed with the worker's number. */
function runWorker({ index, seed: workerSeed, runs: workerRuns }) {
  const replay = `npm run fuzz -- --runs ${workerRuns} --seed ${workerSeed} --workers 1`;
  console.log(`[worker ${index}] ${workerRuns} mutants, seed ${workerSeed} (replay: ${replay})`);
  const child = spawn(process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      IVRFLOW_FUZZ_RUNS: String(workerRuns),
      IVRFLOW_FUZZ_SEED: String(workerSeed),
      ...(timeLimit === undefined ? {} : { IVRFLOW_FUZZ_TIME_LIMIT: String(timeLimit) }),
    },
  });
  let checked = 0;
  const prefix = workers > 1 ? `[worker ${index}] ` : '';
  for (const [stream, into] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        // vitest colours the line: its escape codes come first.
        const done = /fuzz: done, (\d+) of/.exec(line);
        if (done) checked = Number(done[1]);
        into.write(`${prefix}${line}\n`);
      }
    });
    stream.on('end', () => pending && into.write(`${prefix}${pending}\n`));
  }
  return new Promise((resolve) => child.on('close', (code) => resolve({ index, code: code ?? 1, replay, checked })));
}

console.log(`fuzz campaign: ${runs} mutants on ${workers} worker${workers === 1 ? '' : 's'}, seed ${seed}`);
const started = performance.now();
const results = await Promise.all(Array.from({ length: workers }, (_, index) => runWorker(shareOf(index))));
const seconds = (performance.now() - started) / 1000;
const failed = results.filter((result) => result.code !== 0);
// A failed worker stops at its first failure and prints no total; the count is of the workers that finished.
const checked = results.reduce((sum, result) => sum + result.checked, 0);
console.log(
  `fuzz campaign: ${checked} of ${runs} mutants checked in ${seconds.toFixed(0)} s (${(checked / seconds).toFixed(1)} mutants/s), ${failed.length} of ${workers} workers failed`,
);
for (const result of failed) console.log(`  worker ${result.index} failed; replay: ${result.replay}`);
process.exit(failed.length === 0 ? 0 : 1);
