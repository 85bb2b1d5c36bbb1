import { docUrl } from '../../util/package-info.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { Artifact } from '../../targets/artifact.js';
import { resolveNames } from '../../targets/genesys/conventions.js';
import type { PublishContext, PublishInput, PublishOutcome } from '../context.js';
import { DeployError, explainForbiddenWith } from '../errors.js';
import type { PlanItem, PublishProblem } from '../plan.js';
import { objectKey, record, recorded, sha256 } from '../state.js';
import { stepNamedIn } from '../trace-map.js';
import { loginGenesys, type GenesysSession } from './auth.js';
import { FLOW_TYPE_QUERY, GENESYS_PATHS, GENESYS_PERMISSIONS, JOB_FAILURE, JOB_SUCCESS, MAX_LIST_PAGES, PAGE_SIZE } from './facts.js';

type GenesysKind = 'dataAction' | 'secureCall' | 'inboundCall';

/** One artifact to publish, with what the plan needs to decide and the publish needs to do it. */
interface GenesysItem {
  plan: PlanItem;
  kind: GenesysKind;
  artifact: Artifact;
  graph: FlowGraph;
  integration: string;
  /** Where a problem with the whole object points in the spec. */
  origin: SpecPath;
  /** The platform's id, when the lookup found the object. */
  existingId?: string;
}

const WHAT: Readonly<Record<GenesysKind, string>> = {
  dataAction: 'data action',
  secureCall: 'secure call flow',
  inboundCall: 'inbound call flow',
};

/**
 * Publish order (docs/deploy.md): every data action, then the secure flow (the inbound flow
 * transfers to it by name), then the inbound flow. Stops at the first failure; the log says what
 * was already done.
 */
export async function publishGenesys(inputs: readonly PublishInput[], ctx: PublishContext, outcome: PublishOutcome): Promise<void> {
  const session = await loginGenesys(ctx.http, ctx.redactor, ctx.env);
  const items = inputs.flatMap((input) => itemsOf(input));
  for (const item of items) await decide(item, session, ctx);
  outcome.plan.push(...items.map((item) => item.plan));
  if (ctx.dryRun) return;
  for (const item of items) {
    if (item.plan.action === 'unchanged') continue;
    const id = item.kind === 'dataAction' ? await publishDataAction(item, session, ctx) : await publishFlow(item, session, ctx, outcome);
    outcome.log.push({ item: item.plan, outcome: item.plan.action === 'create' ? 'created' : 'updated', id });
    record(ctx.state, session.account, objectKey(item.plan.what, item.plan.name), { sha256: item.plan.sha256, id });
    ctx.say(`${item.plan.action === 'create' ? 'created' : 'updated'} ${item.plan.what} \`${item.plan.name}\``);
  }
}

function itemsOf(input: PublishInput): GenesysItem[] {
  const names = resolveNames(input.graph, []);
  const genesys = input.artifacts.filter((artifact) => artifact.target === 'genesys');
  const targets = ['targets', 'genesys'];
  const item = (kind: GenesysKind, artifact: Artifact, name: string, origin: SpecPath): GenesysItem => ({
    plan: { what: WHAT[kind], name, artifact: artifact.path, sha256: sha256(artifact.contents), action: 'create', reason: '' },
    kind,
    artifact,
    graph: input.graph,
    integration: names.integration,
    origin,
  });
  const actions = genesys
    .filter((artifact) => artifact.kind === 'dataAction')
    .map((artifact) => {
      const endpoint = input.graph.endpoints.find((candidate) => artifact.path.endsWith(`/${candidate.id}.json`));
      const name = endpoint ? (names.dataActions.get(endpoint.id) ?? endpoint.id) : artifact.path;
      return item('dataAction', artifact, name, endpoint?.origin ?? [...targets, 'dataActions']);
    })
    .sort((a, b) => (a.plan.name < b.plan.name ? -1 : a.plan.name > b.plan.name ? 1 : 0));
  const flows = (['secureCall', 'inboundCall'] as const).flatMap((kind) =>
    genesys
      .filter((artifact) => artifact.kind === kind)
      .map((artifact) =>
        item(
          kind,
          artifact,
          kind === 'secureCall' ? names.secureFlow : names.inboundFlow,
          kind === 'secureCall' ? ['secure', 'entry'] : ['start'],
        ),
      ),
  );
  for (const each of [...actions, ...flows]) assertNoPlaceholders(each);
  return [...actions, ...flows];
}

/** A flow job and a data action take the file as is: a `{{placeholder}}` left in it would be published verbatim. */
function assertNoPlaceholders(item: GenesysItem): void {
  const left = [...new Set([...item.artifact.contents.matchAll(/\{\{([^{}]+)\}\}/g)].map((match) => match[1]!))];
  if (left.length === 0) return;
  throw new DeployError(
    'input',
    `plan ${item.plan.what} \`${item.plan.name}\``,
    `${item.artifact.path} still holds ${left.map((key) => `{{${key}}}`).join(', ')}; the flow-jobs API and data actions publish the file as is.`,
    `Give every placeholder a value in the --env file (${left.map((key) => `${key}: …`).join(', ')}).`,
  );
}

