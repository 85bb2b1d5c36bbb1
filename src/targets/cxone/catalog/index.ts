import { BUILTIN_ACTIONS, BUILTIN_CATALOG_VERSION } from './data.js';
import { catalogKey, type ActionCatalog, type CatalogEntry } from './types.js';
import { REST_API_ROLES, findRoleProperty, findErrorBranch } from './rest-api-roles.js';
import { TRANSFER_FAILURE_BRANCHES } from '../facts.js';

/** The built-in catalog, with a tenant's entries (parsed by `parseTenantCatalog`) replacing or adding by name. */
export function buildCatalog(tenant: readonly CatalogEntry[] = []): ActionCatalog {
  const entries = new Map(BUILTIN_ACTIONS.map((entry) => [catalogKey(entry.name), entry] as const));
  for (const entry of tenant) entries.set(catalogKey(entry.name), entry);
  return { version: `builtin-${BUILTIN_CATALOG_VERSION}${tenant.length > 0 ? '+tenant' : ''}`, entries };
}

export function catalogEntry(catalog: ActionCatalog, name: string): CatalogEntry | undefined {
  // The emitter asks by Studio name (`CAPTURE`), which is a key as it is: only another spelling needs catalogKey.
  return catalog.entries.get(name) ?? catalog.entries.get(catalogKey(name));
}

export type TenantCatalogResult = { ok: true; entries: CatalogEntry[] } | { ok: false; errors: string[] };

/**
 * A tenant's catalog file: one `GET /actions/{libraryId}` response, an array of them, or
 * `{ "actions": [...] }` (docs/cxone.md §1.2, PWF action.model.ts). Every problem is reported,
 * with the entry it is in, so the user fixes the file in one pass.
 */
export function parseTenantCatalog(text: string, source: string): TenantCatalogResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.actions) ? json.actions : [json];
  const errors: string[] = [];
  const entries: CatalogEntry[] = [];
  list.forEach((item: unknown, position: number) => {
    const parsed = parseEntry(item, source);
    const where = `entry ${position}${isObject(item) && typeof item.name === 'string' ? ` (${item.name})` : ''}`;
    if (typeof parsed === 'string') errors.push(`${where}: ${parsed}`);
    else entries.push(parsed);
  });
  if (list.length === 0) errors.push('the file lists no actions');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseEntry(item: unknown, source: string): CatalogEntry | string {
  if (!isObject(item)) return 'expected an object like the response of GET /actions/{libraryId}';
  const { id, name, properties = [], branches = {} } = item;
  if (typeof id !== 'string' || !GUID.test(id)) return "`id` must be the action's library GUID";
  if (typeof name !== 'string' || catalogKey(name) === '') return '`name` must be the action name, e.g. CAPTURE';
  if (!Array.isArray(properties) || !properties.every(isProperty)) return '`properties` must be an array of { name, defaultValue }';
  if (!isObject(branches) || !isBranchList(branches.branch ?? [])) return '`branches.branch` must be an array of { index, name }';
  const entry: CatalogEntry = {
    name: name.trim().toUpperCase(),
    libraryId: id.toLowerCase(),
    version: typeof item.version === 'number' ? item.version : 1,
    implType: typeof item.implType === 'string' || typeof item.implType === 'number' ? String(item.implType) : '0',
    properties: properties.map((property) => ({ name: property.name, defaultValue: property.defaultValue ?? '' })),
    branches: {
      default: branches.default !== false,
      named: ((branches.branch ?? []) as { index: number; name: string }[]).map(({ index, name: branch }) => ({ index, name: branch })),
      cases: branches.case === true,
    },
    source: `tenant catalog ${source}`,
    verified: 'read from the tenant (GET /actions/{libraryId})',
  };
  return requiredShape(entry) ?? entry;
}

/** The properties and branches the emitter needs from the two actions only a tenant can describe. */
function requiredShape(entry: CatalogEntry): string | undefined {
  const names = new Set(entry.properties.map((property) => property.name));
  const builtin = BUILTIN_ACTIONS.find((candidate) => catalogKey(candidate.name) === catalogKey(entry.name));
  if (builtin) return sameShape(entry, builtin, names);
  if (!entry.branches.default && ['CAPTURE', 'RESTAPI'].includes(catalogKey(entry.name))) return `${entry.name} needs a Default branch`;
  if (catalogKey(entry.name) === 'CAPTURE') {
    const missing = CAPTURE_PROPERTIES.filter((name) => !names.has(name));
    if (missing.length > 0) return `CAPTURE needs the properties ${missing.join(', ')}`;
    if (!entry.branches.named.some((branch) => branch.name === 'Timeout')) return 'CAPTURE needs a `Timeout` branch';
  }
  if (catalogKey(entry.name) === 'TRANSFER') {
    if (!names.has('Destination')) return 'TRANSFER needs the property Destination';
    const branches = new Set(entry.branches.named.map((branch) => branch.name));
    const missing = TRANSFER_FAILURE_BRANCHES.filter((branch) => !branches.has(branch));
    if (missing.length > 0 || !entry.branches.default)
      return `TRANSFER needs a Default branch and the branches ${TRANSFER_FAILURE_BRANCHES.join(', ')}`;
  }
  if (catalogKey(entry.name) === 'RUNSCRIPT' && !names.has('ScriptName')) return 'RUNSCRIPT needs the property ScriptName';
  if (catalogKey(entry.name) === 'RESTAPI') {
    const missing = REST_API_ROLES.filter((role) => findRoleProperty(entry, role) === undefined);
    if (missing.length > 0)
      return `REST API needs a property for ${missing.map((role) => `${role.role} (one of ${role.names.join(', ')})`).join('; ')}`;
    if (findErrorBranch(entry) === undefined) return 'REST API needs an `Error` (or `OnError`) branch';
  }
  return undefined;
}

/** A tenant entry that replaces a built-in one must offer everything the emitter writes into it. */
function sameShape(entry: CatalogEntry, builtin: CatalogEntry, names: ReadonlySet<string>): string | undefined {
  const missing = builtin.properties.filter((property) => !names.has(property.name)).map((property) => property.name);
  if (missing.length > 0) return `${entry.name} replaces the built-in entry, so it needs the properties ${missing.join(', ')}`;
  const branches = new Set(entry.branches.named.map((branch) => branch.name));
  const lost = builtin.branches.named.filter((branch) => !branches.has(branch.name)).map((branch) => branch.name);
  if (lost.length > 0) return `${entry.name} replaces the built-in entry, so it needs the branches ${lost.join(', ')}`;
  if (builtin.branches.default && !entry.branches.default) return `${entry.name} replaces the built-in entry, so it needs a Default branch`;
  if (builtin.branches.cases && !entry.branches.cases)
    return `${entry.name} replaces the built-in entry, so it needs \`branches.case: true\``;
  return undefined;
}

/** docs/cxone.md §2 (HELP capture): Variable, MaxDigits, Terminator, Timeout, InterDigitTimeout. */
export const CAPTURE_PROPERTIES = ['Variable', 'MaxDigits', 'Terminator', 'Timeout'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProperty(value: unknown): value is { name: string; defaultValue?: string | string[] } {
  if (!isObject(value) || typeof value.name !== 'string' || value.name === '') return false;
  const fallback = value.defaultValue;
  return (
    fallback === undefined ||
    fallback === null ||
    typeof fallback === 'string' ||
    (Array.isArray(fallback) && fallback.every((item) => typeof item === 'string'))
  );
}

function isBranchList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((branch) => isObject(branch) && Number.isInteger(branch.index) && typeof branch.name === 'string' && branch.name !== '')
  );
}
