import { probeContract } from '../../contract/probe/index.js';
import { readCasesFile, type ProbeCases } from '../../contract/probe/cases-file.js';
import {
  renderProbeJson,
  renderProbeJunit,
  renderProbeStylish,
  renderProblemsJunit,
  type ProbeReport,
} from '../../contract/probe/report.js';
import { createEngine } from '../../simulate/engines.js';
import { EngineError, type Engine } from '../../targets/engine-contract.js';
import { assertNever } from '../../util/assert.js';
import { optionalProps } from '../../util/optional-props.js';
import { CliError, EXIT_INPUT, EXIT_OK, type CliIo } from '../io.js';
import { readSpecFile } from '../read-input.js';
import { Report } from '../report.js';
import { terminalStyle } from '../style.js';
import type { ContractFormat } from '../formats.js';
import { checkEndpointNames, environmentSecrets, loadFlow } from './contract-kit.js';

export interface ContractOptions {
  endpoints: ReadonlyMap<string, string>;
  cases?: string;
  format: ContractFormat;
  requests?: number;
  concurrency?: number;
  env?: string;
  config?: string;
  toolVersion: string;
}

/** Probe a live middleware as the generated artifacts call it. 0 no errors, 1 findings or bad input, 2 usage or I/O. */
export async function contractCommand(file: string, options: ContractOptions, io: CliIo): Promise<number> {
  if (options.endpoints.size === 0) throw new CliError('Name the backend to probe: --endpoint <endpoint>=<url>.');
  if (options.concurrency !== undefined && options.requests === undefined) throw new CliError('--concurrency needs --requests.');
  const loaded = await loadFlow(file, { targets: ['genesys', 'cxone'], ...optionalProps(options, ['env', 'config']) }, io);
  const style = await terminalStyle(io);
  if (!loaded.ok) return printProblems(loaded.file, loaded.source?.text ?? '', loaded.diagnostics, options, io, style);
  const { graph } = loaded.flow;
  checkEndpointNames(options.endpoints.keys(), graph);
  const cases = options.cases === undefined ? undefined : readCases(options.cases, options, io);
  if (cases && !cases.ok) return printProblems(cases.file, cases.text, cases.diagnostics, options, io, style);
  const secrets = environmentSecrets(graph, options.endpoints.keys(), io, 'the probe sends it as the platforms do');
  const report = await probeContract({
    spec: file,
    source: loaded.source,
    graph,
    engines: await vendorEngines(loaded.flow),
    urls: options.endpoints,
    secrets,
    ...(cases?.ok ? { cases: cases.cases } : {}),
    ...(options.requests === undefined ? {} : { load: { requests: options.requests, concurrency: options.concurrency ?? 1 } }),
  });
  io.stdout(render(report, new Map([[file, loaded.source.text]]), options, style));
  return report.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT_INPUT : EXIT_OK;
}

async function vendorEngines(flow: Parameters<typeof createEngine>[1]): Promise<Engine[]> {
  const engines: Engine[] = [];
  for (const name of ['genesys', 'cxone'] as const) {
    try {
      engines.push(await createEngine(name, flow));
    } catch (error) {
      if (error instanceof EngineError)
        throw new CliError(`The ${name} engine cannot read the generated artifact: ${error.message}`, EXIT_INPUT);
      throw error;
    }
  }
  return engines;
}

type ReadCases = { ok: true; cases: ProbeCases } | { ok: false; file: string; text: string; diagnostics: Report['diagnostics'] };

function readCases(file: string, options: ContractOptions, io: CliIo): ReadCases {
  const read = readSpecFile(file, io.cwd);
  if (!read.ok) throw new CliError(`${file}: ${read.diagnostic.message}`);
  const loaded = readCasesFile(file, read.bytes);
  if (!loaded.value) return { ok: false, file, text: loaded.source.text, diagnostics: loaded.diagnostics };
  const unknown = [...loaded.value.keys()].filter((name) => !options.endpoints.has(name));
  if (unknown.length > 0) io.stderr(`ivrflow: ${file}: cases for ${unknown.join(', ')} are not used (not named by --endpoint).\n`);
  return { ok: true, cases: loaded.value };
}

function printProblems(
  file: string,
  text: string,
  diagnostics: Report['diagnostics'],
  options: ContractOptions,
  io: CliIo,
  style: Awaited<ReturnType<typeof terminalStyle>>,
): number {
  const report = new Report();
  report.add(file, text, diagnostics);
  io.stdout(
    options.format === 'junit' ? renderProblemsJunit(report.diagnostics) : report.render(options.format, style, options.toolVersion),
  );
  return EXIT_INPUT;
}

function render(
  report: ProbeReport,
  sources: ReadonlyMap<string, string>,
  options: ContractOptions,
  style: Awaited<ReturnType<typeof terminalStyle>>,
): string {
  switch (options.format) {
    case 'stylish':
      return renderProbeStylish(report, sources, style);
    case 'json':
      return renderProbeJson(report, { toolVersion: options.toolVersion });
    case 'junit':
      return renderProbeJunit(report);
    case 'sarif': {
      const sarif = new Report();
      for (const [file, text] of sources) sarif.add(file, text, report.diagnostics);
      return sarif.render('sarif', style, options.toolVersion);
    }
    default:
      return assertNever(options.format);
  }
}
