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
  /** Scenarios that ran on at least one engine and met every expectation there. */
  passed: number;
  failed: number;
  /** Scenarios that ran on no engine: every engine skipped them. Never counted as passed. */
  notRun: number;
  /** Engine runs made. */
  runs: number;
  /** Engine runs skipped: the engine cannot express the scenario. */
  skippedRuns: number;
  /** Flows whose spec, scenario file or artifacts had problems. */
  brokenFlows: number;
}

export type ScenarioOutcome = 'passed' | 'failed' | 'not-run';

/** A scenario passes only by running: one that no engine ran is not a pass, whatever it expected. */
export function outcomeOf(scenario: ScenarioResult): ScenarioOutcome {
  if (scenario.failures.length > 0) return 'failed';
  return scenario.ran.length === 0 ? 'not-run' : 'passed';
}

export function totals(reports: readonly FlowTestReport[]): TestTotals {
  const scenarios = reports.flatMap((report) => report.result?.scenarios ?? []);
  const count = (outcome: ScenarioOutcome) => scenarios.filter((scenario) => outcomeOf(scenario) === outcome).length;
  return {
    flows: reports.length,
    scenarios: scenarios.length,
    passed: count('passed'),
    failed: count('failed'),
    notRun: count('not-run'),
    runs: scenarios.reduce((sum, scenario) => sum + scenario.ran.length, 0),
    skippedRuns: scenarios.reduce((sum, scenario) => sum + scenario.skipped.length, 0),
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

export interface PassPolicy {
  /** `--fail-on-skip`: a skipped engine run fails the run. */
  failOnSkip: boolean;
}

/**
 * Green when nothing failed, every flow could be tested and something was tested at all: a run in
 * which every engine skipped every scenario checked nothing. Skipped runs fail only with --fail-on-skip.
 */
export function allPassed(reports: readonly FlowTestReport[], policy: PassPolicy = { failOnSkip: false }): boolean {
  const sum = totals(reports);
  if (sum.failed > 0 || sum.brokenFlows > 0) return false;
  if (sum.scenarios > 0 && sum.runs === 0) return false;
  return !policy.failOnSkip || sum.skippedRuns === 0;
}
