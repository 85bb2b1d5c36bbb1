import type { IrEndpoint, IrValue } from '../../../ir/nodes.js';
import type { ValueType } from '../../../flowspec/types.js';
import type { GenesysContext } from './context.js';
import { requestTemplate, requestUrlTemplate, successTemplate, urlInputs, velocityText } from './velocity.js';
import { translationDefault } from '../unverified.js';
import { isSecureDataAction } from '../conventions.js';
import { recordOf } from '../../../util/own.js';
import { jsonString } from '../../../util/json.js';

/** JSON Schema types of the contract (docs/genesys.md §4.2). */
const SCHEMA_TYPE: Readonly<Record<ValueType, string>> = { string: 'string', integer: 'integer', number: 'number', boolean: 'boolean' };

/**
 * The Web Services data action (`custom-rest-actions`) for one endpoint, in the import/export shape
 * of docs/genesys.md §4.2, as the JSON text `JSON.stringify(…, null, 2)` lays out. The bearer token
 * comes from the integration's credentials by name, never from the flow. `secure: true` when the
 * action verifies or receives a credential. Written as text around the few values an endpoint
 * gives: an object stringified with indentation was an eighth of Genesys emission.
 * `test/targets/genesys/emit/data-action.test.ts` holds the layout to JSON.stringify's.
 */
export function dataActionJson(endpoint: IrEndpoint, context: GenesysContext): string {
  const inputs = [
    ...endpoint.body.filter(
      (entry): entry is { field: string; value: Exclude<IrValue, { kind: 'literal' }> } => entry.value.kind !== 'literal',
    ),
    ...urlInputs(endpoint),
  ];
  const fields = endpoint.responseFields;
  const name = context.names.dataActions.get(endpoint.id) ?? endpoint.id;
  const translationMap = recordOf(fields, fieldName, (field) => `$.${field.name}`);
  const translationMapDefaults = recordOf(fields, fieldName, (field) => translationDefault(field.type));
  const inputTypes = recordOf(
    inputs,
    (input) => input.field,
    (input) => input.value.type,
  );
  const outputTypes = recordOf(fields, fieldName, (field) => field.type);
  return `{
  "name": ${jsonString(name)},
  "integrationType": "custom-rest-actions",
  "actionType": "custom",
  "secure": ${JSON.stringify(isSecureDataAction(endpoint))},
  "config": {
    "timeoutSeconds": ${JSON.stringify(Math.ceil(endpoint.timeoutSeconds))},
    "request": {
      "requestUrlTemplate": ${jsonString(requestUrlTemplate(endpoint))},
      "requestType": ${jsonString(endpoint.method)},
      "headers": ${jsonObject(6, headers(endpoint), jsonString)},
      "requestTemplate": ${jsonString(requestTemplate(endpoint))}
    },
    "response": {
      "translationMap": ${jsonObject(6, translationMap, jsonString)},
      "translationMapDefaults": ${jsonObject(6, translationMapDefaults, jsonString)},
      "successTemplate": ${jsonString(successTemplate(endpoint))}
    }
  },
  "contract": {
    "input": {
      "inputSchema": {
        "type": "object",
        "required": ${jsonArray(
          8,
          inputs.map(({ field }) => jsonString(field)),
        )},
        "properties": ${jsonObject(8, inputTypes, (type) => TYPE_SCHEMA_8[type])}
      }
    },
    "output": {
      "successSchema": {
        "type": "object",
        "properties": ${jsonObject(8, outputTypes, (type) => TYPE_SCHEMA_8[type])}
      }
    }
  }
}
`;
}

/**
 * An object's JSON at a nesting of `indent` spaces, laid out as `JSON.stringify(…, null, 2)` lays it
 * out: its keys in `Object.keys` order (the record's own, as JSON.stringify reads them), each value
 * written by `valueText` at the next nesting.
 */
function jsonObject<T>(indent: number, record: Readonly<Record<string, T>>, valueText: (value: T) => string): string {
  let text = '';
  for (const key of Object.keys(record))
    text += `${text === '' ? '{' : ','}${lineStart(indent + 2)}${jsonString(key)}: ${valueText(record[key]!)}`;
  return text === '' ? '{}' : `${text}${lineStart(indent)}}`;
}

/** An array's JSON at a nesting of `indent` spaces, as `JSON.stringify(…, null, 2)` lays it out, of its items' JSON. */
function jsonArray(indent: number, itemTexts: readonly string[]): string {
  let text = '';
  for (const item of itemTexts) text += `${text === '' ? '[' : ','}${lineStart(indent + 2)}${item}`;
  return text === '' ? '[]' : `${text}${lineStart(indent)}]`;
}

const lineStarts = new Map<number, string>();

function lineStart(indent: number): string {
  let text = lineStarts.get(indent);
  if (text === undefined) {
    text = `\n${' '.repeat(indent)}`;
    lineStarts.set(indent, text);
  }
  return text;
}

/** JSON Schema `{ "type": … }` of each value type, as the value of a key at a nesting of 8 spaces. */
const TYPE_SCHEMA_8: Readonly<Record<ValueType, string>> = {
  string: typeSchema8('string'),
  integer: typeSchema8('integer'),
  number: typeSchema8('number'),
  boolean: typeSchema8('boolean'),
};

function typeSchema8(type: ValueType): string {
  return `{${lineStart(12)}"type": ${JSON.stringify(SCHEMA_TYPE[type])}${lineStart(10)}}`;
}

function fieldName(field: { name: string }): string {
  return field.name;
}

/**
 * Header values are Velocity templates too; the bearer token is `${credentials.<secret>}`. A spec
 * `Authorization` header would be a token written into the spec: the IR guard refuses it first.
 */
function headers(endpoint: IrEndpoint): Record<string, string> {
  const result: Record<string, string> = {};
  if (endpoint.bearerSecret !== undefined) result['Authorization'] = `Bearer \${credentials.${endpoint.bearerSecret}}`;
  if (endpoint.body.length > 0) result['Content-Type'] = 'application/json';
  for (const header of endpoint.headers) {
    const existing = Object.keys(result).find((name) => name.toLowerCase() === header.name.toLowerCase());
    if (existing !== undefined) delete result[existing];
    result[header.name] = velocityText(header.value);
  }
  return result;
}
