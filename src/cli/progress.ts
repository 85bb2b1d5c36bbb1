import type { CliIo } from './io.js';

/** Nothing is shown for a batch that is done within this: a progress line would only flicker. */
const QUIET_MS = 2000;
/** At most this often: a terminal redrawn for each of 10,000 flows would slow the batch down. */
const REDRAW_MS = 200;
const CLEAR_LINE = '\r\u001b[K';

/**
 * `done/total` on one line of stderr, redrawn in place, for batches that take longer than a couple
 * of seconds and only when stderr is a terminal (a CI log would fill with redraws). Every other
 * stderr line goes through `say`, which clears the progress line first.
 */
export class BatchProgress {
  private readonly started: number;
  private lastDrawn = -Infinity;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** `done` of the total files are finished. */
  update(done: number, verb: string): void {
    if (!this.enabled || this.total < 2) return;
    const time = this.now();
    if (time - this.started < QUIET_MS || time - this.lastDrawn < REDRAW_MS) return;
    this.write(`${CLEAR_LINE}${verb} ${done}/${this.total} files (${Math.floor((done * 100) / this.total)}%)`);
    this.lastDrawn = time;
    this.drawn = true;
  }

  /** A line of its own on stderr, with the progress line cleared first (it is redrawn by the next update). */
  say(text: string): void {
    this.clear();
    this.write(text);
  }

  /** Remove the progress line, at the end of the batch. */
  clear(): void {
    if (!this.drawn) return;
    this.write(CLEAR_LINE);
    this.drawn = false;
  }
}

/** The progress of a batch of `total` files on this terminal's stderr (drawn only when it is one). */
export function batchProgress(io: CliIo, total: number): BatchProgress {
  return new BatchProgress(io.stderr, total, io.stderrIsTty === true, io.now);
}

/**
 * One turn of the event loop, awaited between the files of a batch. The work per file is
 * synchronous, so without it a batch never returns to the loop, and the garbage collector's tasks
 * that V8 posts there (freeing swept pages) wait for the end of the batch: peak RSS for 1,000
 * generated flows was 163 MB instead of 136 MB.
 */
export function betweenFiles(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
