import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors } from './diagnostics/diagnostic.js';
import { sortDiagnostics } from './diagnostics/sort.js';
import { TARGET_NAMES, type Artifact, type EmitOptions, type TargetName } from './targets/artifact.js';
import { TARGETS, checkTargets } from './targets/index.js';
import { PACKAGINGS, type PackagingName } from './targets/packaging.js';
import { emitIr } from './targets/emit-ir.js';
import { emitGraph } from './targets/emit-graph.js';
import type { GraphFormat } from './graph/render.js';
import { guardSensitiveFlow } from './ir/guard.js';
import { invariant } from './util/assert.js';
import { lowerToIr } from './ir/lower.js';
import type { RuleConfig } from './lint/config.js';
import { lintSpec } from './lint/run.js';
import type { FlowGraph } from './ir/nodes.js';
import { checkEnvironment } from './flowspec/environment.js';
import { loadSpec } from './flowspec/load.js';
import { resolveIncludes, type IncludeReader } from './flowspec/include.js';
import { DiagnosticSink, type SpecSource } from './flowspec/source.js';
import type { FlowSpec } from './flowspec/types.js';
import { validateSpec } from './flowspec/validate.js';

export interface CheckOptions {
  /** Values for `{{placeholders}}`; when given, every placeholder must have one. */
  environment?: ReadonlyMap<string, string>;
  /** Policy rule levels from ivrflow.config.yaml; rules not listed run at their defaults. */
  rules?: RuleConfig;
  /** The vendors compiled to; their limits and naming rules are checked for these. All by default. */
  targets?: readonly TargetName[];
  /** Reads the files a spec's `include:` names (the CLI's reads them beside the spec); without it an include is an error. */
  readInclude?: IncludeReader;
}

export interface CompileOptions extends CheckOptions {
  /** Tenant CXone catalog entries (`--cxone-catalog`), passed to the cxone emitter. */
  cxoneCatalog?: EmitOptions['cxoneCatalog'];
  /** `keep` for a simulation: unfilled placeholders stand for themselves (EmitOptions). */
  placeholders?: EmitOptions['placeholders'];
  /** The `--env` file's name, for the files that say which environment they were filled for. */
  environmentFile?: string;
  /** Packagings of the emitted artifacts (`--target terraform`); each packaged vendor must be among `targets`. */
  packagings?: readonly PackagingName[];
  /** `generate --graph`: the step graph drawn in this language, as one more artifact. */
  graph?: GraphFormat;
}

export interface CheckResult {
  source: SpecSource;
  /** Sorted and de-duplicated. */
  diagnostics: Diagnostic[];
  spec?: FlowSpec;
  graph?: FlowGraph;
}

export interface CompileResult extends CheckResult {
  /** Present only when there were no errors. The manifest is not among them. */
  artifacts?: Artifact[];
}

/** Load, validate and lower one spec. The graph is present only when there were no errors. */
export function checkSpec(file: string, bytes: Uint8Array, options: CheckOptions = {}): CheckResult {
  const loaded = resolveIncludes(loadSpec(file, bytes), options.readInclude);
  const validated = validateSpec(loaded);
  const diagnostics = [...validated.diagnostics];
  if (!validated.spec || !validated.index || hasErrors(diagnostics))
    return { source: loaded.source, diagnostics: sortDiagnostics(diagnostics) };
  const sink = new DiagnosticSink(loaded.source);
  if (options.environment) checkEnvironment(validated.spec, options.environment, sink, options.targets);
  // The policy rules trust a spec whose references and graph are sound.
  if (!hasErrors(sink.diagnostics)) lintSpec(validated.spec, validated.index, sink, options.rules ? { config: options.rules } : {});
  diagnostics.push(...sink.diagnostics);
  if (hasErrors(diagnostics)) return { source: loaded.source, diagnostics: sortDiagnostics(diagnostics), spec: validated.spec };
  const graph = lowerToIr(validated.index, options.environment ? { environment: options.environment } : {});
  const targetSink = new DiagnosticSink(loaded.source);
  // The security invariant below the rules: no configuration turns it off, every target relies on it.
  for (const leak of guardSensitiveFlow(graph)) targetSink.report(leak);
  // Vendor limits and naming rules, once per selected target, before any emitter runs.
  for (const problem of checkTargets(graph, options.targets ?? TARGET_NAMES)) targetSink.report(problem);
  diagnostics.push(...targetSink.diagnostics);
  const result: CheckResult = { source: loaded.source, diagnostics: sortDiagnostics(diagnostics), spec: validated.spec };
  if (!hasErrors(diagnostics)) result.graph = graph;
  return result;
}

/** The whole pipeline for one spec: check, then emit every requested target plus the IR dump. */
export async function compileSpec(file: string, bytes: Uint8Array, options: CompileOptions = {}): Promise<CompileResult> {
  const checked = checkSpec(file, bytes, options);
  if (!checked.graph) return checked;
  const sink = new DiagnosticSink(checked.source);
  const artifacts: Artifact[] = [emitIr(checked.graph)];
  if (options.graph) artifacts.push(emitGraph(checked.graph, options.graph));
  const emitOptions: EmitOptions = {
    specFile: baseName(file),
    ...(options.cxoneCatalog ? { cxoneCatalog: options.cxoneCatalog } : {}),
    ...(options.placeholders ? { placeholders: options.placeholders } : {}),
    ...(options.environment
      ? {
          environment: {
            file: options.environmentFile === undefined ? 'the --env file' : baseName(options.environmentFile),
            values: options.environment,
          },
        }
      : {}),
  };
  for (const target of options.targets ?? TARGET_NAMES) {
    const emitted = await TARGETS[target].emit(checked.graph, emitOptions);
    artifacts.push(...emitted.artifacts);
    for (const problem of emitted.problems) sink.report(problem);
  }
  for (const packaging of options.packagings ?? []) {
    const { packages, build } = PACKAGINGS[packaging];
    invariant((options.targets ?? TARGET_NAMES).includes(packages), `${packaging} packages ${packages}, which is not among the targets`);
    const built = await build(
      checked.graph,
      artifacts.filter((artifact) => artifact.target === packages),
      emitOptions,
    );
    artifacts.push(...built.artifacts);
    for (const problem of built.problems) sink.report(problem);
  }
  const diagnostics = sortDiagnostics([...checked.diagnostics, ...sink.diagnostics]);
  return hasErrors(diagnostics) ? { ...checked, diagnostics } : { ...checked, diagnostics, artifacts };
}

/** The last segment of a path, with either separator. Artifacts never name the spec's folders. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
