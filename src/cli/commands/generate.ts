import { join, resolve } from 'node:path';
import type { Artifact, PackagingName, TargetName } from '../../targets/artifact.js';
import { buildManifest } from '../../targets/manifest.js';
import { isScenarioFile } from '../../simulate/scenario/files.js';
import { baseName, compileSpec } from '../../pipeline.js';
import { loadConfig } from '../config-file.js';
import { readCxoneCatalog } from '../cxone-catalog-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { CliError, EXIT_INPUT, EXIT_OK, EXIT_USAGE, assertProducedOrReported, type CliIo } from '../io.js';
import { isIoDiagnostic, readSpecFile } from '../read-input.js';
import type { ReportFormat } from '../formats.js';
import { Report, type ReportChoices } from '../report.js';
import { expandFileArguments } from '../expand-files.js';
import { terminalStyle } from '../style.js';
import { compareFlowOutput, removeKilledRunLeftovers, writeFlowOutput } from '../write-output.js';

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
}

interface FlowOutput {
  file: string;
  slug: string;
  artifacts: Artifact[];
}

/** Compile each spec and write `<out>/<slug>/` (or, with --check, compare it). */
export async function generateCommand(args: readonly string[], options: GenerateOptions, io: CliIo): Promise<number> {
  const files = await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns });
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const cxoneCatalog = options.cxoneCatalog === undefined ? undefined : await readCxoneCatalog(options.cxoneCatalog, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const report = new Report();
  if (config) report.add(config.file, config.text, config.notes);
  const outputs: FlowOutput[] = [];
  for (const file of files) {
    if (isScenarioFile(file)) {
      // `generate flows` meets the scenario files beside the specs; they compile to nothing. Named one by one, say so.
      if (args.includes(file)) io.stderr(`skipped ${file}: a scenario file (run it with ivrflow test)\n`);
      continue;
    }
    const read = await readSpecFile(file, io.cwd);
    if (!read.ok) {
      report.add(file, '', [read.diagnostic]);
      continue;
    }
    const compiled = await compileSpec(file, read.bytes, {
      targets: options.targets,
      ...(options.packagings && options.packagings.length > 0 ? { packagings: options.packagings } : {}),
      ...(environment ? { environment, environmentFile: options.env! } : {}),
      ...(cxoneCatalog ? { cxoneCatalog } : {}),
      ...(config ? { rules: config.rules } : {}),
    });
    report.add(file, compiled.source.text, compiled.diagnostics);
    assertProducedOrReported(file, compiled.graph !== undefined && compiled.artifacts !== undefined, compiled.diagnostics);
    if (!compiled.graph || !compiled.artifacts) continue;
    const manifest = buildManifest(compiled.artifacts, {
      specFile: baseName(file),
      specBytes: read.bytes,
      toolVersion: options.toolVersion,
    });
    outputs.push({ file, slug: compiled.graph.slug, artifacts: [...compiled.artifacts, manifest] });
  }
  assertDistinctSlugs(outputs);
  io.stdout(
    report.render(options.format, await terminalStyle(io), options.toolVersion, {
      ...options,
      cwd: io.cwd,
      base: resolve(io.cwd, options.base ?? '.'),
    }),
  );
  const outDir = resolve(io.cwd, options.out);
  const stale = options.check ? await checkOutputs(outputs, outDir, options.out, io) : await writeOutputs(outputs, outDir, options.out, io);
  if (report.diagnostics.some(isIoDiagnostic)) return EXIT_USAGE;
  return report.count('error') > 0 || stale ? EXIT_INPUT : EXIT_OK;
}

async function writeOutputs(outputs: readonly FlowOutput[], outDir: string, shownOut: string, io: CliIo): Promise<boolean> {
  await removeKilledRunLeftovers(outDir);
  for (const output of outputs) {
    await writeFlowOutput(outDir, output.slug, output.artifacts);
    io.stderr(`wrote ${join(shownOut, output.slug)}/ (${output.artifacts.length} files) from ${output.file}\n`);
  }
  return false;
}

async function checkOutputs(outputs: readonly FlowOutput[], outDir: string, shownOut: string, io: CliIo): Promise<boolean> {
  let stale = false;
  for (const output of outputs) {
    const result = await compareFlowOutput(outDir, output.slug, output.artifacts);
    const lines = [
      ...result.missing.map((path) => `  missing  ${path}`),
      ...result.changed.map((path) => `  changed  ${path}`),
      ...result.extra.map((path) => `  extra    ${path}`),
    ];
    const shown = join(shownOut, output.slug);
    if (lines.length === 0) {
      io.stderr(`up to date: ${shown}/\n`);
      continue;
    }
    stale = true;
    io.stderr(
      `out of date: ${shown}/ does not match ${output.file}\n${lines.join('\n')}\nRun the same command without --check to regenerate.\n`,
    );
  }
  return stale;
}

function assertDistinctSlugs(outputs: readonly FlowOutput[]): void {
  const bySlug = new Map<string, string>();
  for (const output of outputs) {
    const other = bySlug.get(output.slug);
    if (other !== undefined)
      throw new CliError(`${other} and ${output.file} both generate into \`${output.slug}/\`; give the flows different names.`);
    bySlug.set(output.slug, output.file);
  }
}
