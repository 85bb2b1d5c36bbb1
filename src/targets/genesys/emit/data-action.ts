import type { IrEndpoint, IrValue } from '../../../ir/nodes.js';
import type { ValueType } from '../../../flowspec/types.js';
import type { GenesysContext } from './context.js';
import { requestTemplate, requestUrlTemplate, successTemplate, urlInputs, velocityText } from './velocity.js';
import { translationDefault } from '../unverified.js';
import { isSecureDataAction } from '../conventions.js';
import { recordOf } from '../../../util/own.js';

/** JSON Schema types of the contract (docs/genesys.md §4.2). */
const SCHEMA_TYPE: Readonly<Record<ValueType, string>> = { string: 'string', integer: 'integer', number: 'number', boolean: 'boolean' };

/**
 * The Web Services data action (`custom-rest-actions`) for one endpoint, in the import/export shape
 * of docs/genesys.md §4.2. The bearer token comes from the integration's credentials by name,
 * never from the flow. `secure: true` when the action verifies or receives a credential.
 */
export function buildDataAction(endpoint: IrEndpoint, context: GenesysContext): object {
  const inputs = [
    ...endpoint.body.filter(
      (entry): entry is { field: string; value: Exclude<IrValue, { kind: 'literal' }> } => entry.value.kind !== 'literal',
    ),
    ...urlInputs(endpoint),
  ];
  const secure = isSecureDataAction(endpoint);
  return {
    name: context.names.dataActions.get(endpoint.id) ?? endpoint.id,
    integrationType: 'custom-rest-actions',
    actionType: 'custom',
    secure,
    config: {
      timeoutSeconds: Math.ceil(endpoint.timeoutSeconds),
      request: {
        requestUrlTemplate: requestUrlTemplate(endpoint),
        requestType: endpoint.method,
        headers: headers(endpoint),
        requestTemplate: requestTemplate(endpoint),
      },
      response: {
        translationMap: recordOf(endpoint.responseFields, fieldName, (field) => `$.${field.name}`),
        translationMapDefaults: recordOf(endpoint.responseFields, fieldName, (field) => translationDefault(field.type)),
        successTemplate: successTemplate(endpoint),
      },
    },
    contract: {
      input: {
        inputSchema: {
          type: 'object',
          required: inputs.map(({ field }) => field),
          properties: recordOf(
            inputs,
            (input) => input.field,
            (input) => ({ type: SCHEMA_TYPE[input.value.type] }),
          ),
        },
      },
      output: {
        successSchema: {
          type: 'object',
          properties: recordOf(endpoint.responseFields, fieldName, (field) => ({ type: SCHEMA_TYPE[field.type] })),
        },
      },
    },
  };
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
