// A Genesys Cloud org that exists only on loopback, for the Architect Scripting SDK
// (npm purecloud-flow-scripting-api-sdk-javascript@0.0.18) to start a session and validate flows
// offline. It answers only what a session and a validation ask for; everything it decides (which
// queues, skills, flows and data actions exist, whether an action is secure) is ours, not Genesys's,
// and is listed in docs/genesys.md. The SDK's own rules (setters, facets, expressions, per-flow-type
// actions, reachability) are what the oracle tests.
import http from 'node:http';
import https from 'node:https';

/**
 * @typedef {{ id: string, name: string, secure: boolean, json: any }} FakeDataAction
 * @typedef {{ dataActions: FakeDataAction[], flows: { name: string, type: string }[] }} FakeOrgContents
 */

const DISCOVERY = [
  'auth.uri=https://login.fake.invalid',
  'public-api.uri=https://api.fake.invalid',
  'public-api.apps.uri=https://apps.fake.invalid',
  'purecloud.uri=https://apps.fake.invalid',
  'carrier-pigeon.uri=https://cp.fake.invalid',
].join('\n');

/** System prompts exist in every language a flow may declare (the spec's `language`). */
const PROMPT_LANGUAGES = ['en-US', 'en-GB', 'en-AU', 'fr-CA', 'fr-FR', 'es-US', 'es-ES', 'de-DE', 'it-IT', 'nl-NL', 'pt-BR', 'ja-JP'];

/** Starts the org on 127.0.0.1 and sends every https request of this process to it. */
export async function startFakeOrg(/** @type {FakeOrgContents} */ contents) {
  const unanswered = [];
  const org = new FakeOrg(contents);
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const answer = org.answer(request.method ?? 'GET', new URL(request.url ?? '/', 'http://fake'), body);
      if (answer === undefined) unanswered.push(`${request.method} ${request.url}`);
      response.statusCode = answer === undefined ? 404 : 200;
      response.setHeader('content-type', typeof answer === 'string' ? 'text/plain' : 'application/json');
      response.end(typeof answer === 'string' ? answer : JSON.stringify(answer ?? {}));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The SDK speaks https to the hosts discovery names; the org speaks plain http on loopback.
  https.request = (options, callback) => http.request({ ...options, host: undefined, hostname: '127.0.0.1', port }, callback);
  return { unanswered, close: () => server.close() };
}

class FakeOrg {
  constructor(/** @type {FakeOrgContents} */ contents) {
    this.contents = contents;
    this.validations = new Map();
  }

  answer(method, url, body) {
    const path = url.pathname;
    if (path === '/services/discovery.properties') return DISCOVERY;
    if (path === '/api/v2/users/me')
      return { id: 'user-1', name: 'Offline Tester', authorization: { permissions: ['architect:user:admin'], roles: [] } };
    if (path === '/api/v2/featuretoggles') return Object.fromEntries(url.searchParams.getAll('feature').map((name) => [name, true]));
    if (path === '/api/v2/telephony/providers/edges/timezones') return page([{ id: 'Etc/UTC', name: 'Etc/UTC' }]);
    // 404 on purpose: the SDK then uses the action, function and flow-type tables built into it.
    if (path === '/api/v2/architect/configuration') return undefined;
    if (path === '/api/v2/notifications/channels') return undefined;
    if (method === 'POST' && path === '/api/v2/flows/actions/validate') return this.startValidation(body);
    const validation = /^\/api\/v2\/flows\/[^/]+\/validate\/([^/]+)$/.exec(path);
    if (validation) return this.validationResult(validation[1]);
    if (path === '/api/v2/integrations/actions') return page(this.actions(url).map(actionSummary));
    const action = /^\/api\/v2\/integrations\/actions\/([^/]+)$/.exec(path);
    if (action) return this.actionDetail(decodeURIComponent(action[1]), url);
    if (path === '/api/v2/routing/queues') return page(named('queue', url.searchParams.get('name')));
    if (path === '/api/v2/routing/skills') return page(named('skill', url.searchParams.get('name')));
    if (path === '/api/v2/flows') return page(this.flows(url));
    const flow = /^\/api\/v2\/flows\/([^/]+)$/.exec(path);
    if (flow) return this.flows(new URL('http://fake')).find((candidate) => candidate.id === flow[1]);
    // Scripting sends its own traces; an org accepts them.
    if (method === 'POST' && path === '/api/v2/diagnostics/trace') return {};
    return undefined;
  }

  /** The design-time manifest: everything the flow refers to, by type. The org knows what it holds. */
  startValidation(body) {
    const id = `validation-${this.validations.size + 1}`;
    this.validations.set(id, JSON.parse(body || '{}'));
    return { id };
  }

  validationResult(id) {
    const manifest = this.validations.get(id) ?? {};
    const results = {};
    for (const [type, items] of Object.entries(manifest)) {
      if (!Array.isArray(items)) continue;
      results[type] = items.map((item) => ({ ...item, ...this.resolve(type, item) }));
    }
    return { id, actionStatus: 'SUCCESS', results };
  }

  /** Whether the org holds a referenced item. Secure and non-secure actions are separate lists. */
  resolve(type, item) {
    const known = (found) => ({ result: found ? 'ok' : 'does.not.exist' });
    if (type === 'dataAction') return known(this.contents.dataActions.some((action) => action.id === item.id && !action.secure));
    if (type === 'secureAction') return known(this.contents.dataActions.some((action) => action.id === item.id && action.secure));
    if (type === 'systemPrompt' || type === 'userPrompt')
      return {
        result: 'ok',
        resources: PROMPT_LANGUAGES.map((language) => ({
          language,
          mediaUri: 'https://media.fake.invalid/p.wav',
          ttsString: item.name ?? '',
        })),
      };
    return known(true);
  }

  /** `secure=true|false` filters as the platform documents: false returns only non-secure actions. */
  actions(url) {
    const secure = url.searchParams.get('secure');
    return this.contents.dataActions.filter((action) => secure === null || String(action.secure) === secure);
  }

  actionDetail(id, url) {
    const action = this.actions(url).find((candidate) => candidate.id === id);
    if (!action) return undefined;
    const contract = action.json.contract ?? {};
    // This SDK build reads the flattened schemas (its HedwigAction model), not the plain API shape.
    return {
      ...actionSummary(action),
      config: action.json.config,
      contract: {
        input: { inputSchema: contract.input?.inputSchema, inputSchemaFlattened: { schema: contract.input?.inputSchema } },
        output: { successSchema: contract.output?.successSchema, successSchemaFlattened: { schema: contract.output?.successSchema } },
      },
    };
  }

  flows(url) {
    const type = url.searchParams.get('type');
    const name = url.searchParams.get('name');
    return this.contents.flows
      .filter((flow) => (type === null || flow.type === type) && (name === null || flow.name === name))
      .map((flow, index) => ({ id: `flow-${index + 1}`, name: flow.name, type: flow.type, publishedVersion: { id: '1.0' } }));
  }
}

function actionSummary(/** @type {FakeDataAction} */ action) {
  return {
    id: action.id,
    name: action.name,
    category: 'Fake integration',
    integrationId: 'integration-1',
    secure: action.secure,
    version: 1,
  };
}

/** Any queue or skill the flow names exists: the fake cannot know the org's routing set-up. */
function named(kind, name) {
  return name === null ? [] : [{ id: `${kind}-${Buffer.from(name).toString('hex').slice(0, 24)}`, name }];
}

function page(entities) {
  return { entities, pageSize: entities.length, pageNumber: 1, total: entities.length, pageCount: 1 };
}
