import { jsonDiagnostics, type JsonReportOptions } from '../../diagnostics/render/json.js';
import { rawPackageFileUrl } from '../../util/package-info.js';
import { outcomeOf, totals, type FlowTestReport } from './model.js';

/** Raised when the shape changes in a way a reader must know about; the schema describes each field. */
export const TEST_REPORT_VERSION = 1;
export const TEST_REPORT_SCHEMA = 'schemas/ivrflow-test-report.schema.json';

/**
 * For machines: a versioned document with a JSON Schema, stable keys, every failure with its engine,
 * kind and step; diagnostics as `validate --format json` prints them.
 */
export function renderTestJson(reports: readonly FlowTestReport[], options: JsonReportOptions): string {
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
  const report = {
    $schema: rawPackageFileUrl(TEST_REPORT_SCHEMA),
    version: TEST_REPORT_VERSION,
    tool: { name: 'ivrflow', version: options.toolVersion },
    summary: totals(reports),
    flows,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
