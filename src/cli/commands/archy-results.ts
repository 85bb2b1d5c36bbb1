import { resolve } from 'node:path';
import { DiagnosticSink } from '../../flowspec/source.js';
import { loadSpec, type DocumentKind } from '../../flowspec/load.js';
import { checkSpec } from '../../pipeline.js';
import { readArchyResults } from '../../targets/genesys/archy-results.js';
import { docUrl } from '../../util/package-info.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';
import { isIoDiagnostic, readSpecFile } from '../read-input.js';
import { includeReader } from '../include-reader.js';
import type { ReportFormat } from '../formats.js';
import { Report, type ReportChoices } from '../report.js';
import { terminalStyle } from '../style.js';

export interface ArchyResultsOptions extends ReportChoices {
  format: ReportFormat;
  /** `--spec`: the spec the published flows were generated from, to point traces at its steps. */
  spec?: string;
  toolVersion: string;
}

const RESULTS_FILE: DocumentKind = {
  noun: 'Archy results file',
  firstLine: '{',
  syntax: 'JSON',
  startFrom: `Pass the file written by \`archy publish --resultsFile <file>\`; see ${docUrl('genesys.md#publishing')}.`,
};

/**
 * `ivrflow archy-results <file> [--spec <spec>]`: Archy's `--resultsFile` JSON as diagnostics, each
 * at its trace in the file, or at the spec step it names. Exit 1 when Archy reported a failure or
 * the file is not a results file, 2 when a file cannot be read, 0 otherwise.
 */
export async function archyResultsCommand(file: string, options: ArchyResultsOptions, io: CliIo): Promise<number> {
  const report = new Report();
  const graph = options.spec === undefined ? undefined : specGraph(options.spec, report, io);
  let failed = false;
  const read = readSpecFile(file, io.cwd);
  if (!read.ok) report.add(file, '', [read.diagnostic]);
  else {
    const loaded = loadSpec(file, read.bytes, RESULTS_FILE);
    const sink = new DiagnosticSink(loaded.source);
    if (loaded.diagnostics.length === 0) {
      const results = readArchyResults(loaded.data, graph?.graph);
      for (const problem of results.inResults) sink.report(problem);
      for (const problem of results.inSpec) graph?.sink.report(problem);
      failed = results.failed;
    }
    report.add(file, loaded.source.text, [...loaded.diagnostics, ...sink.diagnostics]);
    if (graph) report.add(graph.file, graph.sink.source.text, graph.sink.diagnostics);
  }
  io.stdout(
    report.render(options.format, await terminalStyle(io), options.toolVersion, {
      ...options,
      cwd: io.cwd,
      base: resolve(io.cwd, options.base ?? '.'),
    }),
  );
  if (options.format === 'stylish' && !failed && report.count('error') === 0) io.stdout(`✔ Archy reported no errors in ${file}.\n`);
  if (report.diagnostics.some(isIoDiagnostic)) return EXIT_USAGE;
  return failed || report.count('error') > 0 ? EXIT_INPUT : EXIT_OK;
}

/** The spec's graph, checked as `validate` checks it; its own problems are reported and mapping is skipped. */
function specGraph(spec: string, report: Report, io: CliIo) {
  const read = readSpecFile(spec, io.cwd);
  if (!read.ok) {
    report.add(spec, '', [read.diagnostic]);
    return undefined;
  }
  const checked = checkSpec(spec, read.bytes, { targets: ['genesys'], readInclude: includeReader(io.cwd) });
  if (!checked.graph) {
    report.add(spec, checked.source.text, checked.diagnostics);
    report.addIncluded(checked.source);
    return undefined;
  }
  return { file: spec, graph: checked.graph, sink: new DiagnosticSink(checked.source) };
}
