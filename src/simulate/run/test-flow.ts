import type { Diagnostic, Position } from '../../diagnostics/diagnostic.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import type { TargetName } from '../../targets/artifact.js';
import { checkSpec, compileSpec, type CheckOptions, type CompileOptions } from '../../pipeline.js';
import { locate } from '../../flowspec/source.js';
import { docUrl } from '../../util/package-info.js';
import { createEngine, type CompiledFlow } from '../engines.js';
import { EngineError, type Engine, type EngineName } from '../../targets/engine-contract.js';
import type { FlowTestReport } from '../report/model.js';
import { runScenarios, type RunOptions } from './run-scenarios.js';
import { loadScenarioFile } from '../scenario/load.js';
import { fillExpectedRequests } from '../scenario/environment.js';
import type { Scenario } from '../scenario/types.js';

export interface FlowFiles {
  spec: string;
  specBytes: Uint8Array;
  scenarioFile: string;
  /** Undefined when there is no scenario file. */
  scenarioBytes?: Uint8Array;
}

/** A flow ready to run: compiled, its scenarios loaded, its engines built. */
export interface PreparedFlow {
  report: FlowTestReport;
  /** The text of each file, for code frames. */
  sources: Map<string, string>;
  flow?: CompiledFlow;
  engines: Engine[];
  scenarios: Scenario[];
}

/** The targets whose artifacts the named engines interpret. */
export function targetsFor(engines: readonly EngineName[]): TargetName[] {
  return engines.filter((engine): engine is TargetName => engine !== 'spec');
}

export async function prepareFlow(files: FlowFiles, engineNames: readonly EngineName[], compile: CompileOptions): Promise<PreparedFlow> {
  const sources = new Map<string, string>();
  const report: FlowTestReport = {
    spec: files.spec,
    scenarioFile: files.scenarioFile,
    engines: engineNames,
    diagnostics: [],
    engineErrors: [],
    positions: new Map(),
  };
  const prepared: PreparedFlow = { report, sources, engines: [], scenarios: [] };
  // A simulation uploads nothing: scenario files name the placeholders as written (docs/cxone.md).
  const compiled = await compileSpec(files.spec, files.specBytes, { ...compile, targets: targetsFor(engineNames), placeholders: 'keep' });
  sources.set(files.spec, compiled.source.text);
  for (const included of compiled.source.included?.files ?? []) sources.set(included.file, included.text);
  // Warnings are `validate`'s business; only what stops the flow from compiling is shown here.
  const errors = compiled.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!compiled.graph || !compiled.artifacts || hasErrors(errors)) return { ...prepared, report: { ...report, diagnostics: errors } };
  const flow: CompiledFlow = { graph: compiled.graph, artifacts: compiled.artifacts };
  report.flowName = compiled.graph.name;
  if (files.scenarioBytes === undefined) return { ...prepared, flow, report: { ...report, diagnostics: [missingScenarios(files)] } };
  const loaded = loadScenarioFile(files.scenarioFile, files.scenarioBytes, compiled.graph);
  sources.set(files.scenarioFile, loaded.source.text);
  const positions = new Map<number, Position>();
  for (const scenario of loaded.scenarios ?? []) {
    const span = locate(loaded.source, ['scenarios', scenario.index, 'name']);
    if (span) positions.set(scenario.index, span.start);
  }
  const { engines, engineErrors } = await buildEngines(engineNames, flow);
  return {
    report: { ...report, diagnostics: loaded.diagnostics, engineErrors, positions },
    sources,
    flow,
    engines,
    scenarios: fillExpectedRequests(loaded.scenarios ?? [], compile.environment),
  };
}

export async function runPreparedFlow(prepared: PreparedFlow, options: RunOptions & { only?: string }): Promise<FlowTestReport> {
  const { report, flow, engines } = prepared;
  const scenarios = prepared.scenarios.filter((scenario) => options.only === undefined || matchesName(scenario, options.only));
  if (!flow || report.engineErrors.length > 0 || hasErrors(report.diagnostics) || scenarios.length === 0) return report;
  return { ...report, result: await runScenarios(flow, engines, scenarios, options) };
}

/** `--scenario <text>`: a scenario whose name contains the text, ignoring case. */
export function matchesName(scenario: Scenario, text: string): boolean {
  return scenario.name.toLowerCase().includes(text.toLowerCase());
}

async function buildEngines(
  names: readonly EngineName[],
  flow: CompiledFlow,
): Promise<{ engines: Engine[]; engineErrors: { engine: EngineName; message: string }[] }> {
  const engines: Engine[] = [];
  const engineErrors: { engine: EngineName; message: string }[] = [];
  for (const name of names) {
    try {
      engines.push(await createEngine(name, flow));
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      engineErrors.push({ engine: name, message: error.message });
    }
  }
  return { engines, engineErrors };
}

function missingScenarios(files: FlowFiles): Diagnostic {
  return {
    code: 'scenario/missing',
    severity: 'error',
    message: `No scenario file: ${files.scenarioFile} does not exist.`,
    file: files.spec,
    path: [],
    hint: `Write one (${docUrl('testing.md')}); \`ivrflow init\` writes a starter flow with its scenario file.`,
  };
}

/**
 * `validate` on a scenario file: its own problems, checked against its spec. When the spec does
 * not compile, its diagnostics are returned instead (the scenarios cannot be checked without it).
 */
export function checkScenarioFile(
  files: FlowFiles & { scenarioBytes: Uint8Array },
  options: CheckOptions,
): { diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const checked = checkSpec(files.spec, files.specBytes, options);
  const sources = new Map([[files.spec, checked.source.text]]);
  for (const included of checked.source.included?.files ?? []) sources.set(included.file, included.text);
  if (!checked.graph) return { diagnostics: checked.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), sources };
  const loaded = loadScenarioFile(files.scenarioFile, files.scenarioBytes, checked.graph);
  sources.set(files.scenarioFile, loaded.source.text);
  return { diagnostics: loaded.diagnostics, sources };
}
