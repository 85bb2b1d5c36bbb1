import type { ActionCatalog, CatalogEntry } from '../catalog/types.js';
import type { DraftAction } from './draft.js';
import { jsonInner } from './json-text.js';
import {
  actionEntry,
  branchIndex,
  branchTarget,
  checkPropertyNames,
  scriptHeader,
  type NumberedActions,
  type ScriptHeader,
} from './script.js';

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
  names: ReadonlySet<string>;
  /** From after `"actionId": <id>` to the label's value. */
  beforeLabel: string;
  /** From after `"dependencyOrder": "<id - 1>"` to x's value. */
  beforeX: string;
  /** Per catalog property, in order: its member up to the value (`"<index>": {` … `"value": `), and whole with the default. */
  propertyHeads: readonly string[];
  defaultMembers: readonly string[];
}

const PROPERTY_END = '\n        }';

const ENTRY_TEXT = new WeakMap<CatalogEntry, EntryText>();

function entryText(entry: CatalogEntry): EntryText {
  let text = ENTRY_TEXT.get(entry);
  if (!text) {
    const propertyHeads = entry.properties.map(
      (property, index) => `        "${index}": {\n          "name": ${JSON.stringify(property.name)},\n          "value": `,
    );
    text = {
      entry,
      names: new Set(entry.properties.map((property) => property.name)),
      beforeLabel: `,\n        "libraryId": ${JSON.stringify(entry.libraryId)},\n        "name": ${JSON.stringify(entry.name)},\n        "version": ${JSON.stringify(entry.version)},\n        "label": `,
      beforeX: `,\n        "implType": ${JSON.stringify(entry.implType)},\n        "x": `,
      propertyHeads,
      defaultMembers: entry.properties.map(
        (property, index) => `${propertyHeads[index]}${indented(JSON.stringify(property.defaultValue, null, 2), 10)}${PROPERTY_END}`,
      ),
    };
    ENTRY_TEXT.set(entry, text);
  }
  return text;
}

function actionText(id: number, draft: DraftAction, fixed: EntryText, point: { x: number; y: number }): string {
  const position = `${point.x},\n        "y": ${point.y},\n        "xws": ${point.x},\n        "yws": ${point.y}\n      }`;
  return `      "${id}": {\n        "actionId": ${id}${fixed.beforeLabel}"${jsonInner(draft.label)}",\n        "dependencyOrder": "${id - 1}"${fixed.beforeX}${position}`;
}

/** Every catalog property, in catalog order; values the mapping did not set keep the default. */
function propertiesText(id: number, draft: DraftAction, fixed: EntryText): string {
  checkPropertyNames(draft, fixed.names, fixed.entry);
  const properties = fixed.entry.properties;
  if (properties.length === 0) return `      "${id}": {}`;
  let text = `      "${id}": {`;
  properties.forEach((property, index) => {
    const value = draft.properties[property.name];
    const member =
      value === undefined
        ? fixed.defaultMembers[index]
        : `${fixed.propertyHeads[index]}"${typeof value === 'string' ? jsonInner(value) : value.json}"${PROPERTY_END}`;
    text += `${index === 0 ? '\n' : ',\n'}${member}`;
  });
  return `${text}\n      }`;
}

function branchesText(id: number, draft: DraftAction, entry: CatalogEntry, ids: ReadonlyMap<string, number>): string {
  const records = draft.branches.map(
    (branch, position) =>
      `        {\n          "to": ${branchTarget(branch, ids)},\n          "label": "${jsonInner(branch.label)}",\n          "type": "${branch.type}",\n          "index": ${branchIndex(branch, position, entry)},\n          "ports": "",\n          "lineType": "",\n          "elbows": []\n        }`,
  );
  return `      "${id}": [\n${records.join(',\n')}\n      ]`;
}

/** JSON text laid out at depth 0, moved to start at `indent` (a JSON string holds no raw newline). */
function indented(json: string, indent: number): string {
  return json.replaceAll('\n', `\n${' '.repeat(indent)}`);
}
