import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { resolveIncludes, type IncludeReader } from '../flowspec/include.js';
import { loadSpec } from '../flowspec/load.js';
import { readSpecFile } from './read-input.js';
import { INPUT_LIMITS } from '../flowspec/limits.js';
import type { SpecSource } from '../flowspec/source.js';

/**
 * Reads the files a spec includes, by the names the pipeline resolved (relative to the same working
 * directory as the spec's own name). Synchronous because the checks are: a flow includes a handful
 * of small files, and the size is checked before a byte is read.
 */
export function includeReader(cwd: string): IncludeReader {
  return (file) => {
    const path = resolve(cwd, file);
    try {
      const info = statSync(path);
      if (!info.isFile()) return { ok: false, problem: 'not-a-file' };
      if (info.size > INPUT_LIMITS.fileBytes) return { ok: false, problem: 'too-large' };
      return { ok: true, bytes: readFileSync(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable' };
    }
  };
}

/** The files a spec included, named from the spec's folder with forward slashes: the manifest's entries, the same wherever it ran. */
export function includedFiles(specFile: string, source: SpecSource): { file: string; bytes: Uint8Array }[] {
  return (source.included?.files ?? []).map((included) => ({
    file: relative(dirname(specFile), included.file).split(sep).join('/'),
    bytes: Buffer.from(included.text, 'utf8'),
  }));
}

/**
 * The files a spec includes, by name, read or not, for `watch`: a change to one (or the creation of a
 * missing one) reruns. A spec that cannot be read or parsed includes nothing yet.
 */
export function includedFileNames(file: string, cwd: string): string[] {
  const read = readSpecFile(file, cwd);
  if (!read.ok) return [];
  return [...(resolveIncludes(loadSpec(file, read.bytes), includeReader(cwd)).source.included?.names ?? [])];
}
