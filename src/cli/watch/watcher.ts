import { promises as fs, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** What a watched run read: files (a spec, its scenarios, the env, config and catalog files) and folders given as arguments. */
export interface WatchTargets {
  /** Absolute paths; a missing one is watched through the nearest folder above it that exists. */
  files: readonly string[];
  /** Absolute paths of folder arguments: a YAML file added, changed or removed in them counts. */
  folders: readonly string[];
}

/** Editors write a burst of events per save (a temporary file, a rename, a chmod): one run per burst. */
export const DEBOUNCE_MS = 150;

/**
 * Calls `onChange` once per burst of changes to the targets. It watches folders, not files: an
 * editor that saves by writing a new file and renaming it over the old one (vim, JetBrains) leaves a
 * file watch on the old inode, which Linux inotify never reports again, while the folder's watch sees
 * the rename. A YAML file beside a watched spec counts too, so files a spec includes are seen.
 */
export class ChangeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private files = new Set<string>();
  private folders: readonly string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly onChange: () => void) {}

  /** Watch these targets from now on (the set changes when a folder gains a spec). */
  async update(targets: WatchTargets): Promise<void> {
    if (this.closed) return;
    this.files = new Set(targets.files);
    this.folders = targets.folders;
    const wanted = new Set<string>();
    for (const path of [...targets.files.map(dirname), ...targets.folders]) wanted.add(await nearestExisting(path));
    for (const [dir, watcher] of this.watchers)
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    for (const dir of wanted) if (!this.watchers.has(dir) && !this.closed) this.watchDirectory(dir);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchDirectory(dir: string): void {
    try {
      const watcher = watch(dir, { persistent: true }, (_event, name) => {
        if (this.concerns(dir, name === null ? undefined : String(name))) this.schedule();
      });
      // A watched folder that is removed ends its watch: run again, and the next update watches the folder above.
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
        this.schedule();
      });
      this.watchers.set(dir, watcher);
    } catch {
      // Removed between the check and the watch: the next run's update watches what exists then.
    }
  }

  private concerns(dir: string, name: string | undefined): boolean {
    if (name === undefined) return true;
    const path = join(dir, name);
    if (this.files.has(path)) return true;
    // A folder on the way to a missing target was created or removed.
    if ([...this.files, ...this.folders].some((target) => target.startsWith(`${path}${sep}`))) return true;
    if (basename(path).startsWith('.') || !/\.ya?ml$/i.test(path)) return false;
    return this.folders.some((folder) => isInside(folder, path)) || [...this.files].some((file) => dirname(file) === dir);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, DEBOUNCE_MS);
  }
}

async function nearestExisting(path: string): Promise<string> {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      if ((await fs.stat(dir)).isDirectory()) return dir;
    } catch {
      // Missing: try the folder above.
    }
    if (dirname(dir) === dir) return dir;
  }
}

function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest !== '' && !rest.startsWith('..') && !rest.startsWith(sep);
}
