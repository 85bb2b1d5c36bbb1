import { join, resolve } from 'node:path';
import type { Artifact, PackagingName, TargetName } from '../../targets/artifact.js';
import { buildManifest } from '../../targets/manifest.js';
import { isScenarioFile } from '../../simulate/scenario/files.js';
import { baseName, compileSpec, type CompileOptions } from '../../pipeline.js';
import { loadConfig } from '../config-file.js';
import { readCxoneCatalog } from '../cxone-catalog-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { CliError, EXIT_INPUT, EXIT_OK, EXIT_USAGE, assertProducedOrReported, type CliIo } from '../io.js';
import { isIoDiagnostic, readSpecFile } from '../read-input.js';
import { includeReader, includedFiles } from '../include-reader.js';
import type { ReportFormat } from '../formats.js';
import type { GraphFormat } from '../../graph/render.js';
import { Report, type ReportChoices } from '../report.js';
import { expandFileArguments } from '../expand-files.js';
import { terminalStyle } from '../style.js';
import { compareFlowOutput, removeKilledRunLeftovers, writeFlowOutput } from '../write-output.js';
import { batchProgress, betweenFiles, type BatchProgress } from '../progress.js';

export interface GenerateOptions extends ReportChoices {
  /** `--ignore-pattern`. */
  ignorePatterns: readonly string[];
  out: string;
  targets: readonly TargetName[];
  /** `--target terraform`: packagings of the emitted artifacts; their vendors are among `targets`. */
  packagings?: readonly PackagingName[];
  env?: string;
  /** `--cxone-catalog`: a tenant's CXone action definitions. */
  cxoneCatalog?: string;
  check: boolean;
  format: ReportFormat;
  toolVersion: string;
  /** `--config`; otherwise the nearest ivrflow.config.yaml up to the repository root, if any. */
  config?: string;
  /** `--graph`: each flow's step graph in this diagram language, beside its artifacts. */
  graph?: GraphFormat;
}

/** What every spec of one `generate` run is compiled with. */
interface Batch {
  args: readonly string[];
  compileOptions: CompileOptions;
  toolVersion: string;
  report: Report;
  progress: BatchProgress;
  cwd: string;
  /** `--quiet`: the report shows errors only, so it keeps only those (and their files' text). */
  errorsOnly: boolean;
}

interface FlowOutput {
  file: string;
  slug: string;
  artifacts: Artifact[];
}

/**
 * Compile each spec and write `<out>/<slug>/` (or, with --check, compare it), one flow at a time:
 * a flow's artifacts are written and dropped before the next spec is read, so memory does not grow
 * with the batch. The report is printed at the end, also when writing fails on the way.
 */
export async function generateCommand(args: readonly string[], options: GenerateOptions, io: CliIo): Promise<number> {
  const files = await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns });
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const cxoneCatalog = options.cxoneCatalog === undefined ? undefined : await readCxoneCatalog(options.cxoneCatalog, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const report = new Report();
  if (config) report.add(config.file, config.text, config.notes);
  const compileOptions: CompileOptions = {
    targets: options.targets,
    ...(options.packagings && options.packagings.length > 0 ? { packagings: options.packagings } : {}),
    ...(environment ? { environment, environmentFile: options.env! } : {}),
    ...(cxoneCatalog ? { cxoneCatalog } : {}),
    ...(config ? { rules: config.rules } : {}),
    ...(options.graph ? { graph: options.graph } : {}),
    readInclude: includeReader(io.cwd),
  };
  const outDir = resolve(io.cwd, options.out);
  const progress = batchProgress(io, files.length);
  const batch: Batch = {
    args,
    compileOptions,
    toolVersion: options.toolVersion,
    report,
    progress,
    cwd: io.cwd,
    errorsOnly: options.quiet,
  };
  let stale = false;
  try {
    if (!options.check) removeKilledRunLeftovers(outDir);
    const slugs = new Map<string, string>();
    for (const [index, file] of files.entries()) {
      await betweenFiles();
      progress.update(index, options.check ? 'checking' : 'generating');
      const output = await compileFlow(file, batch);
      if (!output) continue;
      claimSlug(slugs, output);
      if (options.check) stale = checkOutput(output, outDir, options.out, progress) || stale;
      else writeOutput(output, outDir, options.out, progress);
    }
  } finally {
    progress.clear();
    io.stdout(
      report.render(options.format, await terminalStyle(io), options.toolVersion, {
        ...options,
        cwd: io.cwd,
        base: resolve(io.cwd, options.base ?? '.'),
      }),
    );
  }
  if (report.diagnostics.some(isIoDiagnostic)) return EXIT_USAGE;
  return report.count('error') > 0 || stale ? EXIT_INPUT : EXIT_OK;
}

