import { docUrl } from '../util/package-info.js';
import { constants, promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSpec, type DocumentKind } from '../flowspec/load.js';
import type { SpecSource } from '../flowspec/source.js';
import { CliError } from './io.js';

/** The most each kind of side file may hold; a real one is far smaller, anything larger is a mistake. */
export const SIDE_FILE_LIMITS = {
  'environment file': 256 * 1024,
  configuration: 64 * 1024,
  'CXone catalog': 4 * 1024 * 1024,
  'publish state file': 4 * 1024 * 1024,
} as const;

export type SideFileKind = keyof typeof SIDE_FILE_LIMITS;

/**
 * Read a side file (environment, configuration, catalog) as UTF-8 text, refusing before it is
 * loaded anything that is not a regular file (`/dev/urandom`, a FIFO, a directory) or is larger
 * than its limit. At most limit + 1 bytes are ever read, so a file that grows while it is read, or
 * one whose size the file system does not report (procfs), cannot get past the limit either.
 */
export async function readSideFile(file: string, cwd: string, kind: SideFileKind): Promise<string> {
  const limit = SIDE_FILE_LIMITS[kind];
  const fail = (reason: string) => new CliError(`Cannot read the ${kind} ${file} (${reason}).`);
  let handle;
  try {
    // Non-blocking, so naming a FIFO fails at once instead of waiting for a writer.
    handle = await fs.open(resolve(cwd, file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fail((error as NodeJS.ErrnoException).code ?? 'error');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw fail(info.isDirectory() ? 'it is a directory' : 'it is not a regular file');
    if (info.size > limit) throw fail(`it is ${info.size} bytes; at most ${limit} are read`);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) throw fail(`it holds more than ${limit} bytes, the most that is read`);
    return decodeText(buffer.subarray(0, length), fail);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fail((error as NodeJS.ErrnoException).code ?? 'error');
  } finally {
    await handle.close();
  }
}

function decodeText(bytes: Uint8Array, fail: (reason: string) => CliError): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('it is not UTF-8 text');
  }
  if (text.includes('\u0000')) throw fail('it is not a text file');
  return text.replace(/^\uFEFF/, '');
}

export interface SideDocument {
  source: SpecSource;
  /** The document as data; null for a file that is empty or holds only comments. */
  data: unknown;
}

/**
 * A YAML side file through the same gates as a spec (syntax, duplicate keys, tags, directives,
 * alias bombs, forbidden keys, positions); any problem is a usage error listing each at its place.
 */
export async function readSideYaml(
  file: string,
  cwd: string,
  kind: SideFileKind & ('environment file' | 'configuration'),
): Promise<SideDocument> {
  const text = await readSideFile(file, cwd, kind);
  const documentKind: DocumentKind = {
    noun: kind,
    firstLine: 'key: value',
    startFrom: `Write \`key: value\` lines; see ${docUrl('spec.md')}.`,
  };
  const loaded = loadSpec(file, Buffer.from(text, 'utf8'), documentKind);
  if (loaded.diagnostics.every((diagnostic) => diagnostic.code === 'input/empty') && loaded.data === undefined)
    return { source: loaded.source, data: null };
  if (loaded.diagnostics.length > 0) throw sideFileError(kind, loaded.diagnostics);
  return { source: loaded.source, data: loaded.data };
}

/** Problems in a side file, each as `file:line:column: message hint`, as one usage error (exit 2). */
export function sideFileError(kind: SideFileKind, diagnostics: readonly Diagnostic[]): CliError {
  const shown = diagnostics.slice(0, MAX_PROBLEMS_SHOWN).map((diagnostic) => {
    const where = diagnostic.span ? `${diagnostic.file}:${diagnostic.span.start.line}:${diagnostic.span.start.column}` : diagnostic.file;
    return `${where}: ${diagnostic.message}${diagnostic.hint ? ` ${diagnostic.hint}` : ''}`;
  });
  const more = diagnostics.length > MAX_PROBLEMS_SHOWN ? [`… and ${diagnostics.length - MAX_PROBLEMS_SHOWN} more`] : [];
  return new CliError(`Invalid ${kind}:\n${[...shown, ...more].join('\n')}`);
}

/** A side file is fixed in a few passes; thousands of lines of the same problem help nobody. */
const MAX_PROBLEMS_SHOWN = 20;
