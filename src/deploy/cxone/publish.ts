import { docUrl } from '../../util/package-info.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph } from '../../ir/nodes.js';
import { secretEnvironmentName } from '../../simulate/run/live.js';
import type { Artifact } from '../../targets/artifact.js';
import { BUS_NO_PLACEHOLDER } from '../../targets/cxone/emit/bus-number.js';
import type { PublishContext, PublishInput, PublishOutcome } from '../context.js';
import { DeployError, explainForbiddenWith } from '../errors.js';
import type { PlanItem, PublishProblem } from '../plan.js';
import { objectKey, record, recorded, sha256 } from '../state.js';
import { loginCxone, type CxoneSession } from './auth.js';
import { CXONE_ENV, CXONE_PATHS, CXONE_PERMISSIONS, SCRIPT_REJECTED, SCRIPT_SAVED_WITH_WARNINGS } from './facts.js';

interface ScriptItem {
  plan: PlanItem;
  artifact: Artifact;
  graph: FlowGraph;
}

/** Every script, one POST /scripts each; stops at the first rejection (409) or failure. */
export async function publishCxone(inputs: readonly PublishInput[], ctx: PublishContext, outcome: PublishOutcome): Promise<void> {
  const session = await loginCxone(ctx.http, ctx.redactor, ctx.env);
  const items = inputs.flatMap((input) =>
    input.artifacts
      .filter((artifact) => artifact.target === 'cxone' && artifact.kind === 'script')
      .map((artifact): ScriptItem => ({ plan: planItem(artifact), artifact, graph: input.graph })),
  );
  for (const item of items) {
    // Fill now, before any write: a missing token or business unit stops the publish with nothing sent.
    fillUploadPlaceholders(item, session, ctx);
    await decide(item, session, ctx);
  }
  outcome.plan.push(...items.map((item) => item.plan));
  if (ctx.dryRun) return;
  for (const item of items) {
    if (item.plan.action === 'unchanged') continue;
    await saveScript(item, session, ctx, outcome);
  }
}

function planItem(artifact: Artifact): PlanItem {
  const header = (JSON.parse(artifact.contents) as { scriptContent?: { header?: { scriptName?: unknown } } }).scriptContent?.header;
  const name = typeof header?.scriptName === 'string' ? header.scriptName : artifact.path;
  return { what: 'script', name, artifact: artifact.path, sha256: sha256(artifact.contents), action: 'create', reason: '' };
}

async function decide(item: ScriptItem, session: CxoneSession, ctx: PublishContext): Promise<void> {
  const previous = recorded(ctx.state, session.account, objectKey('script', item.plan.name));
  if (!ctx.force && previous?.sha256 === item.plan.sha256) {
    Object.assign(item.plan, { action: 'unchanged', reason: 'same sha256 as last saved (state file)' });
    return;
  }
  const step = `find script \`${item.plan.name}\``;
  const answer = await ctx.http
    .request(step, {
      method: 'GET',
      url: `${session.apiUrl}${CXONE_PATHS.scripts}?scriptPath=${encodeURIComponent(item.plan.name)}`,
      headers: session.headers,
      accept: [404],
    })
    .catch(explainForbidden);
  if (answer.status === 404) Object.assign(item.plan, { action: 'create', reason: 'not found on the tenant' });
  else
    Object.assign(item.plan, {
      action: 'update',
      reason: `${ctx.force ? '--force' : 'exists on the tenant'}; saving writes a new version`,
    });
}

/** The bodies to send, filled in memory only (docs/cxone.md *Where the token lives*); never written anywhere. */
const filledBodies = new WeakMap<ScriptItem, string>();

function fillUploadPlaceholders(item: ScriptItem, session: CxoneSession, ctx: PublishContext): void {
  let body = item.artifact.contents;
  if (body.includes(JSON.stringify(BUS_NO_PLACEHOLDER))) {
    if (session.busNo === undefined)
      throw new DeployError(
        'input',
        `fill the business unit of \`${item.plan.name}\``,
        'The access token has no icBUId claim, and the spec sets no `targets.cxone.busNo`.',
        'Set `targets.cxone.busNo` in the spec (or a placeholder your --env file fills).',
      );
    body = body.split(JSON.stringify(BUS_NO_PLACEHOLDER)).join(String(session.busNo));
  }
  body = body.replace(/\{\{secret_([A-Za-z][A-Za-z0-9_]*)\}\}/g, (_, secret: string) => {
    const variable = secretEnvironmentName(secret);
    const value = ctx.redactor.add(ctx.env[variable]);
    if (!value)
      throw new DeployError(
        'credentials',
        `fill the bearer token of \`${item.plan.name}\``,
        `${variable} is not set; the script's \`${secret}\` token is filled from it at upload.`,
        `Set ${variable} in the environment (in CI, from a secret). ivrflow sends it in the script body and never writes it anywhere.`,
      );
    // Inside a JSON string: escaped as JSON would escape it, so the token cannot end the string.
    return JSON.stringify(value).slice(1, -1);
  });
  filledBodies.set(item, body);
}