/** One spec compiled, its diagnostics in the report; its files (with the manifest), or undefined when it has errors or is a scenario file. */
async function compileFlow(file: string, batch: Batch): Promise<FlowOutput | undefined> {
  const { args, compileOptions, report, progress } = batch;
  if (isScenarioFile(file)) {
    // `generate flows` meets the scenario files beside the specs; they compile to nothing. Named one by one, say so.
    if (args.includes(file)) progress.say(`skipped ${file}: a scenario file (run it with ivrflow test)\n`);
    return undefined;
  }
  const read = readSpecFile(file, batch.cwd);
  if (!read.ok) {
    report.add(file, '', [read.diagnostic]);
    return undefined;
  }
  const compiled = await compileSpec(file, read.bytes, compileOptions);
  // The text is kept only for the code frames of a file that has diagnostics to show: a clean file's
  // would grow with the batch, and so would the notes and warnings of every file under --quiet.
  const shown = batch.errorsOnly ? compiled.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : compiled.diagnostics;
  report.add(file, shown.length > 0 ? compiled.source.text : '', shown);
  if (shown.length > 0) report.addIncluded(compiled.source);
  assertProducedOrReported(file, compiled.graph !== undefined && compiled.artifacts !== undefined, compiled.diagnostics);
  if (!compiled.graph || !compiled.artifacts) return undefined;
  const manifest = buildManifest(compiled.artifacts, {
    specFile: baseName(file),
    specBytes: read.bytes,
    toolVersion: batch.toolVersion,
    included: includedFiles(file, compiled.source),
  });
  return { file, slug: compiled.graph.slug, artifacts: [...compiled.artifacts, manifest] };
}

function writeOutput(output: FlowOutput, outDir: string, shownOut: string, progress: BatchProgress): void {
  writeFlowOutput(outDir, output.slug, output.artifacts, { leftoversRemoved: true });
  progress.say(`wrote ${join(shownOut, output.slug)}/ (${output.artifacts.length} files) from ${output.file}\n`);
}

/** Whether the flow's folder under --out differs from what it compiles to (said on stderr, with each differing file). */
function checkOutput(output: FlowOutput, outDir: string, shownOut: string, progress: BatchProgress): boolean {
  const result = compareFlowOutput(outDir, output.slug, output.artifacts);
  const lines = [
    ...result.missing.map((path) => `  missing  ${path}`),
    ...result.changed.map((path) => `  changed  ${path}`),
    ...result.extra.map((path) => `  extra    ${path}`),
  ];
  const shown = join(shownOut, output.slug);
  if (lines.length === 0) {
    progress.say(`up to date: ${shown}/\n`);
    return false;
  }
  progress.say(
    `out of date: ${shown}/ does not match ${output.file}\n${lines.join('\n')}\nRun the same command without --check to regenerate.\n`,
  );
  return true;
}

/**
 * Two specs must not write one folder. Found when the second is compiled: the flows before it are
 * written (each complete), the second is not, and the run stops with a usage error.
 */
function claimSlug(slugs: Map<string, string>, output: FlowOutput): void {
  const other = slugs.get(output.slug);
  if (other !== undefined)
    throw new CliError(`${other} and ${output.file} both generate into \`${output.slug}/\`; give the flows different names.`);
  slugs.set(output.slug, output.file);
}
