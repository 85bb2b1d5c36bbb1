import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact } from '../targets/artifact.js';
import type { HttpClient } from './http.js';
import type { LogEntry, PlanItem, PublishProblem } from './plan.js';
import type { Redactor } from './redact.js';
import type { PublishState } from './state.js';

/** The process environment as the CLI hands it over; the deploy stage never reads `process` itself. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One compiled flow, ready to publish: the graph (for spec positions) and its artifacts. */
export interface PublishInput {
  graph: FlowGraph;
  artifacts: readonly Artifact[];
}

export interface PublishContext {
  http: HttpClient;
  redactor: Redactor;
  env: Environment;
  state: PublishState;
  dryRun: boolean;
  force: boolean;
  /** Milliseconds between polls of a Genesys flow job. */
  pollIntervalMs: number;
  /** How long a flow job may run before the publish gives up (the step is named in the error). */
  jobTimeoutMs: number;
  /** Progress lines as they happen (redacted by the caller of `say`). */
  say: (line: string) => void;
}

export interface PublishOutcome {
  plan: PlanItem[];
  log: LogEntry[];
  /** Per flow (graph slug), what the platform said about its artifacts. */
  problems: { graph: FlowGraph; problems: PublishProblem[] }[];
}
