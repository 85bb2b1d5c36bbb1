import { resolve } from 'node:path';
import { checkSpec, type CheckOptions } from '../../pipeline.js';
import type { TargetName } from '../../targets/index.js';
import { isScenarioFile, specOfScenarioFile } from '../../simulate/scenario/files.js';
import { loadConfig } from '../config-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';
import { isIoDiagnostic, readSpecFile, type ReadResult } from '../read-input.js';
import type { ReportFormat } from '../formats.js';
import { Report, type ReportChoices } from '../report.js';
import { expandFileArguments } from '../expand-files.js';
import { MAX_SPEC_BYTES } from '../../flowspec/load.js';
import { terminalStyle } from '../style.js';
import { includeReader } from '../include-reader.js';
import { batchProgress, betweenFiles } from '../progress.js';

export interface ValidateOptions extends ReportChoices {
  format: ReportFormat;
  env?: string;
  maxWarnings?: number;
  /** `--config`; otherwise the nearest ivrflow.config.yaml up to the repository root, if any. */
  config?: string;
  /** `--target`: check these vendors' limits only (and only their placeholders with `--env`). */
  targets?: readonly TargetName[];
  /** `--stdin-filename`: the name standard input (`-`) is reported as. */
  stdinFilename?: string;
  /** `--ignore-pattern`. */
  ignorePatterns: readonly string[];
  toolVersion: string;
}

/** Check each spec and print every diagnostic. 0 clean (warnings allowed), 1 errors, 2 I/O. */
export async function validateCommand(args: readonly string[], options: ValidateOptions, io: CliIo): Promise<number> {
  const files = await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns });
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const report = new Report();
  if (config) report.add(config.file, config.text, config.notes);
  const checkOptions = {
    ...(environment ? { environment } : {}),
    ...(config ? { rules: config.rules } : {}),
    ...(options.targets ? { targets: options.targets } : {}),
    readInclude: includeReader(io.cwd),
  };
  const progress = batchProgress(io, files.length);
  for (const [index, given] of files.entries()) {
    await betweenFiles();
    progress.update(index, 'checking');
    const read = given === STDIN ? await readStandardInput(options.stdinFilename, io) : { file: given, ...readSpecFile(given, io.cwd) };
    const file = read.file;
    if (!read.ok) {
      report.add(file, '', [read.diagnostic]);
      continue;
    }
    if (isScenarioFile(file) && given !== STDIN) {
      await validateScenarioFile(file, read.bytes, files, checkOptions, report, io);
      continue;
    }
    const checked = checkSpec(file, read.bytes, checkOptions);
    // The text is kept only for the code frames of a file that has diagnostics: a clean file's would
    // grow with the batch (as in generate).
    const shown = checked.diagnostics.length > 0;
    report.add(file, shown ? checked.source.text : '', checked.diagnostics);
    if (shown) report.addIncluded(checked.source);
  }
  progress.clear();
  io.stdout(
    report.render(options.format, await terminalStyle(io), options.toolVersion, {
      ...options,
      cwd: io.cwd,
      base: resolve(io.cwd, options.base ?? '.'),
    }),
  );
  if (options.format === 'stylish' && report.count('error') + report.count('warning') === 0)
    io.stdout(`✔ ${files.length} file${files.length === 1 ? '' : 's'} checked, no problems.\n`);
  return exitCode(report, options.maxWarnings, io);
}

const STDIN = '-';

/** `-`: the spec comes from standard input, reported under `--stdin-filename` (ESLint's convention) or `<stdin>`. */
async function readStandardInput(name: string | undefined, io: CliIo): Promise<{ file: string } & ReadResult> {
  const file = name ?? '<stdin>';
  const bytes = await io.readStdin();
  if (bytes.byteLength > MAX_SPEC_BYTES)
    return {
      file,
      ok: false,
      diagnostic: {
        code: 'input/too-large',
        severity: 'error',
        message: `Standard input holds ${bytes.byteLength} bytes; ivrflow reads files of at most ${MAX_SPEC_BYTES} bytes.`,
        file,
        path: [],
      },
    };
  return { file, ok: true, bytes };
}

/** A scenario file is checked against its spec; the spec's own problems are reported once, by its own entry when it is listed too. */
async function validateScenarioFile(
  file: string,
  bytes: Uint8Array,
  files: readonly string[],
  options: CheckOptions,
  report: Report,
  io: CliIo,
): Promise<void> {
  const spec = specOfScenarioFile(file);
  const read = readSpecFile(spec, io.cwd);
  if (!read.ok) {
    report.add(spec, '', [
      { ...read.diagnostic, message: `${read.diagnostic.message} A scenario file is checked against the spec beside it.` },
    ]);
    return;
  }
  const { checkScenarioFile } = await import('../../simulate/run/test-flow.js');
  const checked = checkScenarioFile({ spec, specBytes: read.bytes, scenarioFile: file, scenarioBytes: bytes }, options);
  for (const [name, text] of checked.sources) report.sources.set(name, text);
  const own = checked.diagnostics.filter((diagnostic) => diagnostic.file === file || !files.includes(spec));
  report.add(file, checked.sources.get(file) ?? '', own);
}

function exitCode(report: Report, maxWarnings: number | undefined, io: CliIo): number {
  if (report.diagnostics.some(isIoDiagnostic)) return EXIT_USAGE;
  if (report.count('error') > 0) return EXIT_INPUT;
  if (maxWarnings !== undefined && report.count('warning') > maxWarnings) {
    io.stderr(`ivrflow: ${report.count('warning')} warnings exceed --max-warnings ${maxWarnings}.\n`);
    return EXIT_INPUT;
  }
  return EXIT_OK;
}
