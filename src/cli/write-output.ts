import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Artifact } from '../targets/artifact.js';
import { CliError } from './io.js';

/**
 * Replace `<out>/<slug>` with exactly these files, so that at every instant it is the complete old
 * or the complete new version, even if the process is killed (`kill -9`) at any point.
 *
 * A directory cannot be replaced atomically on Linux from Node (rename(2) refuses a non-empty
 * target, and Node has no renameat2 RENAME_EXCHANGE), but a symbolic link can: rename(2) over an
 * existing link replaces it in one step. So `<out>/<slug>` is a link to a hidden version folder
 * `.<slug>.v-<hash of the files>`, written completely under a staging name first; the new link is
 * made under a temporary name and renamed over the old one. Folders no link points to (the previous
 * version, the staging folders of a killed run) are removed afterwards, and by the next run.
 * Two runs writing the same `--out` at the same time are not supported.
 *
 * Synchronous, as every file operation here: a batch writes one flow after the other and has nothing
 * to do meanwhile. Awaited, each of the ~40 calls per flow was a round trip through libuv's thread
 * pool (futex and epoll wake-ups: 550 system calls per flow instead of 100), and the process sat idle
 * for it, 29% of a `generate` profile.
 */
export function writeFlowOutput(
  outDir: string,
  slug: string,
  artifacts: readonly Artifact[],
  { leftoversRemoved = false }: { leftoversRemoved?: boolean } = {},
): void {
  const finalDir = join(outDir, slug);
  assertInside(outDir, finalDir);
  const staging = prepareStaging(outDir, slug);
  const version = `.${slug}.v-${contentHash(artifacts)}`;
  const previous = linkTarget(finalDir);
  try {
    if (previous !== version) {
      for (const artifact of artifacts) {
        const target = join(staging, artifact.path);
        assertInside(staging, target);
        makeDirectories(dirname(target));
        writeFileSync(target, artifact.contents, { encoding: 'utf8', flag: 'wx' });
      }
      swapInto(outDir, staging, version, finalDir);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot write ${finalDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (leftoversRemoved) removeReplaced(outDir, slug, staging, previous === version ? undefined : previous);
  else removeLeftovers(outDir, slug);
}

/**
 * What this write left behind, when the run has removed the leftovers of killed runs already
 * (`removeKilledRunLeftovers`, `leftoversRemoved`): the unused staging folder (unchanged output),
 * the version folder the link pointed at before, and an earlier layout's folder moved aside. Named,
 * not found by listing `--out`: a batch of 10,000 flows would list 20,000 entries for every flow.
 */
function removeReplaced(outDir: string, slug: string, staging: string, previous: string | undefined): void {
  rmSync(staging, { recursive: true, force: true });
  rmSync(join(outDir, `.${slug}.tmp-legacy.old`), { recursive: true, force: true });
  if (previous !== undefined && previous.startsWith(`.${slug}.v-`) && !previous.includes('/'))
    rmSync(join(outDir, previous), { recursive: true, force: true });
}

/** Names the version folder by its files, so an unchanged flow keeps its folder (and a reviewable diff). */
function contentHash(artifacts: readonly Artifact[]): string {
  const hash = createHash('sha256');
  for (const artifact of [...artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
    hash.update(`${artifact.path}\u0000${artifact.contents.length}\u0000${artifact.contents}\u0000`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The staging folder becomes the version folder (a leftover of that name is never reused: a killed
 * removal may have left it half empty), then a new link to it replaces `<slug>` in one rename.
 */
function swapInto(outDir: string, staging: string, version: string, finalDir: string): void {
  const versionDir = join(outDir, version);
  rmSync(versionDir, { recursive: true, force: true });
  renameSync(staging, versionDir);
  const link = `${staging}.link`;
  symlinkSync(version, link);
  try {
    replaceWithLink(link, finalDir);
  } catch (error) {
    rmSync(link, { force: true });
    throw error;
  }
}

function replaceWithLink(link: string, finalDir: string): void {
  try {
    renameSync(link, finalDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    // Output of an ivrflow before links: a real folder, which cannot be replaced in one step. Moved
    // aside first (the one moment the flow's folder is missing), then removed with the leftovers.
    const aside = join(dirname(finalDir), `.${basename(finalDir)}.tmp-legacy.old`);
    rmSync(aside, { recursive: true, force: true });
    renameSync(finalDir, aside);
    renameSync(link, finalDir);
  }
}

/** The link's target when `path` is one of ivrflow's links, else undefined. */
function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Remove what no link points to: `.<slug>.tmp-*` staging folders and links of killed runs, the
 * `.old` folders of the earlier layout, and version folders that are not the current one.
 */
function removeLeftovers(outDir: string, slug: string): void {
  const current = linkTarget(join(outDir, slug));
  const prefix = `.${slug}.`;
  for (const entry of readdirSync(outDir)) {
    if (!entry.startsWith(prefix) || entry === current) continue;
    const rest = entry.slice(prefix.length);
    if (rest.startsWith('tmp-') || rest.startsWith('v-')) rmSync(join(outDir, entry), { recursive: true, force: true });
  }
}

/** Leftovers of every flow under `--out` whose run was killed: called once per `generate`, before writing. */
export function removeKilledRunLeftovers(outDir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return;
  }
  const slugs = new Set(entries.map((entry) => /^\.([^.]+)\.(?:tmp-|v-)/.exec(entry)?.[1]).filter((slug) => slug !== undefined));
  for (const slug of slugs) removeLeftovers(outDir, slug);
}

/** The output folder (created if needed) and a fresh staging folder in it; problems are usage errors. */
function prepareStaging(outDir: string, slug: string): string {
  try {
    makeDirectories(outDir);
    // Not mkdtemp: it creates 0700, and the version folder the link points at would be unreadable to
    // a CI step running as another user. mkdir follows the umask.
    const staging = join(outDir, `.${slug}.tmp-${randomBytes(6).toString('hex')}`);
    mkdirSync(staging);
    return staging;
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
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let current = dir;
  while (!exists(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}

export interface Staleness {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** Compare the expected files with `<out>/<slug>` without writing anything (`--check`). */
export function compareFlowOutput(outDir: string, slug: string, artifacts: readonly Artifact[]): Staleness {
  const finalDir = join(outDir, slug);
  const onDisk = new Set(listFiles(finalDir));
  const result: Staleness = { missing: [], changed: [], extra: [] };
  for (const artifact of artifacts) {
    if (!onDisk.delete(artifact.path)) result.missing.push(artifact.path);
    else if (readFileSync(join(finalDir, artifact.path), 'utf8') !== artifact.contents) result.changed.push(artifact.path);
  }
  result.extra = [...onDisk].sort();
  return result;
}

function listFiles(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFiles(join(dir, entry.name), path));
    else files.push(path);
  }
  return files;
}

/** Whether anything is at the path (a file, a folder; a link is followed). */
export function exists(path: string): boolean {
  return existsSync(path);
}

function assertInside(parent: string, child: string): void {
  const path = relative(parent, child);
  if (path === '' || path.startsWith(`..${sep}`) || path === '..' || path.startsWith(sep))
    throw new CliError(`Refusing to write outside ${parent}: ${child}`);
}
