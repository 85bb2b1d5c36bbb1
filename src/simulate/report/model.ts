import type { Diagnostic, Position } from '../../diagnostics/diagnostic.js';
import type { EngineName } from '../../targets/engine-contract.js';
import type { FlowTestResult, ScenarioResult } from '../run/run-scenarios.js';

/** One flow's part of a test run: its checks, and the scenario results when the checks passed. */
export interface FlowTestReport {
  spec: string;
  /** The scenario file, as named on the command line or found beside the spec. */
  scenarioFile: string;
  flowName?: string;
  engines: readonly EngineName[];
  /** Problems in the spec or the scenario file (they stop the flow's scenarios from running). */
  diagnostics: readonly Diagnostic[];
  /** Engines that could not read their artifact (an emitter construct they do not know). */
  engineErrors: readonly { engine: EngineName; message: string }[];
  result?: FlowTestResult;
  /** Where each scenario's name is in the scenario file, by scenario index. */
  positions: ReadonlyMap<number, Position>;
}

export interface TestTotals {
  flows: number;
  scenarios: number;
  passed: number;
  failed: number;
  /** Scenarios no engine ran (e.g. they need a canned reply and the endpoint is live): never counted as passed. */
  skipped: number;
  runs: number;
  /** Flows whose spec, scenario file or artifacts had problems. */
  brokenFlows: number;
}

export function totals(reports: readonly FlowTestReport[]): TestTotals {
  const scenarios = reports.flatMap((report) => report.result?.scenarios ?? []);
  const failed = scenarios.filter((scenario) => scenario.failures.length > 0).length;
  const skipped = scenarios.filter(notRun).length;
  return {
    flows: reports.length,
    scenarios: scenarios.length,
    passed: scenarios.length - failed - skipped,
    failed,
    skipped,
    runs: scenarios.reduce((sum, scenario) => sum + scenario.ran.length, 0),
    brokenFlows: reports.filter(isBroken).length,
  };
}

/** A scenario that no engine ran and that has no failure: skipped, with the reasons in `skipped`. */
export function notRun(scenario: ScenarioResult): boolean {
  return scenario.ran.length === 0 && scenario.failures.length === 0;
}

export function isBroken(report: FlowTestReport): boolean {
  return report.engineErrors.length > 0 || report.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

export function allPassed(reports: readonly FlowTestReport[]): boolean {
  const sum = totals(reports);
  return sum.failed === 0 && sum.brokenFlows === 0;
}