async function decide(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<void> {
  const previous = recorded(ctx.state, session.account, objectKey(item.plan.what, item.plan.name));
  if (!ctx.force && previous?.sha256 === item.plan.sha256) {
    Object.assign(item.plan, { action: 'unchanged', reason: 'same sha256 as last published (state file)' });
    return;
  }
  const existing = item.kind === 'dataAction' ? await findDataAction(item, session, ctx) : await findFlow(item, session, ctx);
  if (existing === undefined) {
    Object.assign(item.plan, { action: 'create', reason: `not found in the org` });
    return;
  }
  item.existingId = existing;
  const why = previous === undefined ? 'exists in the org, not in the state file' : ctx.force ? '--force' : 'changed since last published';
  Object.assign(item.plan, { action: 'update', reason: `${why} (id ${existing})` });
}

interface Listing<T> {
  entities?: T[];
  pageCount?: number;
}

/** Pages through a listing until `match` finds something or the pages run out; bounded by MAX_LIST_PAGES. */
async function findInListing<T>(
  step: string,
  url: (page: number) => string,
  session: GenesysSession,
  ctx: PublishContext,
  match: (entity: T) => boolean,
): Promise<T | undefined> {
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    const answer = await ctx.http.request(step, { method: 'GET', url: url(page), headers: session.headers });
    const listing = (answer.json ?? {}) as Listing<T>;
    const found = (listing.entities ?? []).find(match);
    if (found !== undefined) return found;
    if ((listing.entities ?? []).length < PAGE_SIZE || page >= (listing.pageCount ?? page)) return undefined;
  }
  return undefined;
}

