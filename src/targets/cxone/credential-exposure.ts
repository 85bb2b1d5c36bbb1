import { docUrl } from '../../util/package-info.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { calledEndpoints } from './called-endpoints.js';

/**
 * CXone gives a script no way to hold a bearer token outside its own text that ivrflow can emit
 * today: Integration Hub keeps credentials out of scripts (ConnectAuth / ConnectRequest, help
 * https://help.nicecxone.com/Content/integrationhub/integrationhub.htm), but those actions' library
 * GUIDs and requestPayload members are not public. So every call with a bearer token says where
 * the token will live once the upload step fills it (docs/cxone.md, *Where the token lives*).
 */
export function reportCredentialExposure(graph: FlowGraph): EmitProblem[] {
  return calledEndpoints(graph)
    .filter((endpoint) => endpoint.bearerSecret !== undefined)
    .map((endpoint) => ({
      code: 'target/credential-in-script' as const,
      severity: 'warning' as const,
      message: `On CXone the bearer token \`${endpoint.bearerSecret!}\` of \`${endpoint.id}\` is saved in the script: the upload step writes it into an ASSIGN, and every saved version, GET /scripts answer and version-control copy keeps it.`,
      path: [...endpoint.origin, 'auth', 'bearer'],
      hint: `Use a token scoped to this endpoint that you can rotate, allow only CXone egress addresses on the middleware, and keep its replay window short (${docUrl('cxone.md')}).`,
    }));
}
