/**
 * The Studio actions the emitter writes: the built-in catalog's, plus CAPTURE, RESTAPI, TRANSFER and
 * RUNSCRIPT, whose library ids only a tenant catalog gives (docs/cxone.md §1.2).
 */
export type StudioActionName =
  | 'BEGIN'
  | 'PLAY'
  | 'MENU'
  | 'ASSIGN'
  | 'SNIPPET'
  | 'IF'
  | 'CASE'
  | 'REQAGENT'
  | 'MUSIC'
  | 'HANGUP'
  | 'END'
  | 'CAPTURE'
  | 'RESTAPI'
  | 'TRANSFER'
  | 'RUNSCRIPT';

/** One Studio action type: what `GET /actions/{libraryId}` says about it (docs/cxone.md §1.2). */
export interface CatalogEntry {
  /** Upper-case action name as Studio writes it in `actions[].name` (BEGIN, MENU, …). */
  name: string;
  libraryId: string;
  version: number;
  implType: string;
  /** In the order Studio stores them; the value written when the emitter sets nothing. */
  properties: readonly CatalogProperty[];
  branches: {
    /** The action has a Default branch (every one but HANGUP and END). */
    default: boolean;
    /** Named result branches with their index in the action's branch list. */
    named: readonly { index: number; name: string }[];
    /** The action takes `case` branches (MENU digits, CASE values). */
    cases: boolean;
  };
  /** Where the facts come from, and how sure they are. */
  source: string;
  verified: string;
}

export interface CatalogProperty {
  name: string;
  defaultValue: string | readonly string[];
}

/** The actions the emitter can use, by name. Built-in entries, overridden by a tenant's. */
export interface ActionCatalog {
  /** `builtin-<version>`, plus `+tenant` when a tenant catalog was merged in. */
  version: string;
  entries: ReadonlyMap<string, CatalogEntry>;
}

/** Normalised name used to match a tenant entry (`REST API`, `RestApi` → `RESTAPI`). */
export function catalogKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
