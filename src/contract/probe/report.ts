import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { jsonDiagnostics, type JsonReportOptions } from '../../diagnostics/render/json.js';
import { rawPackageFileUrl } from '../../util/package-info.js';
import { printable } from '../../diagnostics/render/printable.js';
import type { Style } from '../../diagnostics/render/style.js';
import { location, renderStylish } from '../../diagnostics/render/stylish.js';
import { xml } from '../../simulate/report/junit.js';
import type { CaseResult, EndpointProbe } from './run.js';

/** One probe run: what was sent to each endpoint and what the answers say about the contract. */
export interface ProbeReport {
  spec: string;
  endpoints: readonly EndpointProbe[];
  /** Sorted; located in the spec. */
  diagnostics: readonly Diagnostic[];
}

export function renderProbeStylish(report: ProbeReport, sources: ReadonlyMap<string, string>, style: Style): string {
  const lines: string[] = [];
  for (const probe of report.endpoints) {
    lines.push(`${style.bold(probe.endpoint)} ${style.dim(`→ ${printable(probe.url)}`)}`);
    for (const result of probe.cases) lines.push(`  ${caseLine(result, style)}`);
    const { latency } = probe;
    lines.push(
      `  ${style.dim(`latency: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms over ${latency.samples} requests (timeout ${latency.timeoutSeconds} s)`)}`,
    );
    if (probe.load) {
      const outcomes = Object.entries(probe.load.outcomes)
        .map(([key, count]) => `${count}× ${key}`)
        .join(', ');
      lines.push(
        `  load: ${probe.load.requests} requests at concurrency ${probe.load.concurrency} in ${probe.load.seconds} s: ${probe.load.perSecond}/s, p50 ${probe.load.p50Ms} ms, p99 ${probe.load.p99Ms} ms (${outcomes})`,
      );
    }
    lines.push('');
  }
  if (report.diagnostics.length > 0) lines.push(renderStylish(report.diagnostics, sources, style).trimEnd(), '');
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

function caseLine(result: CaseResult, style: Style): string {
  const mark = result.outcome === 'pass' ? style.info('✓') : result.outcome === 'fail' ? style.error('✗') : style.dim('-');
  const timing = result.elapsedMs === undefined ? '' : style.dim(` (${Math.round(result.elapsedMs)} ms)`);
  const text = `${result.vendor} ${result.kind}: ${printable(result.detail)}`;
  return `${mark} ${result.outcome === 'skip' ? style.dim(`${text} (skipped)`) : text}${timing}`;
}

function summary(report: ProbeReport): string {
  const cases = report.endpoints.flatMap((probe) => probe.cases);
  const count = (outcome: CaseResult['outcome']) => cases.filter((result) => result.outcome === outcome).length;
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  return `${cases.length} cases: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped; ${errors} errors, ${warnings} warnings`;
}

/** Raised when the shape changes in a way a reader must know about; the schema describes each field. */
export const CONTRACT_REPORT_VERSION = 1;
export const CONTRACT_REPORT_SCHEMA = 'schemas/ivrflow-contract-report.schema.json';

export function renderProbeJson(report: ProbeReport, options: JsonReportOptions): string {
  const document = {
    $schema: rawPackageFileUrl(CONTRACT_REPORT_SCHEMA),
    version: CONTRACT_REPORT_VERSION,
    tool: { name: 'ivrflow', version: options.toolVersion },
    spec: report.spec,
    endpoints: report.endpoints,
    diagnostics: jsonDiagnostics(report.diagnostics),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** JUnit: a testsuite per endpoint, a testcase per vendor and case, and a `contract` testcase failing with the findings. */
export function renderProbeJunit(report: ProbeReport): string {
  const suites = report.endpoints.map((probe) => suite(probe, report.diagnostics));
  const tests = suites.reduce((sum, item) => sum + item.tests, 0);
  const failures = suites.reduce((sum, item) => sum + item.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ivrflow contract" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((item) => item.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(probe: EndpointProbe, diagnostics: readonly Diagnostic[]): { xml: string; tests: number; failures: number } {
  const own = diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.path[1] === probe.endpoint);
  const cases = probe.cases.map((result) => {
    const name = `${result.vendor} ${result.kind}`;
    const time = ((result.elapsedMs ?? 0) / 1000).toFixed(3);
    const open = `    <testcase classname="${xml(probe.endpoint)}" name="${xml(name)}" time="${time}"`;
    if (result.outcome === 'pass') return `${open}/>`;
    if (result.outcome === 'skip') return `${open}>\n      <skipped message="${xml(result.detail)}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${xml(result.detail)}"/>\n    </testcase>`;
  });
  const findings = own.map((diagnostic) => `${location(diagnostic)} ${diagnostic.code} ${diagnostic.message}`).join('\n');
  cases.push(
    own.length === 0
      ? `    <testcase classname="${xml(probe.endpoint)}" name="contract"/>`
      : `    <testcase classname="${xml(probe.endpoint)}" name="contract">\n      <failure message="${xml(`${own.length} contract findings`)}">${xml(findings)}</failure>\n    </testcase>`,
  );
  const failures = probe.cases.filter((result) => result.outcome === 'fail').length + (own.length > 0 ? 1 : 0);
  const skipped = probe.cases.filter((result) => result.outcome === 'skip').length;
  return {
    xml: [
      `  <testsuite name="${xml(probe.endpoint)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n'),
    tests: cases.length,
    failures,
  };
}

/** JUnit for a run that could not probe (the spec or the cases file has errors): one failing testcase, never an empty green file. */
export function renderProblemsJunit(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((diagnostic) => `${location(diagnostic)} ${diagnostic.code} ${diagnostic.message}`).join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="ivrflow contract" tests="1" failures="1" errors="0">',
    '  <testsuite name="checks" tests="1" failures="1" errors="0" skipped="0">',
    `    <testcase classname="checks" name="input files">\n      <failure message="${xml(`${diagnostics.length} problems`)}">${xml(lines)}</failure>\n    </testcase>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
