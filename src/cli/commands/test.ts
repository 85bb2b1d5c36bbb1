import type { TestFormat } from '../formats.js';
import { hostname } from 'node:os';
import type { EngineName } from '../../targets/engine-contract.js';
import { allPassed, totals, type FlowTestReport } from '../../simulate/report/model.js';
import { isScenarioFile, scenarioFileOf, specOfScenarioFile } from '../../simulate/scenario/files.js';
import { matchesName, prepareFlow, runPreparedFlow, type PreparedFlow } from '../../simulate/run/test-flow.js';
import { assertNever } from '../../util/assert.js';
import { loadConfig } from '../config-file.js';
import { readCxoneCatalog } from '../cxone-catalog-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { CliError, EXIT_INPUT, EXIT_OK, EXIT_USAGE, assertProducedOrReported, type CliIo } from '../io.js';
import { readSpecFile } from '../read-input.js';
import { expandFileArguments } from '../expand-files.js';
import { terminalStyle } from '../style.js';
import { secretEnvironmentName, type SecretLookup } from '../../simulate/run/live.js';
import { environmentSecrets } from './contract-kit.js';
import { includeReader } from '../include-reader.js';
import { PACKAGE_VERSION } from '../../util/package-info.js';

export interface TestOptions {
  format: TestFormat;
  engines: readonly EngineName[];
  /** `--endpoint name=url`. */
  endpoints: ReadonlyMap<string, string>;
  env?: string;
  cxoneCatalog?: string;
  config?: string;
  /** `--scenario <text>`: only the scenarios whose name contains it. */
  scenario?: string;
  /** `--trace`: print what each engine did in each scenario. */
  trace: boolean;
  /** `--fail-on-skip`: an engine run that was skipped fails the run. */
  failOnSkip: boolean;
  /** `--ignore-pattern`. */
  ignorePatterns: readonly string[];
}

