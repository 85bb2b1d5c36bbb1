import type { FlowGraph } from '../../../ir/nodes.js';
import { docUrl } from '../../../util/package-info.js';
import type { EmitProblem } from '../../artifact.js';
import { catalogEntry } from '../catalog/index.js';
import type { ActionCatalog } from '../catalog/types.js';
import { REST_API_SENDS_ON_FAILURE } from '../facts.js';
import { calledEndpoints } from '../called-endpoints.js';

/**
 * With a tenant catalog the script calls through the REST API action, which sends a request again
 * after a failure answer (facts.ts). The middleware then sees the same interaction id and timestamp
 * twice: a replay cache rejects the copy, and an attempts counter that answers a wrong code with an
 * error status counts it twice. One note per endpoint the flow calls, so the backend team knows.
 */
export function reportRepeatedRequests(graph: FlowGraph, catalog: ActionCatalog): EmitProblem[] {
  if (!catalogEntry(catalog, 'RESTAPI')) return [];
  return calledEndpoints(graph).map((endpoint) => ({
    code: 'target/platform-repeats-request' as const,
    severity: 'info' as const,
    message: `On CXone the REST API action sends a request to \`${endpoint.id}\` up to ${REST_API_SENDS_ON_FAILURE} times when the answer has a status outside 2xx, with the same interaction id and timestamp.`,
    path: endpoint.origin,
    onKey: true,
    hint: `Answer a wrong credential with 200 and a failure status in the body, and let a repeat of an answered request get the same answer rather than a replay rejection (${docUrl('cxone.md')}).`,
  }));
}
