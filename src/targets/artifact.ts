import type { ReportInput } from '../flowspec/source.js';
import type { TargetName } from '../flowspec/targets.js';

export { TARGET_NAMES, isTargetName, type TargetName } from '../flowspec/targets.js';

/** A generated file, relative to the flow's output folder. Emitters return these; only the CLI writes. */
export interface Artifact {
  /** POSIX relative path, e.g. `genesys/identity-promotion.inbound.yaml`. */
  path: string;
  contents: string;
  target: TargetName | 'ivrflow';
  /** What the file is, e.g. `ir`, `inboundCall`, `secureCall`, `dataAction`, `script`. */
  kind: string;
}

/** A problem an emitter finds (a vendor limit, an unsupported construct), located by spec path. */
export type EmitProblem = ReportInput;

export interface EmitResult {
  artifacts: Artifact[];
  problems: EmitProblem[];
}
