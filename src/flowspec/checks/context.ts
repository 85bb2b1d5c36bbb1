import type { FlowIndex } from '../flow-index.js';
import type { DiagnosticSink } from '../source.js';
import type { FlowSpec } from '../types.js';

/** What every semantic check receives: the schema-valid spec, its index and the diagnostic sink. */
export interface CheckContext {
  spec: FlowSpec;
  index: FlowIndex;
  sink: DiagnosticSink;
}

export type Check = (context: CheckContext) => void;