async function saveScript(item: ScriptItem, session: CxoneSession, ctx: PublishContext, outcome: PublishOutcome): Promise<void> {
  const step = `save script \`${item.plan.name}\``;
  const answer = await ctx.http
    .request(step, {
      method: 'POST',
      url: `${session.apiUrl}${CXONE_PATHS.scripts}`,
      headers: { ...session.headers, 'Content-Type': 'application/json' },
      body: filledBodies.get(item)!,
      accept: [SCRIPT_SAVED_WITH_WARNINGS, SCRIPT_REJECTED],
    })
    .catch(explainForbidden);
  const problems = saveReport(answer.json, item, answer.status === SCRIPT_REJECTED ? 'error' : 'warning', ctx);
  if (problems.length > 0) outcome.problems.push({ graph: item.graph, problems });
  if (answer.status === SCRIPT_REJECTED)
    throw new DeployError(
      'rejected',
      step,
      `${step}: CXone rejected the script (409) with ${problems.length} problem(s); they are listed above at the spec steps that produced the actions.`,
    );
  const id = savedId(answer.json);
  outcome.log.push({
    item: item.plan,
    outcome: answer.status === SCRIPT_SAVED_WITH_WARNINGS ? 'saved with warnings' : 'saved',
    ...(id ? { id } : {}),
  });
  record(ctx.state, session.account, objectKey('script', item.plan.name), { sha256: item.plan.sha256, ...(id ? { id } : {}) });
  ctx.say(`saved script \`${item.plan.name}\`${answer.status === SCRIPT_SAVED_WITH_WARNINGS ? ' (with warnings)' : ''}`);
}

interface SaveResult {
  success?: boolean;
  masterId?: unknown;
  libraryId?: unknown;
  error_code?: {
    details?: { actions?: Record<string, { actionType?: string; errors?: { key?: string }[]; warnings?: { key?: string }[] }> };
  };
}

const resultsOf = (json: unknown): SaveResult[] => {
  const results = (json as { results?: unknown } | undefined)?.results;
  return Array.isArray(results) ? (results as SaveResult[]) : [];
};

function savedId(json: unknown): string | undefined {
  const first = resultsOf(json)[0];
  const id = first?.masterId ?? first?.libraryId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Each action's errors and warnings, at the spec step whose draft became that action id (Artifact.origins). */
function saveReport(json: unknown, item: ScriptItem, errorSeverity: 'error' | 'warning', ctx: PublishContext): PublishProblem[] {
  const problems: PublishProblem[] = [];
  for (const result of resultsOf(json)) {
    const actions = result.error_code?.details?.actions ?? {};
    for (const id of Object.keys(actions).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1))) {
      const action = actions[id]!;
      const path: SpecPath = item.artifact.origins?.[id] ?? ['targets', 'cxone', 'scriptName'];
      const type = ctx.redactor.text(action.actionType ?? 'action');
      for (const error of action.errors ?? [])
        problems.push(
          problem(errorSeverity === 'error' ? 'publish/rejected' : 'publish/warning', errorSeverity, id, type, error.key, path, ctx),
        );
      for (const warning of action.warnings ?? []) problems.push(problem('publish/warning', 'warning', id, type, warning.key, path, ctx));
    }
  }
  return problems;
}

function problem(
  code: PublishProblem['code'],
  severity: PublishProblem['severity'],
  id: string,
  type: string,
  key: string | undefined,
  path: SpecPath,
  ctx: PublishContext,
): PublishProblem {
  const what = ctx.redactor.text(key ?? 'unnamed problem');
  return {
    code,
    severity,
    message: `CXone ${severity === 'error' ? 'rejected' : 'warned about'} action ${id} (${type}): \`${what}\`.`,
    path,
    hint:
      what === 'action-not-available'
        ? "The tenant's licence does not include this action; use the built-in catalog (no --cxone-catalog) or ask NICE to enable it."
        : 'Fix the step and publish again; Studio shows the same action id.',
  };
}

const explainForbidden = explainForbiddenWith(
  `The access key's user needs a security profile with ${CXONE_PERMISSIONS.join(', ')} (${CXONE_ENV.accessKeyId} names the key; ${docUrl('deploy.md#nice-cxone')}).`,
);
