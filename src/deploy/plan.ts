import type { SpecPath } from '../diagnostics/diagnostic.js';

/** What a publish would do to one platform object. */
export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanItem {
  /** The vendor object: `data action`, `secure call flow`, `inbound call flow`, `script`. */
  what: string;
  /** Its name on the platform. */
  name: string;
  /** The artifact it is published from, relative to the flow's output folder. */
  artifact: string;
  /** sha256 of the artifact as generated (before any value filled at upload). */
  sha256: string;
  action: PlanAction;
  /** Why `unchanged` (the state file) or why `update` (found on the platform). */
  reason: string;
}

/** One thing a publish did, in order; printed whole when a later step fails. */
export interface LogEntry {
  item: PlanItem;
  /** `created`, `updated`, `published`, `saved with warnings`. */
  outcome: string;
  /** The platform's id for the object, when it gave one. */
  id?: string;
}

/** A problem the platform reported about an artifact, at the spec position that produced it. */
export interface PublishProblem {
  code: 'publish/rejected' | 'publish/warning' | 'publish/job-failed';
  severity: 'error' | 'warning';
  message: string;
  path: SpecPath;
  hint?: string;
}

export function renderPlan(target: string, items: readonly PlanItem[], dryRun: boolean): string {
  const width = Math.max(...items.map((item) => item.action.length), 0);
  const lines = items.map((item) => `  ${item.action.padEnd(width)}  ${item.what} \`${item.name}\` (${item.artifact}): ${item.reason}`);
  const counts = (['create', 'update', 'unchanged'] as const).map(
    (action) => `${items.filter((item) => item.action === action).length} ${action}`,
  );
  return `${dryRun ? 'Plan (dry run, nothing is written)' : 'Plan'} for ${target}: ${counts.join(', ')}\n${lines.join('\n')}\n`;
}

export function renderLog(entries: readonly LogEntry[]): string {
  if (entries.length === 0) return 'Nothing was published before the failure.\n';
  const lines = entries.map(
    (entry) => `  ${entry.outcome}  ${entry.item.what} \`${entry.item.name}\`${entry.id ? ` (id ${entry.id})` : ''}`,
  );
  return `Done before the failure (these are live on the platform now):\n${lines.join('\n')}\n`;
}
