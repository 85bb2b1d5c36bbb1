import type { ActionCatalog, CatalogEntry } from '../catalog/types.js';
import type { DraftAction } from './draft.js';
import { invariant } from '../../../util/assert.js';
import { memoizeByObject, memoizeByString } from '../../../util/memo.js';
import { jsonInner } from '../../../util/json.js';
import { actionEntry, branchIndex, branchTarget, type NumberedActions, type ScriptHeader } from './script.js';

/**
 * The script file: byte for byte `JSON.stringify(serializeScript(…), null, 2)` and a newline
 * (test/targets/cxone/emit/script-text.test.ts compares the two), written as text. Building that
 * object and stringifying it was half of the emitter's time; here the text every action of one
 * catalog entry shares (its ids, property names and defaults) is encoded once per entry, and each
 * action adds only its own label, values, position and branches.
 */
export function scriptText(numbered: NumberedActions, catalog: ActionCatalog, header: ScriptHeader): string {
  const { order, points, ids } = numbered;
  const entryTexts = entryTextsOf(catalog);
  const headerJson = headerText(header, order.length);
  // One pass over the actions, each of the three sections one string appended to (V8 joins the
  // pieces once, when the text is read), not arrays joined at each level.
  let actions = '';
  let properties = '';
  let branches = '';
  for (let position = 0; position < order.length; position++) {
    const draft = order[position]!;
    const fixed = entryTexts(draft);
    const separator = position === 0 ? '\n' : ',\n';
    actions += separator + actionText(position + 1, draft, fixed, points[position]!);
    properties += separator + propertiesText(position + 1, draft, fixed);
    if (draft.branches.length > 0) branches += `${branches === '' ? '' : ','}\n${branchesText(position + 1, draft, fixed.entry, ids)}`;
  }
  return (
    `{\n  "scriptContent": {\n    "header": ${headerJson},\n    "actions": {${actions}\n    },\n    "properties": {${properties}` +
    `\n    },\n    "branches": ${branches === '' ? '{}' : `{${branches}\n    }`}\n  }\n}\n`
  );
}

/** `scriptHeader(header, actionCount)` as JSON.stringify lays it out at depth 2: written, not built and stringified. */
function headerText(header: ScriptHeader, actionCount: number): string {
  return (
    `{\n      "scriptName": "${jsonInner(header.scriptName)}",\n      "busNo": ${JSON.stringify(header.busNo)},` +
    `\n      "mediaType": 4,\n      "mediaTypeName": "call",\n      "purposeType": "General",` +
    `\n      "variableRedaction": "${jsonInner(header.variableRedaction)}",\n      "libraryId": null,\n      "masterId": null,` +
    `\n      "lockInfo": {\n        "lockedName": "",\n        "lockedId": "",\n        "lockedDate": ""\n      },` +
    `\n      "nextActionId": ${actionCount + 1},\n      "status": "Active",\n      "lastSavedIn": ""\n    }`
  );
}

/** A draft's entry text, the catalog looked up once per action name in this script rather than once per action. */
function entryTextsOf(catalog: ActionCatalog): (draft: DraftAction) => EntryText {
  const byName = new Map<string, EntryText>();
  return (draft) => {
    let text = byName.get(draft.action);
    if (text === undefined) {
      text = entryText(actionEntry(catalog, draft));
      byName.set(draft.action, text);
    }
    return text;
  };
}

/** The text of one catalog entry that does not depend on the action: encoded once per entry object. */
interface EntryText {
  entry: CatalogEntry;
  /** Each property name's places in the catalog order (one, unless a tenant catalog lists a name twice). */
  places: ReadonlyMap<string, readonly number[]>;
  /** From after `"actionId": <id>` to the label's value. */
  beforeLabel: string;
  /** From after `"dependencyOrder": "<id - 1>"` to x's value. */
  beforeX: string;
  /**
   * Per catalog property, in order: its member up to a string value (`"<index>": {` … `"value": "`,
   * the opening quote too, so a set value adds two pieces, not four), and whole with the default.
   */
  stringValueHeads: readonly string[];
  defaultMembers: readonly string[];
  /** The properties text of each set of property names a draft sets, found by the names in the draft's order. */
  templates: TemplateNode;
}

/**
 * A draft's names so far, and the drafts that set one more: a tree walked name by name (property
 * names are interned strings, so each step is a cheap Map lookup, not a key built and hashed).
 */
interface TemplateNode {
  names: readonly string[];
  next: Map<string, TemplateNode>;
  template?: PropertiesTemplate;
}

/**
 * The properties text of one action type and set of names, without the id: `pieces` around the
 * set values, which `slots` lists in catalog order as places in the draft's order of names.
 */
interface PropertiesTemplate {
  pieces: readonly string[];
  slots: readonly number[];
}

/** Labels repeat, flow after flow (captions of the same steps). */
const labelJson = memoizeByString(jsonInner);

