import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from '../../../helpers/fixtures.js';

/** What the Architect core (via run-flows.mjs) said about one flow file. */
export interface OracleFlowReport {
  file: string;
  rejected: { where: string; message: string }[];
  unmapped: string[];
  notes: string[];
  errors: string[];
  warnings: string[];
}

export interface OracleReport {
  flows: OracleFlowReport[];
  unanswered: string[];
}

const RUNNER = join(ROOT, 'test/targets/genesys/oracle/run-flows.mjs');

/** Every generated Genesys folder the golden tests pin: the example flows and the golden cases. */
export function goldenGenesysDirs(): { name: string; dir: string }[] {
  const flows = readdirSync(join(ROOT, 'test/golden/flows')).map((name) => ({
    name: `flows/${name}`,
    dir: join(ROOT, 'test/golden/flows', name, 'genesys'),
  }));
  const cases = readdirSync(join(ROOT, 'test/cases')).map((name) => ({
    name: `cases/${name}`,
    dir: join(ROOT, 'test/cases', name, 'expected/genesys'),
  }));
  return [...flows, ...cases].filter(({ dir }) => existsSync(join(dir, 'inbound-call.yaml')));
}

/** One child per flow folder, at most `limit` at once (the SDK session takes ~6 s, mostly waiting). */
export async function runOracle(dirs: readonly string[], limit = 2): Promise<Map<string, OracleReport>> {
  const reports = new Map<string, OracleReport>();
  const queue = [...dirs];
  const worker = async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) reports.set(dir, await runOne(dir));
  };
  await Promise.all(Array.from({ length: Math.min(limit, dirs.length) }, worker));
  return reports;
}

async function runOne(dir: string): Promise<OracleReport> {
  const result = await execa('node', [RUNNER, dir], { reject: false, cwd: ROOT, timeout: 120_000 });
  const line = result.stdout.split('\n').find((candidate) => candidate.startsWith('ORACLE-REPORT '));
  if (line === undefined)
    throw new Error(`the oracle printed no report for ${dir} (exit ${result.exitCode}):\n${result.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('ORACLE-REPORT '.length)) as OracleReport;
}

/** A writable copy of a generated Genesys folder with one file's text changed. */
export function mutatedCopy(dir: string, file: string, change: (text: string) => string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ivrflow-oracle-'));
  cpSync(dir, copy, { recursive: true });
  const path = join(copy, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the mutation of ${file} changed nothing`);
  writeFileSync(path, after);
  return copy;
}

/** Everything that makes a flow unacceptable: refusals, unmapped keys and validation errors. */
export function problems(report: OracleReport): string[] {
  return report.flows.flatMap((flow) => [
    ...flow.rejected.map((item) => `${flow.file} rejected ${item.where}: ${item.message}`),
    ...flow.unmapped.map((item) => `${flow.file} unmapped ${item}`),
    ...flow.errors.map((item) => `${flow.file} error ${item}`),
  ]);
}
