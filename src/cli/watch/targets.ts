import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { CONFIG_FILE_NAMES, findConfigFile } from '../config-file.js';
import type { CliIo } from '../io.js';
import type { WatchTargets } from './watcher.js';
import { includedFileNames } from '../include-reader.js';
import { isScenarioFile } from '../../simulate/scenario/files.js';

/** The side files a run reads besides the specs: `--env`, `--cxone-catalog`, `--config` or the config found. */
export interface SideFiles {
  env?: string;
  cxoneCatalog?: string;
  config?: string;
}

/**
 * What a run over these arguments reads. Folder arguments are watched as folders (a new spec in one
 * counts); a glob is watched from its fixed part (`flows/` of `flows/*.yaml`). Without a config file
 * the one that would be found is watched for, so adding `ivrflow.config.yaml` reruns.
 */
export async function watchTargets(args: readonly string[], files: readonly string[], side: SideFiles, io: CliIo): Promise<WatchTargets> {
  const folders: string[] = [];
  const watched = files.map((file) => resolve(io.cwd, file));
  // A spec's included files are read by the run too (flows/shared/ is not beside the spec).
  for (const file of files)
    if (!isScenarioFile(file)) watched.push(...includedFileNames(file, io.cwd).map((included) => resolve(io.cwd, included)));
  for (const arg of args) {
    if (isDynamicPattern(arg)) folders.push(resolve(io.cwd, fixedPart(arg)));
    else if (await isFolder(resolve(io.cwd, arg))) folders.push(resolve(io.cwd, arg));
    else watched.push(resolve(io.cwd, arg));
  }
  for (const file of [side.env, side.cxoneCatalog]) if (file !== undefined) watched.push(resolve(io.cwd, file));
  const config = side.config ?? findConfigFile(io.cwd);
  watched.push(...(config === undefined ? CONFIG_FILE_NAMES.map((name) => resolve(io.cwd, name)) : [resolve(io.cwd, config)]));
  return { files: [...new Set(watched)].sort(), folders: [...new Set(folders)].sort() };
}

function fixedPart(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
