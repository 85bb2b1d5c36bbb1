import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { failureLine } from './stylish.js';
import { plainStyle } from '../../diagnostics/render/style.js';
import type { ScenarioResult } from '../run/run-scenarios.js';
import type { Failure } from '../run/verdict.js';
import type { FlowTestReport } from './model.js';

/** When and where the run happened: attributes the strict Ant schema requires. Passed in, so tests can fix them. */
export interface JunitRunInfo {
  timestamp: Date;
  hostname: string;
}

interface TestCase {
  xml: string;
  outcome: 'passed' | 'failed' | 'skipped';
  seconds: number;
}

/**
 * JUnit XML that both the strict Apache Ant schema and Jenkins' junit-10.xsd accept: one testsuite
 * per flow and one testcase per engine run (`<scenario> [<engine>]`), so a run an engine could not
 * make is a `<skipped>` case with its reason, never a pass. A flow that could not run gets one
 * failing `checks` case, so it is never silently green.
 */
export function renderTestJunit(reports: readonly FlowTestReport[], run: JunitRunInfo): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // The Ant schema allows no attribute on <testsuites>; the counts are on each suite.
    '<testsuites>',
    ...reports.map((report, index) => suite(report, index, run)),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(report: FlowTestReport, id: number, run: JunitRunInfo): string {
  const cases = [...checkCase(report), ...(report.result?.scenarios ?? []).flatMap((scenario) => engineCases(report, scenario))];
  const count = (outcome: TestCase['outcome']) => cases.filter((item) => item.outcome === outcome).length;
  const attributes = [
    ['name', report.scenarioFile],
    ['package', report.scenarioFile],
    ['id', String(id)],
    ['tests', String(cases.length)],
    ['failures', String(count('failed'))],
    ['errors', '0'],
    ['skipped', String(count('skipped'))],
    ['time', seconds(cases.reduce((sum, item) => sum + item.seconds, 0))],
    // The Ant schema's pattern: no fractional seconds and no zone; the time is UTC.
    ['timestamp', run.timestamp.toISOString().slice(0, 19)],
    ['hostname', run.hostname || 'localhost'],
  ];
  return [
    `  <testsuite ${attributes.map(([name, value]) => `${name}="${xml(value!)}"`).join(' ')}>`,
    '    <properties>',
    `      <property name="spec" value="${xml(report.spec)}"/>`,
    `      <property name="engines" value="${xml(report.engines.join(','))}"/>`,
    '    </properties>',
    ...cases.map((item) => item.xml),
    '    <system-out/>',
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
}

function checkCase(report: FlowTestReport): TestCase[] {
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0 && report.engineErrors.length === 0) return [];
  const text = [
    ...errors.map(diagnosticLine),
    ...report.engineErrors.map((problem) => `the ${problem.engine} engine cannot read the generated artifact: ${problem.message}`),
  ].join('\n');
  const message = `${errors.length + report.engineErrors.length} problem(s) stop this flow's scenarios`;
  return [
    {
      outcome: 'failed',
      seconds: 0,
      xml: testcase(report, 'checks', 0, `<failure message="${xml(message)}" type="checks">${xml(text)}</failure>`),
    },
  ];
}

/** One case per engine the flow was tested on: passed, failed with that engine's failures, or skipped with the reason. */
function engineCases(report: FlowTestReport, scenario: ScenarioResult): TestCase[] {
  return report.engines.map((engine) => {
    const name = `${scenario.name} [${engine}]`;
    const time = scenario.seconds[engine] ?? 0;
    const skip = scenario.skipped.find((item) => item.engine === engine);
    if (skip) return { outcome: 'skipped', seconds: 0, xml: testcase(report, name, 0, `<skipped message="${xml(skip.reason)}"/>`) };
    const failures = scenario.failures.filter((failure) => failure.engine === engine);
    if (failures.length === 0) return { outcome: 'passed', seconds: time, xml: testcase(report, name, time) };
    return { outcome: 'failed', seconds: time, xml: testcase(report, name, time, failureElement(report, scenario, failures)) };
  });
}

/** The Ant schema allows one `<failure>` per case: every failure of the run is in its text. */
function failureElement(report: FlowTestReport, scenario: ScenarioResult, failures: readonly Failure[]): string {
  const position = report.positions.get(scenario.index);
  const where = position ? `${report.scenarioFile}:${position.line}:${position.column}` : report.scenarioFile;
  const text = [where, ...failures.map((failure) => failureLine(failure, plainStyle))].join('\n');
  const kinds = [...new Set(failures.map((failure) => failure.kind))].join(',');
  return `<failure message="${xml(`${failures.length} failure(s)`)}" type="${xml(kinds)}">${xml(text)}</failure>`;
}

function testcase(report: FlowTestReport, name: string, time: number, body?: string): string {
  const open = `    <testcase classname="${xml(report.scenarioFile)}" name="${xml(name)}" time="${seconds(time)}"`;
  return body === undefined ? `${open}/>` : `${open}>\n      ${body}\n    </testcase>`;
}

function seconds(value: number): string {
  return value.toFixed(3);
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
