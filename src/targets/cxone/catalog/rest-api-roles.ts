import type { CatalogEntry } from './types.js';

/**
 * UNVERIFIED, kept in this one place: the property names of the REST API action are not public
 * (docs/cxone.md §2, §6.1). A tenant catalog supplies them; the emitter finds each role by the
 * first of these names the entry has (case-insensitive). Headers and body are passed as JSON text.
 */
export interface RestApiRole {
  role: 'verb' | 'url' | 'body' | 'headers' | 'timeout' | 'result';
  names: readonly string[];
}

export const REST_API_ROLES: readonly RestApiRole[] = [
  { role: 'verb', names: ['Verb', 'Method', 'HttpMethod'] },
  { role: 'url', names: ['URL', 'Uri', 'Endpoint'] },
  { role: 'body', names: ['Parameters', 'Body', 'Payload'] },
  { role: 'headers', names: ['Headers', 'Header'] },
  { role: 'timeout', names: ['Timeout', 'TimeoutSec', 'TimeoutSeconds'] },
  { role: 'result', names: ['ResultSet', 'Result', 'ResultVar', 'OutputVariable'] },
];

export function findRoleProperty(entry: CatalogEntry, role: RestApiRole): string | undefined {
  const wanted = new Set(role.names.map((name) => name.toLowerCase()));
  return entry.properties.find((property) => wanted.has(property.name.toLowerCase()))?.name;
}

/**
 * The branch taken when an action fails: the REST API action's (HELP rest_api: errors and timeouts,
 * after 2 automatic retries), or a tenant REQAGENT's (none is public: docs/cxone.md §6.4).
 */
export function findErrorBranch(entry: CatalogEntry): string | undefined {
  return entry.branches.named.find((branch) => /^(on)?error$/i.test(branch.name))?.name;
}
