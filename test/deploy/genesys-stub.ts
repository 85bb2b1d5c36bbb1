import type { Models } from 'purecloud-platform-client-v2';
import { startStub, type SeenRequest, type Stub, type StubAnswer } from './stub-server.js';

/**
 * A loopback Genesys Cloud org: login, integrations and their data actions (drafts, publish), flows
 * and the flow-jobs API with a presigned upload. Every payload is typed with the platform SDK's own
 * models (purecloud-platform-client-v2), so a shape the SDK does not have fails `tsc`.
 */
export interface GenesysStubOptions {
  clientId: string;
  clientSecret: string;
  token: string;
  integrations?: Models.Integration[];
  actions?: Models.Action[];
  flows?: Models.Flow[];
  /** A flow name → the job's failure messages. */
  failFlows?: Record<string, Models.ArchitectJobMessage[]>;
  /** Answer this `METHOD path` with 429 (Retry-After: 0) this many times first. */
  rateLimit?: { route: string; times: number };
  /** Answer this `METHOD path` with 503 (Retry-After: 0) every time. */
  unavailable?: string;
  /** Never answer this `METHOD path`. */
  hang?: string;
  /** Answer every API call with 403. */
  forbidden?: boolean;
}

export interface GenesysStub extends Stub {
  uploads: Map<string, string>;
  actions: Models.Action[];
  publishedActions: string[];
  publishedFlows: string[];
}

const PAGE = <T>(entities: T[]) => ({ entities, pageSize: 100, pageNumber: 1, total: entities.length, pageCount: 1 });

