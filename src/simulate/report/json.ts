import { jsonDiagnostics } from '../../diagnostics/render/json.js';
import { outcomeOf, totals, type FlowTestReport } from './model.js';

/** For machines: stable keys, every failure with its engine, kind and step; diagnostics as `validate --format json` prints them. */
export function renderTestJson(reports: readonly FlowTestReport[]): string {
  const flows = reports.map((report) => ({
    spec: report.spec,
    scenarioFile: report.scenarioFile,
    flow: report.flowName ?? null,
    engines: report.engines,
    diagnostics: jsonDiagnostics(report.diagnostics),
    engineErrors: report.engineErrors,
    scenarios: (report.result?.scenarios ?? []).map((scenario) => ({
      name: scenario.name,
      line: report.positions.get(scenario.index)?.line ?? null,
      column: report.positions.get(scenario.index)?.column ?? null,
      outcome: outcomeOf(scenario),
      passed: outcomeOf(scenario) === 'passed',
      ran: scenario.ran,
      skipped: scenario.skipped,
      failures: scenario.failures.map((failure) => ({
        engine: failure.engine,
        kind: failure.kind,
        step: failure.step ?? null,
        message: failure.message,
      })),
      ...(scenario.traces ? { traces: scenario.traces } : {}),
    })),
    coverage: report.result?.coverage ?? null,
  }));
  return `${JSON.stringify({ summary: totals(reports), flows }, null, 2)}\n`;
}
