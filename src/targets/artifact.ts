import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { ReportInput } from '../flowspec/source.js';
import type { PackagingName, TargetName } from '../flowspec/targets.js';
import type { CatalogEntry } from './cxone/catalog/types.js';

export { TARGET_NAMES, isTargetName, type TargetName, PACKAGING_NAMES, isPackagingName, type PackagingName } from '../flowspec/targets.js';

/** What each generated file is, per producer; `manifest.json` lists it and the engines look artifacts up by it. */
export const ARTIFACT_KINDS = {
  ivrflow: ['ir', 'manifest', 'graph'],
  genesys: ['inboundCall', 'secureCall', 'dataAction', 'archyOptions'],
  cxone: ['script'],
  terraform: ['terraformModule'],
} as const satisfies Record<TargetName | PackagingName | 'ivrflow', readonly string[]>;
export type ArtifactProducer = keyof typeof ARTIFACT_KINDS;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[ArtifactProducer][number];

/** A generated file, relative to the flow's output folder. Emitters return these; only the CLI writes. */
export interface Artifact {
  /** POSIX relative path, e.g. `genesys/inbound-call.yaml`. */
  path: string;
  contents: string;
  target: ArtifactProducer;
  kind: ArtifactKind;
  /**
   * In memory only, never written: the spec path of the step behind each vendor object id in the
   * file (CXone: action id → step), so `ivrflow publish` can put the platform's per-action errors
   * at the step that produced the action without changing the file's bytes.
   */
  origins?: Readonly<Record<string, SpecPath>>;
}

/** A problem an emitter finds (a vendor limit, an unsupported construct), located by spec path. */
export type EmitProblem = ReportInput;

export interface EmitResult {
  artifacts: Artifact[];
  problems: EmitProblem[];
}

export interface EmitOptions {
  /** The spec's file name, for generated-file headers. Never an absolute path. */
  specFile: string;
  /** CXone action catalog entries from a tenant (`--cxone-catalog`), added to the built-in ones. */
  cxoneCatalog?: readonly CatalogEntry[];
  /**
   * `keep` when the artifacts are for a simulation (`ivrflow test`), not an upload: unfilled
   * `{{placeholders}}` then stand for themselves. Otherwise a target that cannot carry one reports it.
   */
  placeholders?: 'keep';
  /**
   * `--env`: the values the artifacts were compiled with, and the file's name (no folders). A target
   * whose deployment tool substitutes text at publish (Archy options files) writes the values of the
   * placeholders its own emitter adds (the default integration) into that tool's file.
   */
  environment?: { file: string; values: ReadonlyMap<string, string> };
}
