import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Artifact } from '../targets/artifact.js';
import { CliError } from './io.js';

/**
 * Replace `<out>/<slug>` with exactly these files, all or nothing: they are written to a temporary
 * folder beside it, which is then renamed into place. A failure leaves the previous output as it was.
 */
export async function writeFlowOutput(outDir: string, slug: string, artifacts: readonly Artifact[]): Promise<void> {
  const finalDir = join(outDir, slug);
  assertInside(outDir, finalDir);
  const staging = await prepareStaging(outDir, slug);
  try {
    for (const artifact of artifacts) {
      const target = join(staging, artifact.path);
      assertInside(staging, target);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, artifact.contents, { encoding: 'utf8', flag: 'wx' });
    }
    await swapInto(staging, finalDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot write ${finalDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

/** The output folder (created if needed) and a fresh staging folder in it; problems are usage errors. */
async function prepareStaging(outDir: string, slug: string): Promise<string> {
  try {
    await makeDirectories(outDir);
    return await mkdtemp(join(outDir, `.${slug}.tmp-`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'it, or a folder above it, is a file' : (code ?? String(error));
    throw new CliError(`Cannot use ${outDir} as the output folder: ${reason}.`);
  }
}

/**
 * `mkdir -p`, one level at a time: Node's `recursive: true` never settles on some special file
 * systems (a path under /proc), and a CLI must fail rather than hang.
 */
async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  while (!(await exists(current))) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) await mkdir(path);
}

async function swapInto(staging: string, finalDir: string): Promise<void> {
  const previous = await exists(finalDir);
  if (!previous) {
    await rename(staging, finalDir);
    return;
  }
  const retired = `${staging}.old`;
  await rename(finalDir, retired);
  try {
    await rename(staging, finalDir);
  } catch (error) {
    await rename(retired, finalDir);
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

export interface Staleness {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** Compare the expected files with `<out>/<slug>` without writing anything (`--check`). */
export async function compareFlowOutput(outDir: string, slug: string, artifacts: readonly Artifact[]): Promise<Staleness> {
  const finalDir = join(outDir, slug);
  const onDisk = new Set(await listFiles(finalDir));
  const result: Staleness = { missing: [], changed: [], extra: [] };
  for (const artifact of artifacts) {
    if (!onDisk.delete(artifact.path)) result.missing.push(artifact.path);
    else if ((await readFile(join(finalDir, artifact.path), 'utf8')) !== artifact.contents) result.changed.push(artifact.path);
  }
  result.extra = [...onDisk].sort();
  return result;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), path)));
    else files.push(path);
  }
  return files;
}

/** Whether anything is at the path (a file, a folder). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function assertInside(parent: string, child: string): void {
  const path = relative(parent, child);
  if (path === '' || path.startsWith(`..${sep}`) || path === '..' || path.startsWith(sep))
    throw new CliError(`Refusing to write outside ${parent}: ${child}`);
}
