import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, type CliIo } from './io.js';

/**
 * `--output-file <f>`: the report a command prints goes to the file instead, all or nothing. The
 * command's standard output is held in memory; only when the command finishes with an exit code (not
 * a usage error) is it written, to a temporary file beside the target that is then renamed over it. A
 * usage error therefore leaves no file, never an empty one that a CI step would upload as a report.
 */
export async function withOutputFile(file: string | undefined, io: CliIo, command: (io: CliIo) => Promise<number>): Promise<number> {
  if (file === undefined) return command(io);
  const chunks: string[] = [];
  // A file is not a terminal: no colour unless --color asks for it.
  const exitCode = await command({ ...io, stdout: (text) => chunks.push(text), isTty: false });
  await writeAtomically(resolve(io.cwd, file), chunks.join(''), file);
  return exitCode;
}

/**
 * Write `text` to a temporary file beside `path`, then rename it over `path`: readers see the old
 * file or the new one. A failure names the file as `shown`, the user's own spelling of it.
 */
export async function writeAtomically(path: string, text: string, shown = path): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw new CliError(`Cannot write the output file ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}
