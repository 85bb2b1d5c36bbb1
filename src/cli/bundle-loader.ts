import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * How bin/ivrflow.js starts the CLI: the bundle `scripts/bundle.mjs` writes (dist/ivrflow.cjs) run
 * through a V8 code cache (`vm.Script` `cachedData`, https://nodejs.org/docs/latest-v20.x/api/vm.html#new-vmscriptcode-options),
 * since Node 20 has no `module.enableCompileCache` (Node 22.1). The cache only saves compiling:
 * the same source runs with or without it. It lives in the user's cache folder, keyed on the
 * ivrflow version, the bundle's hash, the Node version and the architecture, so an upgrade of either
 * reads no stale cache (and V8 itself rejects data made for another source or build:
 * `script.cachedDataRejected`). Any problem with it (no home, a read-only or missing folder, a
 * corrupt file) means running without it: a cache never fails a command.
 */
export interface CliBundle {
  run(argv: readonly string[]): Promise<number>;
}

/** The first line of the bundle (scripts/bundle.mjs): `// ivrflow <version> bundle <sha256 of the rest>`. */
const HEADER = /^\/\/ ivrflow (\S+) bundle ([0-9a-f]{64})\n/;
const CACHE_PREFIX = 'v8-';

/** `$XDG_CACHE_HOME/ivrflow`, else `~/.cache/ivrflow`; undefined when there is no home to put it in. */
export function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'ivrflow');
  try {
    const home = homedir();
    return home === '' ? undefined : join(home, '.cache', 'ivrflow');
  } catch {
    return undefined;
  }
}

/** The cache file for a bundle on this Node: a name that changes with each input of the key. Undefined for a bundle without the header. */
export function cacheFileName(source: string, runtime: { node: string; arch: string }): string | undefined {
  const header = HEADER.exec(source);
  if (!header) return undefined;
  const key = createHash('sha256').update([header[1], header[2], runtime.node, runtime.arch].join('\0')).digest('hex');
  return `${CACHE_PREFIX}${header[1]}-${key.slice(0, 32)}.bin`;
}

/** Loads the bundle at `bundlePath`, compiled from the cache when there is a valid one; schedules writing it when not. */
export function loadCliBundle(bundlePath: string, env: NodeJS.ProcessEnv = process.env): CliBundle {
  const source = readFileSync(bundlePath, 'utf8');
  const folder = cacheFolder(env);
  const name = cacheFileName(source, { node: process.version, arch: process.arch });
  const file = folder !== undefined && name !== undefined ? join(folder, name) : undefined;
  const cachedData = file === undefined ? undefined : readIfPresent(file);
  // The CommonJS wrapper on the first line, so positions in stack traces match the bundle's lines.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as CliBundle };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected === true))
    // At exit, so the cache holds every function this command compiled, not only the top level.
    process.once('exit', () => writeCache(file, script));
  return module.exports;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed, so a concurrent run never reads half a file; stale versions' caches removed. Errors are ignored. */
export function writeCache(file: string, script: { createCachedData(): Uint8Array }): void {
  const folder = dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, file);
    removeStaleCaches(folder, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written, or it cannot be removed either: the next run tries again
    }
  }
}

/** Caches of the same ivrflow version for another bundle or Node: never read again. Another version's stay (it may still be installed elsewhere). */
function removeStaleCaches(folder: string, current: string): void {
  const sameVersion = basename(current).replace(/-[0-9a-f]+\.bin$/, '-');
  for (const entry of readdirSync(folder))
    if (entry.startsWith(sameVersion) && entry.endsWith('.bin') && join(folder, entry) !== current)
      rmSync(join(folder, entry), { force: true });
}
