import { startStub, type SeenRequest, type Stub, type StubAnswer } from './stub-server.js';

/**
 * A loopback CXone tenant: the access-key login (a JWT whose claims carry icBUId, as the token
 * does), `GET/POST …/scripts` answering 200/206/409 with NICE's per-action report
 * (`results[].error_code.details.actions`), and `GET …/actions/{libraryId}`.
 */
export interface CxoneStubOptions {
  accessKeyId: string;
  accessKeySecret: string;
  busNo: number;
  /** Scripts that exist already (GET ?scriptPath= answers 200). */
  scripts?: string[];
  /** Answer POST /scripts with 206 or 409 and these problems, keyed by the caption of the action they are about. */
  save?: { status: 206 | 409; problems: Record<string, { errors?: string[]; warnings?: string[] }> };
  /** Action definitions by library id (GET /actions/{id}); others answer 404. */
  actions?: Record<string, object>;
  /** Answer 403 to the script lookup (GET ?scriptPath=) or to the save (POST), as a user without the Studio permissions gets. */
  forbidden?: 'find' | 'save';
}

export interface CxoneStub extends Stub {
  token: string;
  saved: {
    scriptContent: {
      header: Record<string, unknown>;
      actions: Record<string, { label: string; name: string }>;
      properties: Record<string, unknown>;
    };
  }[];
}

const SCRIPTS = '/inContactAPI/services/v30.0/scripts';
const ACTIONS = '/InContactAPI/services/v24.0/actions/';

export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

export async function startCxoneStub(options: CxoneStubOptions): Promise<CxoneStub> {
  const token = fakeJwt({ icBUId: options.busNo, tenantId: 'tenant-1', icClusterId: 'C32', sub: 'user:ci' });
  const saved: CxoneStub['saved'] = [];
  const handle = (request: SeenRequest): StubAnswer => {
    if (request.method === 'POST' && request.path === '/authentication/v1/token/access-key') {
      const body = JSON.parse(request.body) as { accessKeyId?: string; accessKeySecret?: string };
      if (body.accessKeyId !== options.accessKeyId || body.accessKeySecret !== options.accessKeySecret)
        return { status: 401, json: { error: 'invalid_grant', error_description: `bad key ${body.accessKeySecret ?? ''}` } };
      return { status: 200, json: { access_token: token, id_token: token, token_type: 'Bearer', expires_in: 3600 } };
    }
    if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, json: { error: 'invalid_token' } };
    if (request.path === SCRIPTS && request.method === (options.forbidden === 'find' ? 'GET' : 'POST') && options.forbidden !== undefined)
      return {
        status: 403,
        json: { error: 'Forbidden', error_description: 'The user does not have the permission to access this resource.' },
      };
    if (request.method === 'GET' && request.path === SCRIPTS)
      return (options.scripts ?? []).includes(request.query.get('scriptPath') ?? '')
        ? { status: 200, json: { scriptPath: request.query.get('scriptPath') } }
        : { status: 404, json: { error: 'ScriptNotFound' } };
    if (request.method === 'POST' && request.path === SCRIPTS) return saveScript(request);
    if (request.method === 'GET' && request.path.startsWith(ACTIONS)) {
      const definition = options.actions?.[request.path.slice(ACTIONS.length)];
      return definition ? { status: 200, json: definition } : { status: 404, json: { error: 'ActionNotFound' } };
    }
    return { status: 404, json: { error: `no route ${request.method} ${request.path}` } };
  };

  const saveScript = (request: SeenRequest): StubAnswer => {
    const body = JSON.parse(request.body) as CxoneStub['saved'][number];
    saved.push(body);
    const actions: Record<string, { actionType: string; errors: { key: string }[]; warnings: { key: string }[] }> = {};
    for (const [id, action] of Object.entries(body.scriptContent.actions)) {
      const problems = options.save?.problems[action.label];
      if (problems)
        actions[id] = {
          actionType: action.name,
          errors: (problems.errors ?? []).map((key) => ({ key })),
          warnings: (problems.warnings ?? []).map((key) => ({ key })),
        };
    }
    const status = options.save?.status ?? 200;
    const details = {
      totalErrors: Object.values(actions).reduce((sum, action) => sum + action.errors.length, 0),
      totalWarnings: 0,
      actions,
    };
    return {
      status,
      json: {
        results: [{ success: status !== 409, masterId: 9001, libraryId: 'lib-1', ...(status === 200 ? {} : { error_code: { details } }) }],
      },
    };
  };

  const stub = await startStub(handle);
  return Object.assign(stub, { token, saved });
}
