// The CLI over batches of spec files (npm run bench): `validate` and `generate` of 1,000 and 10,000
// variants of the example flow, each in a fresh process, with its peak memory (GNU time's maximum
// resident set size, when /usr/bin/time exists). Linear means about 10x the time for 10x the files
// and the same peak memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

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

export function benchBatch(root, variant, sizes = [1_000, 10_000]) {
  const scratch = mkdtempSync(join(tmpdir(), 'ivrflow-bench-'));
  try {
    const results = [];
    for (const count of sizes) {
      const folder = writeBatch(scratch, count, variant);
      const validate = runCli(root, ['validate', folder, '--quiet'], scratch);
      const out = join(scratch, `out-${count}`);
      const generate = runCli(root, ['generate', folder, '--out', out, '--env', 'flows/environments/example.yaml', '--quiet'], scratch);
      results.push({ count, validate, generate });
      rmSync(folder, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
    return results;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
