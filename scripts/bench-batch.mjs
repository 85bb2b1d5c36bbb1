// The CLI over batches of spec files (npm run bench): `validate` and `generate` of 1,000 and 10,000
// variants of the example flow, each in a fresh process, with its peak memory (GNU time's maximum
// resident set size, when /usr/bin/time exists). Linear means about 10x the time for 10x the files
// and the same peak memory. Each command runs BATCH_RUNS times per size (medians count: a peak of
// memory varies both ways with when V8 collects), then once more in process (batch-heap.mjs) for
// the heap still in use after the batch and a full collection: the code it loaded and what it keeps,
// without V8 growing its young generation over a long run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export const BATCH_RUNS = 3;
/** Seconds and peak RSS (MB, or undefined without GNU time) of one CLI run; the exit code is not judged here. */
function runCli(root, args, scratch) {
  const rssFile = join(scratch, 'rss.txt');
  const node = [process.execPath, join(root, 'bin/ivrflow.js'), ...args];
  const [command, commandArgs] = existsSync(GNU_TIME) ? [GNU_TIME, ['-f', '%M', '-o', rssFile, ...node]] : [node[0], node.slice(1)];
  const started = performance.now();
  try {
    execFileSync(command, commandArgs, { cwd: root, stdio: 'ignore', maxBuffer: 1 << 30 });
  } catch (error) {
    if (error.status !== 1) throw error; // 1: the report has warnings or errors; anything else is a broken run
  }
  const seconds = (performance.now() - started) / 1000;
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { seconds, rssMb };
}

/** `count` variant specs in a folder of their own. */
function writeBatch(scratch, count, variant) {
  const folder = join(scratch, `flows-${count}`);
  mkdirSync(folder);
  for (let index = 0; index < count; index++) writeFileSync(join(folder, `flow-${index}.yaml`), variant(index));
  return folder;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** MB of heap the CLI still uses after running `args` in one process and a full collection (batch-heap.mjs). */
function heapAfterMb(root, args) {
  const script = join(root, 'scripts/batch-heap.mjs');
  const output = execFileSync(process.execPath, ['--expose-gc', script, ...args], { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(output.toString()).heapMb;
}

/** The median seconds and peak RSS of a command's runs, and the heap it uses when done. */
function summary(runs, heapMb) {
  return {
    seconds: median(runs.map((run) => run.seconds)),
    rssMb: runs[0].rssMb === undefined ? undefined : median(runs.map((run) => run.rssMb)),
    heapAfterMb: heapMb,
  };
}

export function benchBatch(root, variant, sizes = [1_000, 10_000]) {
  const scratch = mkdtempSync(join(tmpdir(), 'ivrflow-bench-'));
  try {
    const results = [];
    for (const count of sizes) {
      const folder = writeBatch(scratch, count, variant);
      const out = join(scratch, `out-${count}`);
      const commands = {
        validate: ['validate', folder, '--quiet'],
        generate: ['generate', folder, '--out', out, '--env', 'flows/environments/example.yaml', '--quiet'],
      };
      const runs = { validate: [], generate: [] };
      for (let attempt = 0; attempt < BATCH_RUNS; attempt++)
        for (const [name, args] of Object.entries(commands)) {
          runs[name].push(runCli(root, args, scratch));
          rmSync(out, { recursive: true, force: true });
        }
      const result = { count };
      for (const [name, args] of Object.entries(commands)) {
        result[name] = summary(runs[name], heapAfterMb(root, args));
        rmSync(out, { recursive: true, force: true });
      }
      results.push(result);
      rmSync(folder, { recursive: true, force: true });
    }
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
