import { printable } from '../../diagnostics/render/printable.js';
import { optionalProps } from '../../util/optional-props.js';
import type { Style } from '../../diagnostics/render/style.js';
import { isScenarioFile, scenarioFileOf, specOfScenarioFile } from '../../simulate/scenario/files.js';
import { expandFileArguments } from '../expand-files.js';
import type { CliIo } from '../io.js';
import { terminalStyle } from '../style.js';
import { testCommand, type TestOptions } from '../commands/test.js';
import { countLine, diagnosticChanges, plural, type ReportedDiagnostic } from './changes.js';
import { capturedIo, watchLoop } from './loop.js';
import { watchTargets } from './targets.js';

/** The parts of `test --format json` the watch compares (schemas/ivrflow-test-report.schema.json has all of it). */
interface JsonTestReport {
  summary: { scenarios: number; passed: number; failed: number; notRun: number; skippedRuns: number };
  flows: {
    scenarioFile: string;
    diagnostics: ReportedDiagnostic[];
    engineErrors: { engine: string; message: string }[];
    scenarios: { name: string; line: number | null; outcome: string; failures: { engine: string; message: string }[] }[];
  }[];
}

/**
 * `test --watch`: rerun the scenarios on every change of a spec, its scenario file or the files they
 * read, printing the scenarios whose result changed (with their failures) and the diagnostics that
 * appeared or went away. Until Ctrl-C; exit 0.
 */
export async function watchTest(args: readonly string[], options: TestOptions, io: CliIo, until: Promise<unknown>): Promise<number> {
  const style = await terminalStyle(io);
  const side = optionalProps(options, ['env', 'cxoneCatalog', 'config']);
  let diagnostics: ReportedDiagnostic[] = [];
  let results = new Map<string, ScenarioState>();
  return watchLoop(
    {
      until,
      fallbackTargets: async () => watchTargets(args, pairedFiles(args), side, io),
      run: async () => {
        const captured = capturedIo(io);
        await testCommand(args, { ...options, format: 'json' }, captured.io);
        if (captured.stderr() !== '') io.stderr(captured.stderr());
        const report = JSON.parse(captured.stdout()) as JsonTestReport;
        const currentDiagnostics = report.flows.flatMap((flow) => flow.diagnostics).filter((diagnostic) => diagnostic.severity !== 'info');
        const currentResults = scenarioStates(report, results, style);
        const lines = [...diagnosticChanges(diagnostics, currentDiagnostics, style), ...resultChanges(results, currentResults, style)];
        diagnostics = currentDiagnostics;
        results = currentResults;
        const files = pairedFiles(await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns }));
        return {
          changes: lines.length > 0 ? `${lines.join('\n')}\n` : '',
          status: `test: ${summaryLine(report.summary)}; ${countLine(currentDiagnostics)}${lines.length === 0 ? ', nothing changed' : ''}`,
          targets: await watchTargets(args, files, side, io),
        };
      },
    },
    io,
  );
}

/** Each spec with its scenario file, whichever of the two was named. */
function pairedFiles(files: readonly string[]): string[] {
  return files.flatMap((file) => (isScenarioFile(file) ? [specOfScenarioFile(file), file] : [file, scenarioFileOf(file)]));
}

interface ScenarioState {
  /** What is printed when it changes: the outcome line and its failures. */
  lines: string[];
}

/**
 * The state of every scenario, keyed by file and name. A flow that could not run (its spec has an
 * error) keeps its scenarios' last results, so fixing a typo does not reprint every scenario.
 */
function scenarioStates(report: JsonTestReport, previous: ReadonlyMap<string, ScenarioState>, style: Style): Map<string, ScenarioState> {
  const states = new Map<string, ScenarioState>();
  for (const flow of report.flows) {
    const broken = flow.scenarios.length === 0 && flow.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    if (broken) {
      for (const [key, state] of previous) if (key.startsWith(`${flow.scenarioFile}\u0000`)) states.set(key, state);
      states.set(`${flow.scenarioFile}\u0000`, {
        lines: [`${style.error('✗')} ${printable(flow.scenarioFile)}: not run, fix the errors above`],
      });
    }
    for (const problem of flow.engineErrors)
      states.set(`${flow.scenarioFile}\u0000engine ${problem.engine}`, {
        lines: [
          `${style.error('✗')} ${printable(flow.scenarioFile)}: the ${problem.engine} engine cannot read the generated artifact: ${printable(problem.message)}`,
        ],
      });
    for (const scenario of flow.scenarios) {
      const where = `${flow.scenarioFile}${scenario.line === null ? '' : `:${scenario.line}`}`;
      const mark = scenario.outcome === 'passed' ? style.info('✓') : scenario.outcome === 'failed' ? style.error('✗') : style.warning('○');
      states.set(`${flow.scenarioFile}\u0000${scenario.name}`, {
        lines: [
          `${mark} ${scenario.outcome} ${printable(scenario.name)} ${style.dim(printable(where))}`,
          ...scenario.failures.map((failure) => `    ${failure.engine}: ${printable(failure.message)}`),
        ],
      });
    }
  }
  return states;
}

function resultChanges(before: ReadonlyMap<string, ScenarioState>, after: ReadonlyMap<string, ScenarioState>, style: Style): string[] {
  const lines: string[] = [];
  for (const [key, state] of after) if (before.get(key)?.lines.join('\n') !== state.lines.join('\n')) lines.push(...state.lines);
  for (const [key, state] of before) if (!after.has(key)) lines.push(`${style.dim('-')} ${state.lines[0]} ${style.dim('(gone)')}`);
  return lines;
}

function summaryLine(summary: JsonTestReport['summary']): string {
  const skipped = summary.skippedRuns > 0 ? `, ${plural(summary.skippedRuns, 'engine run')} skipped` : '';
  return `${plural(summary.scenarios, 'scenario')}: ${summary.passed} passed, ${summary.failed} failed, ${summary.notRun} not run${skipped}`;
}
