/** ivrflow's public API: the pipeline stages and the types they exchange. */
export { checkSpec, compileSpec, type CheckOptions, type CheckResult, type CompileOptions, type CompileResult } from './pipeline.js';
export type { Diagnostic, DiagnosticCode, Severity, SourceSpan, SpecPath } from './diagnostics/diagnostic.js';
export { renderJson } from './diagnostics/render/json.js';
export { renderStylish } from './diagnostics/render/stylish.js';
export type { FlowSpec, StepSpec } from './flowspec/types.js';
export type { FlowGraph, FlowNode } from './ir/nodes.js';
export type { Artifact, TargetName } from './targets/artifact.js';
export { buildManifest } from './targets/manifest.js';
