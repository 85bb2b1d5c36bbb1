import type { Diagnostic } from '../diagnostics/diagnostic.js';

import type { Check } from './checks/context.js';
import { checkEndpointRequests } from './checks/endpoint-requests.js';
import { checkEndpointUrls } from './checks/endpoint-urls.js';
import { checkHttpOutcomes } from './checks/http-outcomes.js';
import { checkGraph } from './checks/graph.js';
import { checkSpecStrings } from './checks/spec-text.js';
import { checkReferences } from './checks/references.js';
import { checkSecureSection } from './checks/secure.js';
import { checkTypes } from './checks/types.js';
import { checkMenus } from './checks/menus.js';
import { checkTransfers } from './checks/transfers.js';
import { checkPrompts } from './checks/prompts.js';
import { checkLanguage } from './checks/language.js';
import { FlowIndex } from './flow-index.js';
import type { LoadedSpec } from './load.js';
import { checkSchema } from './schema.js';
import { checkSpecVersion } from './spec-version.js';
import { DiagnosticSink } from './source.js';
import type { FlowSpec } from './types.js';

const SEMANTIC_CHECKS: readonly Check[] = [
  checkSpecVersion,
  checkReferences,
  checkGraph,
  checkTypes,
  checkSecureSection,
  checkSpecStrings,
  checkEndpointUrls,
  checkEndpointRequests,
  checkHttpOutcomes,
  checkMenus,
  checkTransfers,
  checkPrompts,
  checkLanguage,
];

export interface ValidatedSpec {
  spec?: FlowSpec;
  index?: FlowIndex;
  diagnostics: Diagnostic[];
}

/**
 * Schema first, then the semantic checks. The semantic checks run only on schema-valid data,
 * because they trust its shape; the lowering runs only when neither found an error.
 */
export function validateSpec(loaded: LoadedSpec): ValidatedSpec {
  // An include that could not be merged leaves a flow with holes: its errors are the ones to fix first.
  if (loaded.data === undefined || loaded.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { diagnostics: loaded.diagnostics };
  const sink = new DiagnosticSink(loaded.source);
  if (!checkSchema(loaded.data, sink)) return { diagnostics: sink.diagnostics };
  const spec = loaded.data as FlowSpec;
  const index = new FlowIndex(spec);
  for (const check of SEMANTIC_CHECKS) check({ spec, index, sink });
  return { spec, index, diagnostics: sink.diagnostics };
}
