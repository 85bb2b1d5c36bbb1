import { CliError, EXIT_OK, type CliIo } from '../io.js';
import { ChangeWatcher, type WatchTargets } from './watcher.js';

/** One run of the watched command, and what to watch for the next. */
export interface WatchedRun {
  /** What to print: only what changed since the previous run (all of it the first time). */
  changes: string;
  /** The one-line state after the run, e.g. `2 errors, 1 warning`. */
  status: string;
  targets: WatchTargets;
}

export interface WatchLoop {
  /** Runs the command once; a usage problem (a deleted file, an empty folder) is a CliError, reported and watched past. */
  run: () => Promise<WatchedRun>;
  /** What to watch when a run fails with a usage error before it could say. */
  fallbackTargets: () => Promise<WatchTargets>;
  /** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
  until: Promise<unknown>;
}

/**
 * Run, print what changed, then run again on every burst of changes until stopped. Runs never
 * overlap: a change during a run starts one more run after it, and a stop waits for the run in
 * progress, so an output folder is never left between versions by the watcher itself. Exit 0.
 */
export async function watchLoop(loop: WatchLoop, io: CliIo): Promise<number> {
  let pending = false;
  let running: Promise<void> | undefined;
  let failWith: (error: unknown) => void = () => undefined;
  // An internal error in a run ends the watch (exit 70 from the CLI), instead of an unhandled rejection.
  const failed = new Promise<never>((_resolve, reject) => (failWith = reject));
  const watcher = new ChangeWatcher(() => {
    pending = true;
    start();
  });
  const start = (): void => {
    if (running) return;
    running = (async () => {
      do {
        pending = false;
        const { targets, status } = await reportRun(loop, io);
        // Watching before saying so: a save right after the status line must be seen.
        await watcher.update(targets);
        io.stderr(status);
      } while (pending);
      running = undefined;
    })();
    running.catch(failWith);
  };
  pending = true;
  start();
  try {
    await Promise.race([loop.until, failed]);
  } finally {
    watcher.close();
  }
  await running;
  io.stderr('ivrflow: stopped watching\n');
  return EXIT_OK;
}

/** Prints what changed; returns what to watch and the status line to print once it is watched. */
async function reportRun(loop: WatchLoop, io: CliIo): Promise<{ targets: WatchTargets; status: string }> {
  try {
    const result = await loop.run();
    if (result.changes !== '') io.stdout(result.changes);
    return { targets: result.targets, status: `${result.status}. Watching ${describe(result.targets)} for changes; Ctrl-C stops.\n` };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // A file deleted or renamed mid-edit is a moment, not the end of the session.
    const targets = await loop.fallbackTargets();
    return {
      targets,
      status: `ivrflow: ${error.message}\nWatching ${describe(targets)} for changes; fix it and save to run again. Ctrl-C stops.\n`,
    };
  }
}

function describe(targets: WatchTargets): string {
  const files = targets.files.length;
  const folders = targets.folders.length;
  return [files > 0 ? `${files} file${files === 1 ? '' : 's'}` : '', folders > 0 ? `${folders} folder${folders === 1 ? '' : 's'}` : '']
    .filter((part) => part !== '')
    .join(' and ');
}

/** The io a watched run gets: its report and notes are kept, to be compared with the previous run's. */
export function capturedIo(io: CliIo): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { ...io, stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTty: false },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
