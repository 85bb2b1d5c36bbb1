import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { failureLine } from './stylish.js';
import { plainStyle } from '../../diagnostics/render/style.js';
import type { ScenarioResult } from '../run/run-scenarios.js';
import { notRun, type FlowTestReport } from './model.js';

/**
 * JUnit XML as CI servers read it (one testsuite per flow, one testcase per scenario). A flow
 * that could not run gets one failing `checks` testcase, so it is never silently green.
 */
export function renderTestJunit(reports: readonly FlowTestReport[]): string {
  const suites = reports.map(suite);
  const tests = suites.reduce((sum, item) => sum + item.tests, 0);
  const failures = suites.reduce((sum, item) => sum + item.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ivrflow test" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((item) => item.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(report: FlowTestReport): { xml: string; tests: number; failures: number } {
  const cases = [...checkCase(report), ...(report.result?.scenarios ?? []).map((scenario) => scenarioCase(report, scenario))];
  const failures = cases.filter((item) => item.failed).length;
  const skipped = cases.filter((item) => 'skipped' in item && item.skipped === true).length;
  const text = [
    `  <testsuite name="${xml(report.scenarioFile)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases.map((item) => item.xml),
    '  </testsuite>',
  ].join('\n');
  return { xml: text, tests: cases.length, failures };
}

function checkCase(report: FlowTestReport): { xml: string; failed: boolean }[] {
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0 && report.engineErrors.length === 0) return [];
  const text = [
    ...errors.map(diagnosticLine),
    ...report.engineErrors.map((problem) => `the ${problem.engine} engine cannot read the generated artifact: ${problem.message}`),
  ].join('\n');
  return [
    {
      failed: true,
      xml: testcase(report, 'checks', `${errors.length + report.engineErrors.length} problem(s) stop this flow's scenarios`, text),
    },
  ];
}

function scenarioCase(report: FlowTestReport, scenario: ScenarioResult): { xml: string; failed: boolean; skipped?: boolean } {
  if (notRun(scenario))
    return {
      failed: false,
      skipped: true,
      xml: `    <testcase classname="${xml(report.scenarioFile)}" name="${xml(scenario.name)}">\n      <skipped message="${xml(scenario.skipped[0]?.reason ?? 'not run')}"/>\n    </testcase>`,
    };
  if (scenario.failures.length === 0)
    return { failed: false, xml: `    <testcase classname="${xml(report.scenarioFile)}" name="${xml(scenario.name)}"/>` };
  const position = report.positions.get(scenario.index);
  const where = position ? `${report.scenarioFile}:${position.line}:${position.column}` : report.scenarioFile;
  const text = [where, ...scenario.failures.map((failure) => failureLine(failure, plainStyle))].join('\n');
  return {
    failed: true,
    xml: testcase(
      report,
      scenario.name,
      `${scenario.failures.length} failure(s) on ${[...new Set(scenario.failures.map((failure) => failure.engine))].join(', ')}`,
      text,
    ),
  };
}

function testcase(report: FlowTestReport, name: string, message: string, text: string): string {
  return `    <testcase classname="${xml(report.scenarioFile)}" name="${xml(name)}">\n      <failure message="${xml(message)}">${xml(text)}</failure>\n    </testcase>`;
}

function diagnosticLine(diagnostic: Diagnostic): string {
  const at = diagnostic.span ? `${diagnostic.file}:${diagnostic.span.start.line}:${diagnostic.span.start.column}` : diagnostic.file;
  return `${at} ${diagnostic.code} ${diagnostic.message}`;
}

/** XML text and attribute escaping; characters XML 1.0 cannot hold at all are replaced. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
