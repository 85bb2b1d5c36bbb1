/** The process as the CLI sees it; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour by default only then). */
  isTty: boolean;
  /** Whether stderr is a terminal (progress of long batches only then); false when not given. */
  stderrIsTty?: boolean;
  /** `--color` / `--no-color`: wins over the environment and the terminal. */
  color?: boolean;
  /** All of standard input, for a file argument `-`. */
  readStdin: () => Promise<Uint8Array>;
  /** Milliseconds for the progress line of a long batch; `performance.now` when not given (tests pass a clock). */
  now?: () => number;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    readStdin: readProcessStdin,
  };
}

async function readProcessStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const EXIT_OK = 0;
/** Errors in the input: a spec with errors, `--max-warnings` exceeded, `--check` found stale files. */
export const EXIT_INPUT = 1;
/** Usage, configuration or I/O problems. */
export const EXIT_USAGE = 2;
/** A bug in ivrflow (sysexits.h EX_SOFTWARE), so CI can tell it from a bad spec or a bad call. */
export const EXIT_INTERNAL = 70;

/** A problem with how ivrflow was called or with the file system; printed without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

/** A broken promise inside ivrflow: reported as an internal error (exit 70), never as the user's mistake. */
export class InternalError extends Error {}

/**
 * A spec either yields its artifacts or says why not: nothing produced and no error reported would
 * be a silent pass (exit 0, nothing written), so it is a bug.
 */
export function assertProducedOrReported(file: string, produced: boolean, diagnostics: readonly { severity: string }[]): void {
  if (produced || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return;
  throw new InternalError(`${file} compiled to nothing, yet no error was reported.`);
}
