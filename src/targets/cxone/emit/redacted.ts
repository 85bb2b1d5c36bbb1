import type { FlowGraph } from '../../../ir/nodes.js';
import { catalogEntry } from '../catalog/index.js';
import type { ActionCatalog } from '../catalog/types.js';
import { headersVariable, requestObjectVariable, requestVariable, tokenVariable, probeVariable } from '../conventions.js';

/**
 * Every variable that can hold a secret: sensitive spec variables and their gathers' probes, the bearer-token variables, the
 * request text of each call that sends a sensitive value, and (REST API action) the header text.
 */
export function redactedVariables(graph: FlowGraph, catalog: ActionCatalog): string[] {
  const names = graph.variables.filter((variable) => variable.sensitive).map((variable) => variable.name);
  for (const node of graph.nodes) {
    if (node.kind === 'gather' && node.sensitive) names.push(probeVariable(node.id));
    if (node.kind !== 'http') continue;
    const endpoint = graph.endpoints.find((candidate) => candidate.id === node.endpoint);
    if (!endpoint) continue;
    if (endpoint.bearerSecret !== undefined) names.push(tokenVariable(endpoint.bearerSecret));
    if (endpoint.body.some(({ value }) => value.kind === 'variable' && value.sensitive))
      names.push(requestVariable(node.id), requestObjectVariable(node.id));
    if (endpoint.bearerSecret !== undefined && catalogEntry(catalog, 'RESTAPI')) names.push(headersVariable(node.id));
  }
  return names;
}
