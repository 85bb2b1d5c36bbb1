import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where this package lives and where its documentation is. The docs ship in the package (`docs/`,
 * listed in package.json `files`) and every link points at the same page in the repository at the
 * tag of the installed version, so a link a user follows describes the version they run, and is
 * clickable from a SARIF viewer that has no access to their node_modules.
 */
export const REPOSITORY_URL = 'https://github.com/ivrflow/ivrflow';

/** The package root: two levels above this file, both from src/util (tests) and dist/util (installed). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A file shipped in the package (`docs/testing.md`, `schemas/ivrflow.schema.json`) at the installed version's tag. */
export function packageFileUrl(path: string): string {
  return `${REPOSITORY_URL}/blob/v${PACKAGE_VERSION}/${path}`;
}

/** The raw bytes of a shipped file at the installed version's tag: for a `$schema` an editor downloads. */
export function rawPackageFileUrl(path: string): string {
  return `https://raw.githubusercontent.com/ivrflow/ivrflow/v${PACKAGE_VERSION}/${path}`;
}

/** A documentation page, with an optional `#anchor`: `docUrl('testing.md')`, `docUrl('spec.md#checks')`. */
export function docUrl(page: string): string {
  return packageFileUrl(`docs/${page}`);
}