export async function startGenesysStub(options: GenesysStubOptions): Promise<GenesysStub> {
  const actions: Models.Action[] = [...(options.actions ?? [])];
  const drafts = new Map<string, Models.Action>();
  const flows: Models.Flow[] = [...(options.flows ?? [])];
  const jobs = new Map<string, { polls: number; flowName?: string; type?: string }>();
  const uploads = new Map<string, string>();
  const publishedActions: string[] = [];
  const publishedFlows: string[] = [];
  const counts = new Map<string, number>();
  let nextId = 1;

  const handle = (request: SeenRequest, base: string): StubAnswer | 'hang' => {
    const route = `${request.method} ${request.path}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    if (options.hang === route) return 'hang';
    if (options.unavailable === route) return { status: 503, json: { message: 'Service Unavailable' }, headers: { 'Retry-After': '0' } };
    if (options.rateLimit?.route === route && counts.get(route)! <= options.rateLimit.times)
      return { status: 429, json: { message: 'Rate limit exceeded the maximum' }, headers: { 'Retry-After': '0' } };
    if (route === 'POST /oauth/token') return login(request);
    if (request.headers.authorization !== `Bearer ${options.token}` && !request.path.startsWith('/upload/'))
      return {
        status: 401,
        json: {
          message: `Invalid login credentials. (echo: ${request.headers.authorization ?? ''})`,
          code: 'bad.credentials',
          status: 401,
        },
      };
    if (options.forbidden)
      return {
        status: 403,
        json: {
          message: 'Unable to perform the requested action. You are missing the following permission(s): architect:flow:view',
          status: 403,
        },
      };
    return api(request, route, base);
  };

  const login = (request: SeenRequest): StubAnswer => {
    const expected = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected || request.body !== 'grant_type=client_credentials')
      // The platform echoes nothing secret, but a stub that does proves the redaction.
      return {
        status: 401,
        json: { error: 'invalid_client', description: `client authentication failed for ${request.headers.authorization ?? ''}` },
      };
    return { status: 200, json: { access_token: options.token, token_type: 'bearer', expires_in: 86399 } };
  };

  const api = (request: SeenRequest, route: string, base: string): StubAnswer => {
    const body =
      request.body === '' || request.path.startsWith('/upload/') ? undefined : (JSON.parse(request.body) as Record<string, unknown>);
    const draftMatch = /^\/api\/v2\/integrations\/actions\/([^/]+)\/draft(\/publish)?$/.exec(request.path);
    const jobMatch = /^\/api\/v2\/flows\/jobs\/([^/]+)$/.exec(request.path);
    if (route === 'GET /api/v2/integrations')
      return { status: 200, json: PAGE(options.integrations ?? []) satisfies Models.IntegrationEntityListing };
    if (route === 'GET /api/v2/integrations/actions')
      return {
        status: 200,
        json: PAGE(actions.filter((action) => action.name === request.query.get('name'))) satisfies Models.ActionEntityListing,
      };
    if (route === 'GET /api/v2/integrations/actions/drafts')
      return {
        status: 200,
        json: PAGE([...drafts.values()].filter((draft) => draft.name === request.query.get('name'))) satisfies Models.ActionEntityListing,
      };
    if (route === 'POST /api/v2/integrations/actions/drafts') {
      const input = body as unknown as Models.PostActionInput;
      const draft: Models.Action = { ...input, id: `action-${nextId++}`, version: 1 };
      drafts.set(draft.id!, draft);
      return { status: 200, json: draft };
    }
    if (draftMatch && !draftMatch[2]) {
      const id = draftMatch[1]!;
      const published = actions.find((action) => action.id === id);
      if (request.method === 'GET')
        return drafts.has(id) ? { status: 200, json: drafts.get(id) } : { status: 404, json: { message: 'draft not found', status: 404 } };
      if (request.method === 'POST' && published) {
        const draft: Models.Action = { ...published, version: (published.version ?? 1) + 1 };
        drafts.set(id, draft);
        return { status: 200, json: draft };
      }
      if (request.method === 'PATCH' && drafts.has(id)) {
        const update = body as unknown as Models.UpdateDraftInput;
        if (update.version !== drafts.get(id)!.version) return { status: 409, json: { message: 'version conflict', status: 409 } };
        const draft: Models.Action = { ...drafts.get(id)!, ...update, id, version: update.version + 1 };
        drafts.set(id, draft);
        return { status: 200, json: draft };
      }
    }
    if (draftMatch?.[2] && request.method === 'POST') {
      const id = draftMatch[1]!;
      const draft = drafts.get(id);
      const publish = body as unknown as Models.PublishDraftInput;
      if (!draft || draft.version !== publish.version) return { status: 409, json: { message: 'draft version mismatch', status: 409 } };
      drafts.delete(id);
      const existing = actions.findIndex((action) => action.id === id);
      if (existing >= 0) actions.splice(existing, 1);
      actions.push(draft);
      publishedActions.push(draft.name!);
      return { status: 200, json: draft };
    }
    if (route === 'GET /api/v2/flows') {
      const found = flows.filter(
        (flow) => flow.name === request.query.get('name') && flow.type?.toLowerCase() === request.query.get('type'),
      );
      return { status: 200, json: PAGE(found) satisfies Models.FlowEntityListing };
    }
    if (route === 'POST /api/v2/flows/jobs') {
      const id = `job-${nextId++}`;
      jobs.set(id, { polls: 0 });
      const job: Models.RegisterArchitectJobResponse = {
        id,
        presignedUrl: `${base}/upload/${id}?X-Amz-Signature=presigned-secret-signature`,
        headers: { 'Content-Type': 'application/octet-stream', 'x-amz-server-side-encryption': 'AES256' },
        selfUri: `/api/v2/flows/jobs/${id}`,
      };
      return { status: 200, json: job };
    }
    if (request.method === 'PUT' && request.path.startsWith('/upload/')) {
      const id = request.path.slice('/upload/'.length);
      if (
        request.query.get('X-Amz-Signature') !== 'presigned-secret-signature' ||
        request.headers['x-amz-server-side-encryption'] !== 'AES256'
      )
        return { status: 403, text: '<Error><Code>SignatureDoesNotMatch</Code></Error>' };
      uploads.set(id, request.body);
      const root = /^(inboundCall|secureCall):\n\s+name: (.+)$/m.exec(request.body);
      jobs.set(id, { polls: 0, ...(root ? { type: root[1]!, flowName: root[2]!.replace(/^"|"$/g, '') } : {}) });
      return { status: 200, text: '' };
    }
    if (jobMatch && request.method === 'GET') return { status: 200, json: jobState(jobMatch[1]!) };
    return { status: 404, json: { message: `no route ${route}`, status: 404 } };
  };

  /** Registered, then running, then the end: the client must poll. */
  const jobState = (id: string): Models.ArchitectJobStateResponse => {
    const job = jobs.get(id);
    if (!job) return { id, status: 'Failure', messages: [{ text: 'job not found' }] };
    job.polls++;
    if (job.polls < 2) return { id, status: 'Started', command: 'publish' };
    const failure = job.flowName !== undefined ? options.failFlows?.[job.flowName] : undefined;
    if (failure) return { id, status: 'Failure', command: 'publish', messages: failure };
    let flow = flows.find((candidate) => candidate.name === job.flowName);
    if (!flow) {
      flow = {
        id: `flow-${nextId++}`,
        name: job.flowName ?? '?',
        type: job.type?.toLowerCase() === 'securecall' ? 'securecall' : 'inboundcall',
      };
      flows.push(flow);
    }
    publishedFlows.push(flow.name);
    return { id, status: 'Success', command: 'publish', flow: { id: flow.id, selfUri: `/api/v2/flows/${flow.id}` } };
  };

  const stub = await startStub(handle);
  return Object.assign(stub, { uploads, actions, publishedActions, publishedFlows });
}
