import { docUrl } from '../../util/package-info.js';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MockBackend, type AuditEntry } from '../../contract/mock/backend.js';
import { parseFaultList, FAULT_SYNTAX } from '../../contract/mock/faults.js';
import { DEFAULT_FIXTURES, readFixtures, type MockFixtures } from '../../contract/mock/fixtures.js';
import { startMockServer } from '../../contract/mock/server.js';
import type { FlowGraph } from '../../ir/nodes.js';
import { secretEnvironmentName } from '../../simulate/run/live.js';
import { CliError, EXIT_INPUT, EXIT_OK, type CliIo } from '../io.js';
import { readSpecFile } from '../read-input.js';
import { Report } from '../report.js';
import { terminalStyle } from '../style.js';
import { loadFlow } from './contract-kit.js';

export interface MockOptions {
  port: number;
  host: string;
  fixtures?: string;
  /** `--window`: the freshness window in seconds, instead of the fixtures' (60 by default). */
  window?: number;
  /** `--fault`: faults committed on every request, comma-separated. */
  fault?: string;
  /** `--audit <file>`: append the audit log there instead of stdout. */
  audit?: string;
  env?: string;
  toolVersion: string;
  /** Resolves when the mock should stop; the CLI passes SIGINT/SIGTERM, tests their own. */
  until: Promise<unknown>;
}

/** Serve the spec's contract as a development middleware until told to stop. 0 stopped cleanly, 1 bad input, 2 usage or I/O. */
export async function mockCommand(files: readonly string[], options: MockOptions, io: CliIo): Promise<number> {
  const graphs: FlowGraph[] = [];
  const problems = new Report();
  for (const file of files) {
    const loaded = await loadFlow(file, { targets: [], ...(options.env === undefined ? {} : { env: options.env }) }, io);
    if (loaded.ok) graphs.push(loaded.flow.graph);
    else problems.add(file, loaded.source?.text ?? '', loaded.diagnostics);
  }
  const fixtures = options.fixtures === undefined ? DEFAULT_FIXTURES : readFixtureFile(options.fixtures, io, problems);
  if (problems.diagnostics.length > 0 || !fixtures) {
    io.stdout(problems.render('stylish', await terminalStyle(io), options.toolVersion));
    return EXIT_INPUT;
  }
  const backend = new MockBackend(graphs, {
    fixtures: withOptions(fixtures, options),
    tokens: devTokens(graphs, io),
    audit: auditSink(options, io),
  });
  const server = await listen(backend, options);
  io.stderr(`ivrflow mock: listening on ${server.url}\n`);
  for (const route of backend.served) io.stderr(`  ${route.method} ${server.url}${route.path}  (${route.endpoint})\n`);
  if (fixtures.customers.length === 0)
    io.stderr(`  no customers: every credential fails (give --fixtures, see ${docUrl('contract.md')})\n`);
  await options.until;
  await server.close();
  io.stderr('ivrflow mock: stopped\n');
  return EXIT_OK;
}

function readFixtureFile(file: string, io: CliIo, problems: Report): MockFixtures | undefined {
  const read = readSpecFile(file, io.cwd);
  if (!read.ok) throw new CliError(`${file}: ${read.diagnostic.message}`);
  const loaded = readFixtures(file, read.bytes);
  problems.add(file, loaded.source.text, loaded.diagnostics);
  return loaded.value;
}

function withOptions(fixtures: MockFixtures, options: MockOptions): MockFixtures {
  const { faults, unknown } = parseFaultList(options.fault ?? '');
  if (unknown.length > 0) throw new CliError(`--fault ${unknown[0]}: not a fault. Faults are: ${FAULT_SYNTAX.join(', ')}.`);
  return {
    ...fixtures,
    faults: [...fixtures.faults, ...faults],
    ...(options.window === undefined ? {} : { timestampWindowSeconds: options.window }),
  };
}

/** The development token of each bearer secret, from the same variable the probe and `test --endpoint` send. */
function devTokens(graphs: readonly FlowGraph[], io: CliIo): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const secret of new Set(graphs.flatMap((graph) => graph.endpoints.flatMap((endpoint) => endpoint.bearerSecret ?? [])))) {
    const value = io.env[secretEnvironmentName(secret)];
    if (!value)
      throw new CliError(
        `Set ${secretEnvironmentName(secret)} to a development token for secret \`${secret}\`; the mock refuses requests without it.`,
      );
    tokens.set(secret, value);
  }
  return tokens;
}

function auditSink(options: MockOptions, io: CliIo): (entry: AuditEntry) => void {
  if (options.audit === undefined) return (entry) => io.stdout(`${JSON.stringify(entry)}\n`);
  const path = resolve(io.cwd, options.audit);
  return (entry) => appendFileSync(path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

async function listen(backend: MockBackend, options: MockOptions) {
  try {
    return await startMockServer(backend, { port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(
      `Cannot listen on ${options.host}:${options.port} (${code}).${code === 'EADDRINUSE' ? ' Pick another --port.' : ''}`,
    );
  }
}
