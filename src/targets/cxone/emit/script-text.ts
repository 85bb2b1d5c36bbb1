import type { ActionCatalog, CatalogEntry } from '../catalog/types.js';
import type { DraftAction } from './draft.js';
import { invariant } from '../../../util/assert.js';
import { memoizeByString } from '../../../util/memo.js';
import { jsonInner } from './json-text.js';
import { actionEntry, branchIndex, branchTarget, scriptHeader, type NumberedActions, type ScriptHeader } from './script.js';

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
  const headerJson = indented(JSON.stringify(scriptHeader(header, order.length), null, 2), 4);
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
}

/** Labels repeat, flow after flow (captions of the same steps). */
const labelJson = memoizeByString(jsonInner);

const PROPERTY_END = '\n        }';
const STRING_VALUE_END = `"${PROPERTY_END}`;

const ENTRY_TEXT = new WeakMap<CatalogEntry, EntryText>();

function entryText(entry: CatalogEntry): EntryText {
  let text = ENTRY_TEXT.get(entry);
  if (!text) {
    const propertyHeads = entry.properties.map(
      (property, index) => `        "${index}": {\n          "name": ${JSON.stringify(property.name)},\n          "value": `,
    );
    text = {
      entry,
      places: propertyPlaces(entry),
      beforeLabel: `,\n        "libraryId": ${JSON.stringify(entry.libraryId)},\n        "name": ${JSON.stringify(entry.name)},\n        "version": ${JSON.stringify(entry.version)},\n        "label": `,
      beforeX: `,\n        "implType": ${JSON.stringify(entry.implType)},\n        "x": `,
      stringValueHeads: propertyHeads.map((head) => `${head}"`),
      defaultMembers: entry.properties.map(
        (property, index) => `${propertyHeads[index]}${indented(JSON.stringify(property.defaultValue, null, 2), 10)}${PROPERTY_END}`,
      ),
    };
    ENTRY_TEXT.set(entry, text);
  }
  return text;
}

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
 * draft's own properties are looked up by name (a few), not every catalog property in the draft.
 */
function propertiesText(id: number, draft: DraftAction, fixed: EntryText): string {
  const members = fixed.defaultMembers.slice();
  for (const name of Object.keys(draft.properties)) {
    const places = fixed.places.get(name);
    invariant(places !== undefined, `${fixed.entry.name} has no property ${name}`);
    const value = draft.properties[name];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? jsonInner(value) : value.json;
    for (const index of places) members[index] = fixed.stringValueHeads[index]! + text + STRING_VALUE_END;
  }
  if (members.length === 0) return `      "${id}": {}`;
  // Appended, not joined: join would copy every member into one new string here.
  let text = `      "${id}": {\n${members[0]!}`;
  for (let index = 1; index < members.length; index++) text += `,\n${members[index]!}`;
  return `${text}\n      }`;
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
