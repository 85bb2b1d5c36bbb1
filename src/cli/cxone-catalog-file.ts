import { parseTenantCatalog } from '../targets/cxone/catalog/index.js';
import type { CatalogEntry } from '../targets/cxone/catalog/types.js';
import { CliError } from './io.js';
import { docUrl } from '../util/package-info.js';
import { readSideFile } from './side-file.js';

/** Studio's action library has a few hundred actions; a file listing more is not a catalog. */
const MAX_CATALOG_ENTRIES = 2000;
const MAX_PROBLEMS_SHOWN = 20;

/** `--cxone-catalog <file>`: read and check it before any spec is compiled; a bad file is a usage error (exit 2). */
export async function readCxoneCatalog(file: string, cwd: string): Promise<CatalogEntry[]> {
  const text = await readSideFile(file, cwd, 'CXone catalog');
  const parsed = parseTenantCatalog(text, file);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, MAX_PROBLEMS_SHOWN).map((error) => `  - ${error}`);
    if (parsed.errors.length > MAX_PROBLEMS_SHOWN) shown.push(`  … and ${parsed.errors.length - MAX_PROBLEMS_SHOWN} more`);
    throw new CliError(
      `The CXone catalog ${file} is not usable:\n${shown.join('\n')}\nIt must hold GET /actions/{libraryId} responses from your tenant (see ${docUrl('cxone.md')}).`,
    );
  }
  if (parsed.entries.length > MAX_CATALOG_ENTRIES)
    throw new CliError(
      `The CXone catalog ${file} lists ${parsed.entries.length} actions; a tenant catalog has at most ${MAX_CATALOG_ENTRIES}.`,
    );
  return parsed.entries;
}