async function findIntegrationId(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<string> {
  const step = `find integration \`${item.integration}\``;
  const found = await findInListing<{ id?: string; name?: string }>(
    step,
    (page) => `${session.apiUrl}${GENESYS_PATHS.integrations}?pageSize=${PAGE_SIZE}&pageNumber=${page}`,
    session,
    ctx,
    (entity) => entity.name === item.integration,
  ).catch(explainForbidden);
  if (found?.id === undefined)
    throw new DeployError(
      'input',
      step,
      `${step}: the org has no integration named \`${item.integration}\`.`,
      'Create the Web Services Data Actions integration with its credentials in Admin > Integrations first (ivrflow never handles its credentials), or fix `targets.genesys.integration`.',
    );
  return found.id;
}

const integrationIds = new WeakMap<PublishContext, Map<string, string>>();

async function integrationIdOf(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<string> {
  const cache = integrationIds.get(ctx) ?? new Map<string, string>();
  integrationIds.set(ctx, cache);
  const cached = cache.get(item.integration);
  if (cached !== undefined) return cached;
  const id = await findIntegrationId(item, session, ctx);
  cache.set(item.integration, id);
  return id;
}

/** The published action of that name in the integration, else a draft of that name there. */
async function findDataAction(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<string | undefined> {
  const integrationId = await integrationIdOf(item, session, ctx);
  const step = `find data action \`${item.plan.name}\``;
  for (const path of [GENESYS_PATHS.actions, GENESYS_PATHS.actionDrafts]) {
    const found = await findInListing<{ id?: string; name?: string; integrationId?: string }>(
      step,
      (page) => `${session.apiUrl}${path}?name=${encodeURIComponent(item.plan.name)}&pageSize=${PAGE_SIZE}&pageNumber=${page}`,
      session,
      ctx,
      (entity) => entity.name === item.plan.name && entity.integrationId === integrationId,
    ).catch(explainForbidden);
    if (found?.id !== undefined) return found.id;
  }
  return undefined;
}

async function findFlow(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<string | undefined> {
  const type = FLOW_TYPE_QUERY[item.kind as 'secureCall' | 'inboundCall'];
  const found = await findInListing<{ id?: string; name?: string }>(
    `find ${item.plan.what} \`${item.plan.name}\``,
    (page) =>
      `${session.apiUrl}${GENESYS_PATHS.flows}?type=${type}&name=${encodeURIComponent(item.plan.name)}&pageSize=${PAGE_SIZE}&pageNumber=${page}`,
    session,
    ctx,
    (entity) => entity.name === item.plan.name,
  ).catch(explainForbidden);
  return found?.id;
}

/** The data action file in the shape of the SDK's `PostActionInput`: the import-file-only keys dropped. */
function actionBody(item: GenesysItem, integrationId: string): Record<string, unknown> {
  const file = JSON.parse(item.artifact.contents) as Record<string, unknown>;
  return {
    name: item.plan.name,
    category: item.integration,
    integrationId,
    secure: file.secure === true,
    config: file.config,
    contract: file.contract,
  };
}

/** Create: a new draft, then publish it. Update: the draft (made from the published action when there is none), patched, then published. */
async function publishDataAction(item: GenesysItem, session: GenesysSession, ctx: PublishContext): Promise<string> {
  const step = `publish data action \`${item.plan.name}\``;
  const integrationId = await integrationIdOf(item, session, ctx);
  const body = actionBody(item, integrationId);
  const request = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object, accept?: number[]) =>
    ctx.http
      .request(step, {
        method,
        url: `${session.apiUrl}${path}`,
        headers: session.headers,
        ...(payload ? { body: payload } : {}),
        ...(accept ? { accept } : {}),
      })
      .catch(explainForbidden);
  let draft: { id?: string; version?: number };
  if (item.existingId === undefined) {
    draft = (await request('POST', GENESYS_PATHS.actionDrafts, body)).json as typeof draft;
  } else {
    const current = await request('GET', GENESYS_PATHS.actionDraft(item.existingId), undefined, [404]);
    const base = current.status === 404 ? await request('POST', GENESYS_PATHS.actionDraft(item.existingId)) : current;
    const { version } = (base.json ?? {}) as { version?: number };
    if (typeof version !== 'number') throw unexpected(step, 'a draft without a version');
    const { integrationId: _fixed, ...changes } = body;
    draft = (await request('PATCH', GENESYS_PATHS.actionDraft(item.existingId), { ...changes, version })).json as typeof draft;
  }
  const id = draft?.id ?? item.existingId;
  if (id === undefined || typeof draft?.version !== 'number') throw unexpected(step, 'a draft without an id or a version');
  await request('POST', GENESYS_PATHS.actionDraftPublish(id), { version: draft.version });
  return id;
}

/** terraform-provider-genesyscloud's updateFlow: register a job, PUT the file to its presigned URL, poll it. */
async function publishFlow(item: GenesysItem, session: GenesysSession, ctx: PublishContext, outcome: PublishOutcome): Promise<string> {
  const step = `publish ${item.plan.what} \`${item.plan.name}\``;
  const job = (
    await ctx.http
      .request(step, { method: 'POST', url: `${session.apiUrl}${GENESYS_PATHS.flowJobs}`, headers: session.headers, body: {} })
      .catch(explainForbidden)
  ).json as { id?: string; presignedUrl?: string; headers?: Record<string, string> } | undefined;
  if (!job?.id || !job.presignedUrl) throw unexpected(step, 'a flow job without an id or a presigned URL');
  ctx.redactor.add(new URL(job.presignedUrl).search.slice(1));
  await ctx.http.request(`${step} (upload the file)`, {
    method: 'PUT',
    url: job.presignedUrl,
    headers: job.headers ?? {},
    body: item.artifact.contents,
  });
  const state = await pollJob(step, job.id, session, ctx);
  if (state.status === JOB_FAILURE) {
    outcome.problems.push({ graph: item.graph, problems: jobProblems(item, state.messages ?? []) });
    throw new DeployError(
      'rejected',
      step,
      `${step}: the flow job ${job.id} failed with ${(state.messages ?? []).length} message(s); they are listed above at the spec steps they name.`,
    );
  }
  const id = state.flow?.id;
  if (!id) throw unexpected(step, 'a successful job without a flow id');
  return id;
}

interface JobState {
  status?: string;
  flow?: { id?: string };
  messages?: { text?: string; type?: string }[];
}

async function pollJob(step: string, jobId: string, session: GenesysSession, ctx: PublishContext): Promise<JobState> {
  const polls = Math.max(1, Math.ceil(ctx.jobTimeoutMs / Math.max(ctx.pollIntervalMs, 1)));
  for (let poll = 0; poll < polls; poll++) {
    const answer = await ctx.http
      .request(`${step} (wait for job ${jobId})`, {
        method: 'GET',
        url: `${session.apiUrl}${GENESYS_PATHS.flowJob(jobId)}?expand=messages`,
        headers: session.headers,
      })
      .catch(explainForbidden);
    const state = (answer.json ?? {}) as JobState;
    if (state.status === JOB_SUCCESS || state.status === JOB_FAILURE) return state;
    await new Promise((resolve) => setTimeout(resolve, ctx.pollIntervalMs));
  }
  throw new DeployError(
    'timeout',
    step,
    `${step}: flow job ${jobId} did not finish within ${Math.round(ctx.jobTimeoutMs / 1000)} s.`,
    'The job may still finish; look at Architect > Flows before publishing again.',
  );
}

function jobProblems(item: GenesysItem, messages: readonly { text?: string; type?: string }[]): PublishProblem[] {
  const texts = messages.map((message) => message.text ?? '').filter((text) => text !== '');
  if (texts.length === 0) texts.push('the job failed without tracing messages');
  return texts.map((text) => ({
    code: 'publish/job-failed',
    severity: 'error',
    message: `Genesys rejected ${item.plan.what} \`${item.plan.name}\`: ${text}`,
    path: stepNamedIn(text, item.graph) ?? item.origin,
    hint: `Fix the step and publish again; ${item.artifact.path} is the file Genesys read.`,
  }));
}

const explainForbidden = explainForbiddenWith(
  `Give the OAuth client's role these permissions: ${GENESYS_PERMISSIONS.join(', ')} (and the division the flows go into; ${docUrl('deploy.md#genesys-cloud')}).`,
);

function unexpected(step: string, what: string): DeployError {
  return new DeployError(
    'http',
    step,
    `${step}: Genesys answered with ${what}.`,
    'This is not a shape the Platform API documents; publish again, or report it.',
  );
}
