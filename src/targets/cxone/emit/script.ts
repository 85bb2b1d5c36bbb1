import { invariant } from '../../../util/assert.js';
import { ownEntry } from '../../../util/own.js';
import type { ActionCatalog, CatalogEntry } from '../catalog/types.js';
import { catalogEntry } from '../catalog/index.js';
import type { DraftAction, DraftBranch } from './draft.js';
import { layoutLayers, type Point } from './layout.js';
import { unescapedText, type JsonText } from './json-text.js';

/** The body of `POST …/scripts` (docs/cxone.md §1.2, MCP specToScript). */
export interface ScriptBody {
  scriptContent: {
    header: Record<string, unknown>;
    actions: Record<string, Record<string, unknown>>;
    properties: Record<string, Record<string, { name: string; value: string | readonly string[] }>>;
    branches: Record<string, Record<string, unknown>[]>;
  };
}

export interface ScriptHeader {
  scriptName: string;
  /** NICE's post_scripts schema requires it; a placeholder only when the upload step fills it (bus-number.ts). */
  busNo: number | string;
  variableRedaction: string;
}

/** The actions in id order (id = position + 1), each id by key and each canvas position: what a script is numbered by. */
export interface NumberedActions {
  order: readonly DraftAction[];
  ids: ReadonlyMap<string, number>;
  points: readonly Point[];
}

/**
 * Numbers the actions in breadth-first order from `start` (so BEGIN is 1 and ids read top to
 * bottom), drops nothing reachable and keeps nothing unreachable.
 */
export function numberActions(drafts: readonly DraftAction[], start: string): NumberedActions {
  const byKey = new Map<string, DraftAction>();
  for (const draft of drafts) byKey.set(draft.key, draft);
  const order: DraftAction[] = [];
  const ids = new Map<string, number>();
  const depths: number[] = [];
  const number = (key: string, depth: number) => {
    const draft = byKey.get(key);
    invariant(draft, `branch to a missing action ${key}`);
    ids.set(key, order.push(draft));
    depths.push(depth);
  };
  number(start, 0);
  for (let position = 0; position < order.length; position++)
    for (const branch of order[position]!.branches) if (!ids.has(branch.to)) number(branch.to, depths[position]! + 1);
  return { order, ids, points: layoutLayers(depths) };
}

/**
 * The script as an object, the structure `scriptText` writes as text (the emitter writes the text;
 * this is its reference, compared byte for byte in test/targets/cxone/emit/script-text.test.ts).
 */
export function serializeScript(drafts: readonly DraftAction[], start: string, catalog: ActionCatalog, header: ScriptHeader): ScriptBody {
  const { order, ids, points } = numberActions(drafts, start);
  const content: ScriptBody['scriptContent'] = { header: scriptHeader(header, order.length), actions: {}, properties: {}, branches: {} };
  order.forEach((draft, position) => {
    const entry = actionEntry(catalog, draft);
    const id = position + 1;
    content.actions[id] = actionRecord(id, draft, entry, points[position]!);
    content.properties[id] = propertyRecord(draft, entry);
    if (draft.branches.length > 0) content.branches[id] = draft.branches.map((branch, index) => branchRecord(branch, index, entry, ids));
  });
  return { scriptContent: content };
}

/** `scriptContent.header`; `nextActionId` is the id after the last. */
function scriptHeader(header: ScriptHeader, actionCount: number): Record<string, unknown> {
  return {
    scriptName: header.scriptName,
    busNo: header.busNo,
    mediaType: 4,
    mediaTypeName: 'call',
    purposeType: 'General',
    variableRedaction: header.variableRedaction,
    libraryId: null,
    masterId: null,
    lockInfo: { lockedName: '', lockedId: '', lockedDate: '' },
    nextActionId: actionCount + 1,
    status: 'Active',
    lastSavedIn: '',
  };
}

/** The catalog entry of a draft's action; the mapping only names actions the catalog has. */
export function actionEntry(catalog: ActionCatalog, draft: DraftAction): CatalogEntry {
  const entry = catalogEntry(catalog, draft.action);
  invariant(entry, `no catalog entry for ${draft.action}`);
  return entry;
}

function actionRecord(id: number, draft: DraftAction, entry: CatalogEntry, point: Point): Record<string, unknown> {
  return {
    actionId: id,
    libraryId: entry.libraryId,
    name: entry.name,
    version: entry.version,
    label: draft.label,
    dependencyOrder: String(id - 1),
    implType: entry.implType,
    x: point.x,
    y: point.y,
    xws: point.x,
    yws: point.y,
  };
}

/** Every catalog property, in catalog order, named; values the mapping did not set keep the default. */
function propertyRecord(draft: DraftAction, entry: CatalogEntry): Record<string, { name: string; value: string | readonly string[] }> {
  checkPropertyNames(draft, new Set(entry.properties.map((property) => property.name)), entry);
  return Object.fromEntries(
    entry.properties.map((property, index) => [
      String(index),
      // Only what the mapping set: a catalog property named like an Object member (`toString`) is not the object's.
      { name: property.name, value: propertyText(ownEntry(draft.properties, property.name)) ?? property.defaultValue },
    ]),
  );
}

function propertyText(value: string | JsonText | undefined): string | undefined {
  return value === undefined ? undefined : unescapedText(value);
}

/** Every property a mapping sets is one the catalog entry lists (`known`: its property names). */
export function checkPropertyNames(draft: DraftAction, known: ReadonlySet<string>, entry: CatalogEntry): void {
  for (const name of Object.keys(draft.properties)) invariant(known.has(name), `${entry.name} has no property ${name}`);
}

function branchRecord(
  branch: DraftBranch,
  position: number,
  entry: CatalogEntry,
  ids: ReadonlyMap<string, number>,
): Record<string, unknown> {
  return {
    to: branchTarget(branch, ids),
    label: branch.label,
    type: branch.type,
    index: branchIndex(branch, position, entry),
    ports: '',
    lineType: '',
    elbows: [],
  };
}

/** The id a branch leads to. */
export function branchTarget(branch: DraftBranch, ids: ReadonlyMap<string, number>): number {
  const to = ids.get(branch.to);
  invariant(to !== undefined, `branch to ${branch.to} has no id`);
  return to;
}

/** docs/cxone.md §6.7: default index 0; a named branch takes its catalog index; a case its position (MCP). */
export function branchIndex(branch: DraftBranch, position: number, entry: CatalogEntry): number {
  if (branch.type === 'default') {
    invariant(entry.branches.default, `${entry.name} has no Default branch`);
    return 0;
  }
  if (branch.type === 'branch') {
    const named = entry.branches.named.find((candidate) => candidate.name === branch.label);
    invariant(named, `${entry.name} has no branch ${branch.label}`);
    return named.index;
  }
  invariant(entry.branches.cases, `${entry.name} takes no cases`);
  return position;
}
