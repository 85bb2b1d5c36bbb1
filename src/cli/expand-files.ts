import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapePath, glob, isDynamicPattern } from 'tinyglobby';
import { CliError } from './io.js';

/** Never searched when a folder or a glob is expanded, as with ESLint: dependencies and generated output. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const YAML_FILES = '**/*.{yaml,yml}';
/** An ivrflow document says so on a line of its own near the top: `ivrflow: 1` or `ivrflowTest: 1`. */
const IVRFLOW_DOCUMENT = /^(ivrflow|ivrflowTest):/m;
const SNIFF_BYTES = 4096;
/** A file a spec includes says so the same way (`ivrflowInclude: 1.1`, src/flowspec/include.ts). */
const INCLUDED_FILE = /^ivrflowInclude:/m;

export interface ExpandOptions {
  cwd: string;
  /** `--ignore-pattern`, relative to the working directory. */
  ignore: readonly string[];
}

/**
 * The files the arguments name, the way ESLint reads them: a file as given (even a missing one, so it is
 * reported as such), a folder as every ivrflow YAML document below it, a quoted glob as its matches. A
 * folder or glob that finds nothing is a usage error, never a green run over no files. Sorted and once each.
 */
export async function expandFileArguments(args: readonly string[], options: ExpandOptions): Promise<string[]> {
  const files = new Set<string>();
  for (const arg of args) for (const file of await expandOne(arg, options)) files.add(file);
  return [...files];
}

async function expandOne(arg: string, options: ExpandOptions): Promise<string[]> {
  const kind = kindOf(resolve(options.cwd, arg));
  if (kind === 'file' || (kind === 'missing' && !isDynamicPattern(arg))) return [arg];
  const found = kind === 'directory' ? await documentsIn(arg, options) : await globbed(arg, options);
  if (found.length === 0)
    throw new CliError(
      kind === 'directory'
        ? `No ivrflow files in ${arg}: no .yaml or .yml file there starts with \`ivrflow: 1\` or \`ivrflowTest: 1\`${options.ignore.length > 0 ? ' (after --ignore-pattern)' : ''}.`
        : `No files match the pattern ${arg}${options.ignore.length > 0 ? ' (after --ignore-pattern)' : ''}.`,
    );
  return found;
}

/** YAML files below a folder that are ivrflow documents: a folder also holds generated Archy YAML and other files. */
async function documentsIn(dir: string, options: ExpandOptions): Promise<string[]> {
  const pattern = `${escapePath(dir.replace(/\/+$/, '') || '/')}/${YAML_FILES}`;
  const documents: string[] = [];
  for (const file of (await search(pattern, options.cwd, options.ignore)).sort())
    if (isIvrflowDocument(resolve(options.cwd, file))) documents.push(file);
  return documents;
}

/**
 * A glob's matches, less the files that specs include (`ivrflowInclude:`): `'flows/**\/*.yaml'` also
 * matches `flows/shared/`, whose files are checked through the flows that include them.
 */
async function globbed(pattern: string, options: ExpandOptions): Promise<string[]> {
  const files: string[] = [];
  for (const file of (await search(pattern, options.cwd, options.ignore)).sort())
    if (!startsWith(resolve(options.cwd, file), INCLUDED_FILE)) files.push(file);
  return files;
}

async function search(pattern: string, cwd: string, ignore: readonly string[]): Promise<string[]> {
  const matches = await glob(pattern, {
    cwd,
    ignore: [...ALWAYS_IGNORED, ...ignore],
    dot: false,
    expandDirectories: false,
    onlyFiles: true,
  });
  // tinyglobby answers relative to cwd; an absolute pattern keeps its absolute form for the reports.
  return pattern.startsWith('/') ? matches.map((match) => resolve(cwd, match)) : matches.map((match) => join(match));
}

/** Synchronous, as `startsWith` below is, and so that a `validate` never loads `fs/promises` (3 ms of a cold start). */
function kindOf(path: string): 'file' | 'directory' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function isIvrflowDocument(path: string): boolean {
  return startsWith(path, IVRFLOW_DOCUMENT);
}

/**
 * Whether the file's first bytes hold the line. Synchronous: a folder of 10,000 files is sniffed one
 * file after the other, and three awaited calls per file (open, read, close) left the process idle
 * between them.
 */
function startsWith(path: string, line: RegExp): boolean {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const bytesRead = readSync(descriptor, buffer, 0, SNIFF_BYTES, 0);
    return line.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
