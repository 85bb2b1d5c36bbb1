import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fetchCatalog, wantedActions } from '../../deploy/cxone/catalog-fetch.js';
import { DeployError } from '../../deploy/errors.js';
import { HttpClient } from '../../deploy/http.js';
import { Redactor } from '../../deploy/redact.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';
import { writeAtomically } from '../output-file.js';

export interface CatalogFetchOptions {
  out: string;
  /** `--action NAME=<libraryId>`: actions whose library id is not public (CAPTURE, RESTAPI). */
  actions: ReadonlyMap<string, string>;
  timeoutSeconds: number;
}

/** `ivrflow cxone catalog fetch`: the tenant's action definitions, written as the file `--cxone-catalog` reads. */
export async function catalogFetchCommand(options: CatalogFetchOptions, io: CliIo): Promise<number> {
  const redactor = new Redactor();
  const http = new HttpClient({ redactor, timeoutMs: options.timeoutSeconds * 1000, maxAttempts: 4, backoffMs: 1000, maxWaitMs: 30_000 });
  let fetched;
  try {
    fetched = await fetchCatalog(http, redactor, io.env, wantedActions(options.actions));
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    io.stderr(redactor.text(`ivrflow: ${error.message}${error.hint ? `\n${error.hint}` : ''}\nNothing was written.\n`));
    return error.kind === 'rejected' || error.kind === 'input' ? EXIT_INPUT : EXIT_USAGE;
  }
  const path = resolve(io.cwd, options.out);
  await fs.mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, redactor.text(fetched.text), options.out);
  const missing = fetched.missing.length > 0 ? `; not on the tenant (the built-in entries stay in use): ${fetched.missing.join(', ')}` : '';
  io.stderr(`wrote ${options.out}: ${fetched.fetched.length} action definitions (${fetched.fetched.join(', ')})${missing}\n`);
  if (!options.actions.has('CAPTURE') || !options.actions.has('RESTAPI'))
    io.stderr(
      'CAPTURE and the REST API action are fetched only with --action CAPTURE=<libraryId> --action RESTAPI=<libraryId> (their library ids are not public; copy them from a script saved in Studio).\n',
    );
  return EXIT_OK;
}
