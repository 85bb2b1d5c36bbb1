import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseTenantCatalog } from '../targets/cxone/catalog/index.js';
import type { CatalogEntry } from '../targets/cxone/catalog/types.js';
import { CliError } from './io.js';
import { docUrl } from '../util/package-info.js';

/** `--cxone-catalog <file>`: read and check it before any spec is compiled; a bad file is a usage error (exit 2). */
export async function readCxoneCatalog(file: string, cwd: string): Promise<CatalogEntry[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the CXone catalog ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const parsed = parseTenantCatalog(text, file);
  if (!parsed.ok)
    throw new CliError(
      `The CXone catalog ${file} is not usable:\n${parsed.errors.map((error) => `  - ${error}`).join('\n')}\nIt must hold GET /actions/{libraryId} responses from your tenant (see ${docUrl('cxone.md')}).`,
    );
  return parsed.entries;
}
