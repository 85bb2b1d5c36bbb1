import { parseTenantCatalog } from '../../targets/cxone/catalog/index.js';
import { BUILTIN_ACTIONS } from '../../targets/cxone/catalog/data.js';
import { catalogKey } from '../../targets/cxone/catalog/types.js';
import type { Environment } from '../context.js';
import { DeployError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { Redactor } from '../redact.js';
import { loginCxone } from './auth.js';
import { CXONE_PATHS } from './facts.js';

/** An action the fetch asks the tenant about: by library id, with the name the emitter knows it by. */
export interface WantedAction {
  name: string;
  libraryId: string;
  /** Given with `--action NAME=<libraryId>` (CAPTURE, RESTAPI), as opposed to one of the built-in catalog's. */
  fromUser: boolean;
}

export interface FetchedCatalog {
  /** The catalog file: an array of `GET /actions/{libraryId}` answers, in the order asked, as `--cxone-catalog` reads it. */
  text: string;
  fetched: string[];
  /** Built-in actions the tenant does not know (404): the built-in entry stays in use. */
  missing: string[];
}

/**
 * The built-in catalog's actions plus the ones named on the command line. `GET /actions/{libraryId}`
 * goes by id, not by name, and the CAPTURE and REST API ids are not public (docs/cxone.md §6.1), so
 * those two come from the user (read from a script saved in Studio: `libraryId` of its actions).
 */
export function wantedActions(extra: ReadonlyMap<string, string>): WantedAction[] {
  const byKey = new Map(
    BUILTIN_ACTIONS.map((entry) => [catalogKey(entry.name), { name: entry.name, libraryId: entry.libraryId, fromUser: false }]),
  );
  for (const [name, libraryId] of extra)
    byKey.set(catalogKey(name), { name: name.toUpperCase(), libraryId: libraryId.toLowerCase(), fromUser: true });
  return [...byKey.values()];
}

/** Reads each action's definition and returns the catalog text, checked with the same parser `--cxone-catalog` uses. */
export async function fetchCatalog(
  http: HttpClient,
  redactor: Redactor,
  env: Environment,
  wanted: readonly WantedAction[],
): Promise<FetchedCatalog> {
  const session = await loginCxone(http, redactor, env);
  const entries: unknown[] = [];
  const fetched: string[] = [];
  const missing: string[] = [];
  for (const action of wanted) {
    const step = `read action ${action.name} (${action.libraryId})`;
    const answer = await http.request(step, {
      method: 'GET',
      url: `${session.apiUrl}${CXONE_PATHS.action(action.libraryId)}`,
      headers: session.headers,
      accept: [404],
    });
    if (answer.status === 404) {
      if (action.fromUser)
        throw new DeployError(
          'input',
          step,
          `${step}: the tenant has no action with library id ${action.libraryId}.`,
          'Copy the libraryId from a script saved in Studio that uses the action.',
        );
      missing.push(action.name);
      continue;
    }
    entries.push(named(answer.json, action, step));
    fetched.push(action.name);
  }
  const text = `${JSON.stringify(entries, null, 2)}\n`;
  const parsed = parseTenantCatalog(text, 'the fetched catalog');
  if (!parsed.ok)
    throw new DeployError(
      'rejected',
      'check the fetched catalog',
      `The tenant's action definitions are not usable as a catalog:\n${parsed.errors.map((error) => `  - ${redactor.text(error)}`).join('\n')}`,
      'Nothing was written. Report the definitions (they hold no secret) so the emitter can learn their shape.',
    );
  return { text, fetched, missing };
}

/** The answer, with `name` set to the emitter's name when the tenant calls it otherwise (e.g. `REST API`): the catalog matches by name. */
function named(json: unknown, action: WantedAction, step: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new DeployError('http', step, `${step}: the answer is not an action definition (expected a JSON object).`);
  const definition = json as Record<string, unknown>;
  const given = typeof definition.name === 'string' ? definition.name : '';
  return {
    ...definition,
    id: typeof definition.id === 'string' ? definition.id : action.libraryId,
    name: catalogKey(given) === catalogKey(action.name) ? given : action.name,
  };
}