const PROPERTY_END = '\n        }';
const STRING_VALUE_END = `"${PROPERTY_END}`;

const entryText = memoizeByObject((entry: CatalogEntry): EntryText => {
  const propertyHeads = entry.properties.map(
    (property, index) => `        "${index}": {\n          "name": ${JSON.stringify(property.name)},\n          "value": `,
  );
  return {
    entry,
    places: propertyPlaces(entry),
    beforeLabel: `,\n        "libraryId": ${JSON.stringify(entry.libraryId)},\n        "name": ${JSON.stringify(entry.name)},\n        "version": ${JSON.stringify(entry.version)},\n        "label": `,
    beforeX: `,\n        "implType": ${JSON.stringify(entry.implType)},\n        "x": `,
    stringValueHeads: propertyHeads.map((head) => `${head}"`),
    defaultMembers: entry.properties.map(
      (property, index) => `${propertyHeads[index]}${indented(JSON.stringify(property.defaultValue, null, 2), 10)}${PROPERTY_END}`,
    ),
    templates: { names: [], next: new Map() },
  };
});

function propertyPlaces(entry: CatalogEntry): Map<string, number[]> {
  const places = new Map<string, number[]>();
  entry.properties.forEach((property, index) => {
    const known = places.get(property.name);
    if (known) known.push(index);
    else places.set(property.name, [index]);
  });
  return places;
}

function actionText(id: number, draft: DraftAction, fixed: EntryText, point: { x: number; y: number }): string {
  const position = `${point.x},\n        "y": ${point.y},\n        "xws": ${point.x},\n        "yws": ${point.y}\n      }`;
  return `      "${id}": {\n        "actionId": ${id}${fixed.beforeLabel}"${labelJson(draft.label)}",\n        "dependencyOrder": "${id - 1}"${fixed.beforeX}${position}`;
}

/**
 * Every catalog property, in catalog order; values the mapping did not set keep the default. The
 * text around the set values is built once per set of names (templateOf); each action fills in its values.
 */
function propertiesText(id: number, draft: DraftAction, fixed: EntryText): string {
  const values: string[] = [];
  let node = fixed.templates;
  for (const name of Object.keys(draft.properties)) {
    const value = draft.properties[name];
    if (value === undefined) {
      invariant(fixed.places.has(name), `${fixed.entry.name} has no property ${name}`);
      continue;
    }
    node = childNode(node, name);
    values.push(typeof value === 'string' ? jsonInner(value) : value.json);
  }
  const { pieces, slots } = (node.template ??= templateOf(node.names, fixed));
  let text = `      "${id}": ${pieces[0]!}`;
  for (let index = 0; index < slots.length; index++) text += values[slots[index]!]! + pieces[index + 1]!;
  return text;
}

function childNode(node: TemplateNode, name: string): TemplateNode {
  let child = node.next.get(name);
  if (child === undefined) {
    child = { names: [...node.names, name], next: new Map() };
    node.next.set(name, child);
  }
  return child;
}

/** The properties text with `names` set (in the draft's order): the default members, and a slot where each set value goes. */
function templateOf(names: readonly string[], fixed: EntryText): PropertiesTemplate {
  const setBy: (number | undefined)[] = [];
  names.forEach((name, slot) => {
    const places = fixed.places.get(name);
    invariant(places !== undefined, `${fixed.entry.name} has no property ${name}`);
    for (const index of places) setBy[index] = slot;
  });
  if (fixed.defaultMembers.length === 0) return { pieces: ['{}'], slots: [] };
  const pieces: string[] = [];
  const slots: number[] = [];
  let piece = '{\n';
  fixed.defaultMembers.forEach((member, index) => {
    if (index > 0) piece += ',\n';
    const slot = setBy[index];
    if (slot === undefined) piece += member;
    else {
      pieces.push(piece + fixed.stringValueHeads[index]!);
      slots.push(slot);
      piece = STRING_VALUE_END;
    }
  });
  pieces.push(`${piece}\n      }`);
  return { pieces, slots };
}

function branchesText(id: number, draft: DraftAction, entry: CatalogEntry, ids: ReadonlyMap<string, number>): string {
  let text = `      "${id}": [`;
  draft.branches.forEach((branch, position) => {
    text += `${position === 0 ? '\n' : ',\n'}        {\n          "to": ${branchTarget(branch, ids)},\n          "label": "${jsonInner(branch.label)}",\n          "type": "${branch.type}",\n          "index": ${branchIndex(branch, position, entry)},\n          "ports": "",\n          "lineType": "",\n          "elbows": []\n        }`;
  });
  return `${text}\n      ]`;
}

/** JSON text laid out at depth 0, moved to start at `indent` (a JSON string holds no raw newline). */
function indented(json: string, indent: number): string {
  return json.replaceAll('\n', `\n${' '.repeat(indent)}`);
}
