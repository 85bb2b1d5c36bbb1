import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PublishInput } from '../../deploy/context.js';
import type { DeployError } from '../../deploy/errors.js';
import { HttpClient } from '../../deploy/http.js';
import { renderLog, renderPlan } from '../../deploy/plan.js';
import { runPublish, type PublishTarget } from '../../deploy/publish.js';
import { Redactor } from '../../deploy/redact.js';
import { DEFAULT_STATE_FILE, emptyState, parseState, serializeState, type PublishState } from '../../deploy/state.js';
import { DiagnosticSink } from '../../flowspec/source.js';
import { compileSpec } from '../../pipeline.js';
import { isScenarioFile } from '../../simulate/scenario/files.js';
import { loadConfig } from '../config-file.js';
import { readCxoneCatalog } from '../cxone-catalog-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { expandFileArguments } from '../expand-files.js';
import { CliError, EXIT_INPUT, EXIT_OK, EXIT_USAGE, assertProducedOrReported, type CliIo } from '../io.js';
import { writeAtomically } from '../output-file.js';
import { isIoDiagnostic, readSpecFile } from '../read-input.js';
import { includeReader } from '../include-reader.js';
import { Report } from '../report.js';
import { readSideFile } from '../side-file.js';
import { terminalStyle } from '../style.js';
import { exists } from '../write-output.js';

export interface PublishOptions {
  target: PublishTarget;
  env?: string;
  cxoneCatalog?: string;
  config?: string;
  dryRun: boolean;
  force: boolean;
  /** `--state`; DEFAULT_STATE_FILE otherwise. */
  state?: string;
  /** Seconds per request. */
  timeoutSeconds: number;
  /** Milliseconds between flow-job polls. */
  pollIntervalMs: number;
  ignorePatterns: readonly string[];
}

/** Compile, plan, publish (or with --dry-run only plan), record what was published. */
export async function publishCommand(args: readonly string[], options: PublishOptions, io: CliIo): Promise<number> {
  const compiled = await compileAll(args, options, io);
  const style = await terminalStyle(io);
  if (compiled.report.count('error') > 0 || compiled.inputs.length === 0) {
    io.stdout(compiled.report.render('stylish', style, '', { quiet: false, verbose: false }));
    if (compiled.inputs.length === 0 && compiled.report.count('error') === 0) throw new CliError('No spec to publish.');
    io.stderr('Nothing was published: fix the errors above first.\n');
    return compiled.report.diagnostics.some(isIoDiagnostic) ? EXIT_USAGE : EXIT_INPUT;
  }
  const statePath = resolve(io.cwd, options.state ?? DEFAULT_STATE_FILE);
  const state = await readState(statePath, options.state ?? DEFAULT_STATE_FILE, io.cwd);
  const redactor = new Redactor();
  const http = new HttpClient({ redactor, timeoutMs: options.timeoutSeconds * 1000, maxAttempts: 4, backoffMs: 1000, maxWaitMs: 30_000 });
  const run = await runPublish(options.target, compiled.inputs, {
    http,
    redactor,
    env: io.env,
    state,
    dryRun: options.dryRun,
    force: options.force,
    pollIntervalMs: options.pollIntervalMs,
    jobTimeoutMs: 16 * 60 * 1000,
    say: (line) => io.stderr(`${redactor.text(line)}\n`),
  });
  if (run.outcome.plan.length > 0) io.stdout(redactor.text(renderPlan(options.target, run.outcome.plan, options.dryRun)));
  reportPlatformProblems(run.outcome.problems, compiled, redactor);
  const shown = compiled.report.render('stylish', style, '', { quiet: false, verbose: false });
  if (compiled.report.diagnostics.length > 0) io.stdout(redactor.text(shown));
  if (!options.dryRun && run.outcome.log.length > 0) await saveState(statePath, state);
  if (run.failure) {
    io.stderr(redactor.text(failureText(run.failure, run.outcome.log, options.dryRun)));
    return run.failure.kind === 'rejected' || run.failure.kind === 'input' ? EXIT_INPUT : EXIT_USAGE;
  }
  io.stderr(options.dryRun ? 'Dry run: only read requests were sent; nothing was changed.\n' : doneText(run.outcome.log.length, options));
  return EXIT_OK;
}

interface Compiled {
  report: Report;
  inputs: PublishInput[];
  sources: Map<string, DiagnosticSink>;
}

async function compileAll(args: readonly string[], options: PublishOptions, io: CliIo): Promise<Compiled> {
  const files = (await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns })).filter((file) => !isScenarioFile(file));
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const cxoneCatalog = options.cxoneCatalog === undefined ? undefined : await readCxoneCatalog(options.cxoneCatalog, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const report = new Report();
  const inputs: PublishInput[] = [];
  const sources = new Map<string, DiagnosticSink>();
  for (const file of files) {
    const read = readSpecFile(file, io.cwd);
    if (!read.ok) {
      report.add(file, '', [read.diagnostic]);
      continue;
    }
    const result = await compileSpec(file, read.bytes, {
      targets: [options.target],
      ...(environment ? { environment } : {}),
      ...(cxoneCatalog ? { cxoneCatalog } : {}),
      ...(config ? { rules: config.rules } : {}),
      readInclude: includeReader(io.cwd),
    });
    // Notes were shown by `generate`; errors and warnings (e.g. a token that will live in the CXone script) are shown again.
    report.add(
      file,
      result.source.text,
      result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info'),
    );
    report.addIncluded(result.source);
    assertProducedOrReported(file, result.graph !== undefined && result.artifacts !== undefined, result.diagnostics);
    if (!result.graph || !result.artifacts) continue;
    inputs.push({ graph: result.graph, artifacts: result.artifacts });
    sources.set(result.graph.slug, new DiagnosticSink(result.source));
  }
  return { report, inputs, sources };
}

function reportPlatformProblems(
  problems: Awaited<ReturnType<typeof runPublish>>['outcome']['problems'],
  compiled: Compiled,
  redactor: Redactor,
): void {
  for (const { graph, problems: list } of problems) {
    const sink = compiled.sources.get(graph.slug);
    if (!sink) continue;
    for (const problem of list) sink.report({ ...problem, message: redactor.text(problem.message) });
    compiled.report.add(sink.source.file, sink.source.text, sink.diagnostics.splice(0));
  }
}

async function readState(path: string, shown: string, cwd: string): Promise<PublishState> {
  if (!exists(path)) return emptyState();
  const parsed = parseState(await readSideFile(path, cwd, 'publish state file'));
  if (!parsed.ok)
    throw new CliError(`The publish state file ${shown} is not usable: ${parsed.error}. Fix it, or delete it and publish with --force.`);
  return parsed.state;
}

async function saveState(path: string, state: PublishState): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, serializeState(state));
}

function failureText(failure: DeployError, log: Parameters<typeof renderLog>[0], dryRun: boolean): string {
  const hint = failure.hint ? `\n${failure.hint}` : '';
  const done = dryRun ? '' : `\n${renderLog(log)}`;
  return `ivrflow: ${failure.message}${hint}\n${done}`;
}

function doneText(count: number, options: PublishOptions): string {
  if (count === 0) return 'Nothing to publish: every artifact is unchanged (use --force to publish anyway).\n';
  return `Published ${count} object(s); recorded in ${options.state ?? DEFAULT_STATE_FILE} (commit it).\n`;
}
