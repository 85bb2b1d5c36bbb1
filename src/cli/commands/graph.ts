import { resolve } from 'node:path';
import { checkSpec } from '../../pipeline.js';
import { loadConfig } from '../config-file.js';
import { renderGraph, type GraphFormat } from '../../graph/render.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';
import { isIoDiagnostic, readSpecFile } from '../read-input.js';
import { Report } from '../report.js';
import { writeAtomically } from '../output-file.js';
import { terminalStyle } from '../style.js';
import { includeReader } from '../include-reader.js';

export interface GraphOptions {
  format: GraphFormat;
  /** `--out`: the diagram goes to this file, written whole or not at all; otherwise to standard output. */
  out?: string;
  /**
   * `--config`, else the nearest ivrflow.config.yaml, as for `validate`: the rule levels decide
   * whether the spec has errors, and a spec with errors is not drawn.
   */
  config?: string;
}

/** Draw one spec's step graph. 0 drawn, 1 the spec has errors (printed, nothing drawn), 2 I/O. */
export async function graphCommand(file: string, options: GraphOptions, io: CliIo): Promise<number> {
  const read = readSpecFile(file, io.cwd);
  const report = new Report();
  if (!read.ok) {
    report.add(file, '', [read.diagnostic]);
    return printDiagnostics(report, io);
  }
  const config = await loadConfig(options.config, io.cwd);
  if (config) report.add(config.file, config.text, config.notes);
  // No --env: the graph draws ids, kinds, edges and literal prompts, none of which an environment
  // fills (the IR fills endpoint URLs only, which are not drawn); `validate --env` checks the values.
  const checked = checkSpec(file, read.bytes, { readInclude: includeReader(io.cwd), ...(config ? { rules: config.rules } : {}) });
  report.add(file, checked.source.text, checked.diagnostics);
  report.addIncluded(checked.source);
  if (!checked.graph) return printDiagnostics(report, io);
  if (report.diagnostics.length > 0) io.stderr(await renderDiagnostics(report, io));
  const diagram = renderGraph(checked.graph, options.format);
  if (options.out === undefined) io.stdout(diagram);
  else await writeAtomically(resolve(io.cwd, options.out), diagram, options.out);
  return EXIT_OK;
}

async function renderDiagnostics(report: Report, io: CliIo): Promise<string> {
  return report.render('stylish', await terminalStyle(io), '', { quiet: false, verbose: false });
}

/** The diagram owns standard output, so the diagnostics go to standard error. */
async function printDiagnostics(report: Report, io: CliIo): Promise<number> {
  io.stderr(await renderDiagnostics(report, io));
  return report.diagnostics.some(isIoDiagnostic) ? EXIT_USAGE : EXIT_INPUT;
}