/** Run each flow's scenarios on the engines. 0 all passed, 1 a failure or a problem in a file, 2 usage or I/O. */
export async function testCommand(given: readonly string[], options: TestOptions, io: CliIo): Promise<number> {
  const args = await expandFileArguments(given, { cwd: io.cwd, ignore: options.ignorePatterns });
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const cxoneCatalog = options.cxoneCatalog === undefined ? undefined : await readCxoneCatalog(options.cxoneCatalog, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const compile = {
    ...(environment ? { environment } : {}),
    ...(cxoneCatalog ? { cxoneCatalog } : {}),
    ...(config ? { rules: config.rules } : {}),
    readInclude: includeReader(io.cwd),
  };
  const prepared: PreparedFlow[] = [];
  for (const pair of pairFiles(args)) {
    const spec = readSpecFile(pair.spec, io.cwd);
    if (!spec.ok)
      throw new CliError(`${pair.spec}: ${spec.diagnostic.message}${pair.spec === pair.given ? '' : ` (the spec of ${pair.given})`}`);
    // A missing scenario file is a finding about the flow (scenario/missing), any other read problem is I/O.
    const scenarios = readSpecFile(pair.scenarioFile, io.cwd);
    if (!scenarios.ok && scenarios.diagnostic.code !== 'io/not-found')
      throw new CliError(`${pair.scenarioFile}: ${scenarios.diagnostic.message}`);
    const flow = await prepareFlow(
      {
        spec: pair.spec,
        specBytes: spec.bytes,
        scenarioFile: pair.scenarioFile,
        ...(scenarios.ok ? { scenarioBytes: scenarios.bytes } : {}),
      },
      options.engines,
      compile,
    );
    assertProducedOrReported(pair.spec, flow.flow !== undefined, flow.report.diagnostics);
    prepared.push(flow);
  }
  checkEndpointNames(options.endpoints, prepared);
  checkScenarioFilter(options.scenario, prepared);
  const secrets = liveSecrets(options.endpoints, prepared, io);
  const reports: FlowTestReport[] = [];
  for (const flow of prepared)
    reports.push(
      await runPreparedFlow(flow, {
        endpointUrls: endpointsOf(flow, options.endpoints),
        secrets,
        trace: options.trace,
        ...(options.scenario === undefined ? {} : { only: options.scenario }),
      }),
    );
  io.stdout(await render(reports, prepared, options.format, io));
  const skipped = totals(reports).skippedRuns;
  if (options.failOnSkip && skipped > 0)
    io.stderr(`ivrflow: ${skipped} engine run${skipped === 1 ? ' was' : 's were'} skipped (--fail-on-skip).\n`);
  return allPassed(reports, { failOnSkip: options.failOnSkip }) ? EXIT_OK : EXIT_INPUT;
}

interface FilePair {
  given: string;
  spec: string;
  scenarioFile: string;
}

/** `x.yaml` runs `x.test.yaml` beside it; naming `x.test.yaml` runs it against `x.yaml`. Each pair once. */
function pairFiles(args: readonly string[]): FilePair[] {
  const pairs = new Map<string, FilePair>();
  for (const given of args) {
    const pair = isScenarioFile(given)
      ? { given, spec: specOfScenarioFile(given), scenarioFile: given }
      : { given, spec: given, scenarioFile: scenarioFileOf(given) };
    if (!pairs.has(pair.spec)) pairs.set(pair.spec, pair);
  }
  return [...pairs.values()];
}

/** A misspelled `--endpoint` name would silently test the canned replies instead: refuse it. */
function checkEndpointNames(endpoints: ReadonlyMap<string, string>, prepared: readonly PreparedFlow[]): void {
  const known = new Set(prepared.flatMap((flow) => flow.flow?.graph.endpoints.map((endpoint) => endpoint.id) ?? []));
  const unknown = [...endpoints.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new CliError(
      `--endpoint ${unknown.join(', ')}: no such endpoint in the flows tested (they have: ${[...known].sort().join(', ') || 'none'}).`,
      EXIT_USAGE,
    );
}

/** A filter that selects nothing would be a green run that tested nothing. */
function checkScenarioFilter(text: string | undefined, prepared: readonly PreparedFlow[]): void {
  if (text === undefined) return;
  const loaded = prepared.flatMap((flow) => flow.scenarios);
  if (loaded.length > 0 && !loaded.some((scenario) => matchesName(scenario, text)))
    throw new CliError(`--scenario ${JSON.stringify(text)}: no scenario name contains it.`, EXIT_USAGE);
}

/** The bearer tokens of the live endpoints, from the environment; a missing one is a usage error naming its variable. */
function liveSecrets(endpoints: ReadonlyMap<string, string>, prepared: readonly PreparedFlow[], io: CliIo): SecretLookup {
  for (const flow of prepared)
    if (flow.flow) environmentSecrets(flow.flow.graph, endpoints.keys(), io, 'test --endpoint sends it to the live endpoint');
  return (secret) => io.env[secretEnvironmentName(secret)] || undefined;
}

function endpointsOf(flow: PreparedFlow, endpoints: ReadonlyMap<string, string>): Map<string, string> {
  const own = new Set(flow.flow?.graph.endpoints.map((endpoint) => endpoint.id) ?? []);
  return new Map([...endpoints].filter(([name]) => own.has(name)));
}

async function render(
  reports: readonly FlowTestReport[],
  prepared: readonly PreparedFlow[],
  format: TestFormat,
  io: CliIo,
): Promise<string> {
  switch (format) {
    case 'stylish': {
      const { renderTestStylish } = await import('../../simulate/report/stylish.js');
      const sources = new Map(prepared.flatMap((flow) => [...flow.sources]));
      return renderTestStylish(reports, sources, await terminalStyle(io));
    }
    case 'json': {
      const { renderTestJson } = await import('../../simulate/report/json.js');
      return renderTestJson(reports, { toolVersion: PACKAGE_VERSION });
    }
    case 'junit': {
      const { renderTestJunit } = await import('../../simulate/report/junit.js');
      return renderTestJunit(reports, { timestamp: new Date(), hostname: hostname() });
    }
    default:
      return assertNever(format);
  }
}
