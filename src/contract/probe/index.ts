import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../../diagnostics/sort.js';
import type { SpecSource } from '../../flowspec/source.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { SecretLookup } from '../../simulate/run/live.js';
import type { Engine } from '../../targets/engine-contract.js';
import type { ProbeCases } from './cases-file.js';
import { Findings } from './findings.js';
import { probeEndpoint, type EndpointProbe } from './run.js';
import type { ProbeReport } from './report.js';

export interface ProbeRun {
  spec: string;
  source: SpecSource;
  graph: FlowGraph;
  /** The vendor engines (genesys, cxone) whose requests are sent. */
  engines: readonly Engine[];
  /** `--endpoint name=url`, in the order given. */
  urls: ReadonlyMap<string, string>;
  cases?: ProbeCases;
  secrets: SecretLookup;
  load?: { requests: number; concurrency: number };
  now?: () => number;
}

/** Probe each named endpoint in turn (one at a time: the probe must not be a load test unless asked). */
export async function probeContract(run: ProbeRun): Promise<ProbeReport> {
  const findings = new Findings();
  const endpoints: EndpointProbe[] = [];
  for (const [name, url] of run.urls) {
    const endpoint = run.graph.endpoints.find((candidate) => candidate.id === name);
    if (!endpoint) continue;
    const cases = run.cases?.get(name);
    endpoints.push(
      await probeEndpoint(
        { endpoint, url, ...(cases ? { cases } : {}) },
        {
          graph: run.graph,
          engines: run.engines,
          secrets: run.secrets,
          ...(run.load ? { load: run.load } : {}),
          ...(run.now ? { now: run.now } : {}),
        },
        findings,
      ),
    );
  }
  const diagnostics: Diagnostic[] = sortDiagnostics(findings.diagnostics(run.source));
  return { spec: run.spec, endpoints, diagnostics };
}
