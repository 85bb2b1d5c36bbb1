// What a CLI batch keeps (npm run bench, bench-batch.mjs): the CLI's `run` in this process on the
// given arguments, and the heap in use after a full collection, before and after it, as JSON on
// stdout. Peak RSS also measures V8 growing its young generation over a long run; this measures
// only what is still referenced when the batch is done. Needs node --expose-gc.
import { run } from '../dist/cli/main.js';
import { processIo } from '../dist/cli/io.js';

const heapMb = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 1048576;
};
const io = { ...processIo(), stdout: () => {}, stderr: () => {} };
const before = heapMb();
const code = await run(process.argv.slice(2), io);
process.stdout.write(JSON.stringify({ code, beforeMb: before, afterMb: heapMb() }));
