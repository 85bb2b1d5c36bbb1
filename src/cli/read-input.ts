import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FILE_START, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_SPEC_BYTES } from '../flowspec/load.js';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/**
 * Read a spec or scenario file. A missing file, a directory or an oversized file is a diagnostic, never a throw.
 * Synchronous: the checks that follow are, and a batch reads one file after the other, so awaiting
 * the stat and the read (five thread-pool round trips) only left the process idle between files.
 */
export function readSpecFile(file: string, cwd: string): ReadResult {
  // A file that could not be read has no content to point into; one that is too large starts at 1:1.
  const fail = (code: Diagnostic['code'], message: string, hint?: string): ReadResult => ({
    ok: false,
    diagnostic: {
      code,
      severity: 'error',
      message,
      file,
      path: [],
      ...(code.startsWith('io/') ? {} : { span: FILE_START }),
      ...(hint ? { hint } : {}),
    },
  });
  const path = resolve(cwd, file);
  try {
    const info = statSync(path);
    if (info.isDirectory())
      return fail('io/not-a-file', 'This is a directory, not a file.', `Name the files, e.g. ${file.replace(/\/+$/, '')}/*.yaml.`);
    if (!info.isFile()) return fail('io/not-a-file', 'This is not a regular file.');
    // Checked before reading, so a huge file is never loaded into memory.
    if (info.size > MAX_SPEC_BYTES)
      return fail(
        'input/too-large',
        `The file is ${info.size} bytes; ivrflow reads files of at most ${MAX_SPEC_BYTES} bytes.`,
        'Check that this is the file you meant.',
      );
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('io/not-found', 'No such file.');
    return fail('io/unreadable', `Cannot read the file (${code ?? 'unknown error'}).`);
  }
}

/** I/O problems exit with 2; problems in the spec itself with 1. */
export function isIoDiagnostic(diagnostic: Diagnostic): boolean {
  return diagnostic.code.startsWith('io/');
}
