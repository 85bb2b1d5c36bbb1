import { sha256 } from '../targets/manifest.js';

/**
 * The publish state file (default `.ivrflow/publish-state.json`), committed by the user: per
 * platform account, the sha256 of each artifact last published there and the platform's id for
 * it. Neither Genesys flows nor data actions nor CXone scripts have a field ivrflow could store
 * the hash in, so this file is how an unchanged artifact is recognised without downloading it. It
 * holds hashes, names and ids only, never a secret, and is written in a stable order.
 */
export interface PublishState {
  version: 1;
  /** By account key (`genesys:<api host>`, `cxone:<api host>/<busNo>`), then by object key (`<what>:<name>`). */
  accounts: Record<string, Record<string, StateRecord>>;
}

export interface StateRecord {
  sha256: string;
  id?: string;
}

export const DEFAULT_STATE_FILE = '.ivrflow/publish-state.json';

export function emptyState(): PublishState {
  return { version: 1, accounts: {} };
}

export type ParsedState = { ok: true; state: PublishState } | { ok: false; error: string };

export function parseState(text: string): ParsedState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isRecord(json) || json.version !== 1 || !isRecord(json.accounts))
    return { ok: false, error: 'expected { "version": 1, "accounts": { … } } as ivrflow publish writes it' };
  const accounts: PublishState['accounts'] = {};
  for (const [account, objects] of Object.entries(json.accounts)) {
    if (!isRecord(objects)) return { ok: false, error: `accounts.${account} must be an object` };
    accounts[account] = {};
    for (const [key, record] of Object.entries(objects)) {
      if (!isRecord(record) || typeof record.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(record.sha256))
        return { ok: false, error: `accounts.${account}.${key}.sha256 must be a sha256 in hex` };
      accounts[account][key] = { sha256: record.sha256, ...(typeof record.id === 'string' ? { id: record.id } : {}) };
    }
  }
  return { ok: true, state: { version: 1, accounts } };
}

/** Sorted keys at every level, so the file diffs cleanly and the same state is the same bytes. */
export function serializeState(state: PublishState): string {
  const accounts = Object.fromEntries(
    Object.keys(state.accounts)
      .sort()
      .map((account) => {
        const objects = state.accounts[account]!;
        return [
          account,
          Object.fromEntries(
            Object.keys(objects)
              .sort()
              .map((key) => [key, objects[key]!]),
          ),
        ];
      }),
  );
  return `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`;
}

export const objectKey = (what: string, name: string): string => `${what}:${name}`;

export function recorded(state: PublishState, account: string, key: string): StateRecord | undefined {
  return state.accounts[account]?.[key];
}

export function record(state: PublishState, account: string, key: string, entry: StateRecord): void {
  (state.accounts[account] ??= {})[key] = entry;
}

export { sha256 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
