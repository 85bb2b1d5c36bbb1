import { invariant } from '../../../util/assert.js';
import type { ActionCatalog, CatalogEntry } from '../catalog/types.js';
import { catalogEntry } from '../catalog/index.js';
import type { DraftAction, DraftBranch } from './draft.js';
import { layoutLayers, type Point } from './layout.js';

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

/**
 * Numbers the actions in breadth-first order from `start` (so BEGIN is 1 and ids read top to
 * bottom), drops nothing reachable and keeps nothing unreachable.
 */
export function serializeScript(drafts: readonly DraftAction[], start: string, catalog: ActionCatalog, header: ScriptHeader): ScriptBody {
  const byKey = new Map(drafts.map((draft) => [draft.key, draft] as const));
  const { order, depth } = breadthFirst(byKey, start);
  const ids = new Map(order.map((key, position) => [key, position + 1] as const));
  const points = layoutLayers(order.map((key) => depth.get(key)!));
  const content: ScriptBody['scriptContent'] = {
    header: {
      scriptName: header.scriptName,
      busNo: header.busNo,
      mediaType: 4,
      mediaTypeName: 'call',
      purposeType: 'General',
      variableRedaction: header.variableRedaction,
      libraryId: null,
      masterId: null,
      lockInfo: { lockedName: '', lockedId: '', lockedDate: '' },
      nextActionId: order.length + 1,
      status: 'Active',
      lastSavedIn: '',
    },
    actions: {},
    properties: {},
    branches: {},
  };
  order.forEach((key, position) => {
    const draft = byKey.get(key)!;
    const entry = catalogEntry(catalog, draft.action);
    invariant(entry, `no catalog entry for ${draft.action}`);
    const id = position + 1;
    content.actions[id] = actionRecord(id, draft, entry, points[position]!);
    content.properties[id] = propertyRecord(draft, entry);
    if (draft.branches.length > 0) content.branches[id] = draft.branches.map((branch, index) => branchRecord(branch, index, entry, ids));
  });
  return { scriptContent: content };
}

/** The draft keys in action-id order (id = position + 1), as serializeScript numbers them. */
export function actionKeysInIdOrder(drafts: readonly DraftAction[], start: string): string[] {
  return breadthFirst(new Map(drafts.map((draft) => [draft.key, draft] as const)), start).order;
}

function breadthFirst(byKey: ReadonlyMap<string, DraftAction>, start: string): { order: string[]; depth: Map<string, number> } {
  const depth = new Map([[start, 0]]);
  const order = [start];
  for (let position = 0; position < order.length; position++) {
    const draft = byKey.get(order[position]!);
    invariant(draft, `branch to a missing action ${order[position]}`);
    for (const branch of draft.branches) {
      if (depth.has(branch.to)) continue;
      depth.set(branch.to, depth.get(draft.key)! + 1);
      order.push(branch.to);
    }
  }
  return { order, depth };
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
  const known = new Set(entry.properties.map((property) => property.name));
  for (const name of Object.keys(draft.properties)) invariant(known.has(name), `${entry.name} has no property ${name}`);
  return Object.fromEntries(
    entry.properties.map((property, index) => [
      String(index),
      { name: property.name, value: draft.properties[property.name] ?? property.defaultValue },
    ]),
  );
}

/** docs/cxone.md §6.7: default index 0; a named branch takes its catalog index; a case its position (MCP). */
function branchRecord(
  branch: DraftBranch,
  position: number,
  entry: CatalogEntry,
  ids: ReadonlyMap<string, number>,
): Record<string, unknown> {
  const to = ids.get(branch.to);
  invariant(to !== undefined, `branch to ${branch.to} has no id`);
  let index = position;
  if (branch.type === 'default') {
    invariant(entry.branches.default, `${entry.name} has no Default branch`);
    index = 0;
  } else if (branch.type === 'branch') {
    const named = entry.branches.named.find((candidate) => candidate.name === branch.label);
    invariant(named, `${entry.name} has no branch ${branch.label}`);
    index = named.index;
  } else {
    invariant(entry.branches.cases, `${entry.name} takes no cases`);
  }
  return { to, label: branch.label, type: branch.type, index, ports: '', lineType: '', elbows: [] };
}
