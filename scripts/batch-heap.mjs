// The heap a CLI batch still uses when it is done (npm run bench, bench-batch.mjs): the CLI's `run`
// in this process on the given arguments, then a full collection, and the heap in use (MB) as JSON
// on stdout. It holds the code the command loaded and whatever the batch still references; peak RSS
// also measures V8 growing its young generation over a long run. Needs node --expose-gc.
import { run } from '../dist/cli/main.js';
import { processIo } from '../dist/cli/io.js';

const io = { ...processIo(), stdout: () => {}, stderr: () => {} };
const code = await run(process.argv.slice(2), io);
globalThis.gc();
globalThis.gc();
process.stdout.write(JSON.stringify({ code, heapMb: process.memoryUsage().heapUsed / 1048576 }));
