import { printable } from '../../diagnostics/render/printable.js';
import { renderStylish } from '../../diagnostics/render/stylish.js';
import type { Style } from '../../diagnostics/render/style.js';
import type { Coverage } from '../run/coverage.js';
import type { ScenarioResult } from '../run/run-scenarios.js';
import type { Failure } from '../run/verdict.js';
import { outcomeOf, totals, type FlowTestReport } from './model.js';

/** For people: a line per scenario, the reasons under a failure, a coverage line per flow. */
export function renderTestStylish(reports: readonly FlowTestReport[], sources: ReadonlyMap<string, string>, style: Style): string {
  const lines: string[] = [];
  const diagnostics = reports.flatMap((report) => report.diagnostics);
  if (diagnostics.length > 0) lines.push(renderStylish(diagnostics, sources, style).trimEnd(), '');
  for (const report of reports) lines.push(...flowLines(report, style), '');
  lines.push(summary(reports, style));
  return `${lines.join('\n')}\n`;
}

function flowLines(report: FlowTestReport, style: Style): string[] {
  const title = `${style.bold(printable(report.scenarioFile))}${report.flowName ? ` ${style.dim(`(${printable(report.flowName)}; engines: ${report.engines.join(', ')})`)}` : ''}`;
  const lines = [title];
  for (const problem of report.engineErrors)
    lines.push(`  ${style.error('✗')} the ${problem.engine} engine cannot read the generated artifact: ${problem.message}`);
  if (!report.result) {
    if (report.engineErrors.length === 0) lines.push(`  ${style.error('✗')} not run: fix the problems above first`);
    return lines;
  }
  for (const scenario of report.result.scenarios) lines.push(...scenarioLines(report, scenario, style));
  if (report.result.coverage) lines.push(`  ${coverageLine(report.result.coverage, style)}`);
  return lines;
}

function scenarioLines(report: FlowTestReport, scenario: ScenarioResult, style: Style): string[] {
  const skipped = groupedSkips(scenario.skipped)
    .map(({ engines, reason }) => style.dim(` (not on ${engines.join(', ')}: ${printable(reason)})`))
    .join('');
  const name = printable(scenario.name);
  const traces = (scenario.traces ?? []).flatMap((trace) => [
    `      ${style.bold(trace.engine)}:`,
    ...trace.lines.map((line) => `        ${style.dim(printable(line))}`),
  ]);
  const outcome = outcomeOf(scenario);
  if (outcome === 'passed') return [`  ${style.info('✓')} ${name}${skipped}`, ...traces];
  if (outcome === 'not-run') return [`  ${style.warning('-')} ${name} ${style.warning('(not run on any engine)')}${skipped}`, ...traces];
  const position = report.positions.get(scenario.index);
  const where = position ? `${report.scenarioFile}:${position.line}:${position.column}` : report.scenarioFile;
  return [
    `  ${style.error('✗')} ${name}${skipped}`,
    `      ${style.dim(where)}`,
    ...scenario.failures.map((failure) => `      ${failureLine(failure, style)}`),
    ...traces,
  ];
}

export function failureLine(failure: Failure, style: Style): string {
  const step = failure.step === undefined ? '' : ` at step ${failure.step}`;
  return `${style.bold(failure.engine)} ${style.dim(`[${failure.kind}${step}]`)} ${printable(failure.message)}`;
}

export function coverageLine(coverage: Coverage, style: Style): string {
  const { steps, transitions } = coverage;
  const counts = `coverage: ${steps.total - steps.missed.length}/${steps.total} steps, ${transitions.total - transitions.missed.length}/${transitions.total} transitions`;
  const missed = [
    ...steps.missed.map((step) => `step ${step}`),
    ...transitions.missed.filter((key) => !steps.missed.some((step) => key.startsWith(`${step}.`))),
  ];
  return missed.length === 0 ? style.dim(counts) : `${style.dim(counts)}; ${style.warning('never exercised')}: ${missed.join(', ')}`;
}

function summary(reports: readonly FlowTestReport[], style: Style): string {
  const sum = totals(reports);
  const broken = sum.brokenFlows > 0 ? `, ${style.error(`${sum.brokenFlows} flow${sum.brokenFlows === 1 ? '' : 's'} not tested`)}` : '';
  const result = sum.failed > 0 ? style.error(`${sum.failed} failed`) : `${sum.failed} failed`;
  const notRun = sum.notRun > 0 ? `, ${style.warning(`${sum.notRun} not run`)}` : '';
  const skipped = sum.skippedRuns > 0 ? `, ${style.warning(`${sum.skippedRuns} skipped`)}` : '';
  const line = `${sum.scenarios} scenario${sum.scenarios === 1 ? '' : 's'} in ${sum.flows} flow${sum.flows === 1 ? '' : 's'}: ${sum.passed} passed, ${result}${notRun}${broken} (${sum.runs} engine run${sum.runs === 1 ? '' : 's'}${skipped})`;
  if (sum.scenarios > 0 && sum.runs === 0)
    return `${line}\n${style.error('Nothing was tested: every engine skipped every scenario. Choose other --engines or scenarios.')}`;
  return line;
}

/** Engines skipped for the same reason are named together, so a live run says its reason once. */
function groupedSkips(skips: readonly { engine: string; reason: string }[]): { engines: string[]; reason: string }[] {
  const byReason = new Map<string, string[]>();
  for (const { engine, reason } of skips) byReason.set(reason, [...(byReason.get(reason) ?? []), engine]);
  return [...byReason].map(([reason, engines]) => ({ engines, reason }));
}
