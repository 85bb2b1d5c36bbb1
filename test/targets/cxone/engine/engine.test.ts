import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import { compileSpec } from '../../../../src/pipeline.js';
import { createCxoneEngine } from '../../../../src/targets/cxone/engine/index.js';
import { DEFAULT_CALL } from '../../../../src/simulate/scenario/load.js';
import { EngineError, PlatformLimit } from '../../../../src/targets/engine-contract.js';
import { readRepoFile } from '../../../helpers/fixtures.js';
import { attributes, call, ok, prompts, requestBodies, requests, simulate, steps } from '../../../simulate/helpers.js';

const compiled = await compileSpec('identity-promotion.yaml', Buffer.from(readRepoFile('flows/identity-promotion.yaml')), {
  targets: ['cxone'],
  placeholders: 'keep',
});
const graph = compiled.graph!;
const artifacts = compiled.artifacts!;
const engine = createCxoneEngine(artifacts, graph);
const PLATINUM = { status: 'success', customer_id: 'C-1', tier: 'platinum', account_status: 'active', routing_priority: 90 };

/** The same artifacts with the script edited. */
function edited(
  edit: (script: {
    scriptContent: {
      actions: Record<string, { name: string }>;
      properties: Record<string, Record<string, { name: string; value: string }>>;
    };
  }) => void,
): Artifact[] {
  return artifacts.map((artifact) => {
    if (artifact.kind !== 'script') return artifact;
    const script = JSON.parse(artifact.contents);
    edit(script);
    return { ...artifact, contents: JSON.stringify(script) };
  });
}

function propertyOf(script: Parameters<Parameters<typeof edited>[0]>[0], actionName: string, property: string) {
  const [id] = Object.entries(script.scriptContent.actions).find(([, action]) => action.name === actionName)!;
  return Object.values(script.scriptContent.properties[id]!).find((entry) => entry.name === property)!;
}

describe('cxone engine on identity-promotion', () => {
  it('verifies, screen-pops the attributes and queues a platinum caller', () => {
    const run = simulate(engine, call(['123456#']), [ok(PLATINUM)]);
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'platinum', priority: 50, skills: [] });
    expect(attributes(run)).toEqual({
      'customer.id': 'C-1',
      'customer.tier': 'platinum',
      'customer.accountStatus': 'active',
      'customer.routingPriority': '90',
      'customer.authenticated': 'true',
    });
    expect(run.attempts.get('authenticate')).toBe(1);
    expect(steps(run)).toEqual(['greeting', 'authenticate', 'collectOtp', 'verifyOtp', 'promoteIdentity', 'routeByTier']);
  });

  it('sends every body value as a string and the time in RFC 1123 form ({gmt})', () => {
    const run = simulate(engine, call(['123456#']), [ok(PLATINUM)]);
    expect(requestBodies(run)).toEqual([
      {
        interaction_id: DEFAULT_CALL.id,
        customer_identifier: DEFAULT_CALL.ani,
        auth_method: 'otp',
        auth_value: '123456',
        timestamp: 'Thu, 15 Jan 2026 14:30:00 GMT',
      },
    ]);
    const request = run.events.find((event) => event.kind === 'request');
    expect(request).toMatchObject({
      request: {
        url: '{{identity_base_url}}/api/v1/auth/verify',
        headers: { authorization: 'Bearer <secret:middlewareToken>', 'content-type': 'application/json' },
        timeoutSeconds: 15,
      },
    });
  });

  it('models MENU: the terminator ends the entry, MaxDigits counts it, the snippet keeps the first digits', () => {
    const extra = simulate(engine, call(['12345678#']), [ok(PLATINUM)]);
    expect(requestBodies(extra)).toMatchObject([{ auth_value: '123456' }]);
    const short = simulate(engine, call(['12345#', 'silence', 'silence']), []);
    expect(requestBodies(short)).toEqual([]);
    expect(prompts(short).filter((text) => text === 'Sorry, we did not receive your code.')).toHaveLength(3);
  });

  it('treats any 2xx as an answer and anything else as the service being unavailable', () => {
    expect(simulate(engine, call(['123456#']), [{ kind: 'response', status: 201, body: JSON.stringify(PLATINUM) }]).callEnd).toMatchObject({
      queue: 'platinum',
    });
    for (const reply of [{ kind: 'response', status: 503, body: '{}' }, { kind: 'timeout' }, { kind: 'networkError' }] as const) {
      expect(simulate(engine, call(['123456#']), [reply]).callEnd).toEqual({ kind: 'route', queue: 'general', priority: 10, skills: [] });
    }
  });

  it('meets a platform limit when a transfer fails: REQAGENT has no failure branch', () => {
    expect(() => simulate(engine, call(['123456#'], 'fails'), [ok(PLATINUM)])).toThrow(PlatformLimit);
  });
});

describe('cxone engine rejects what it does not know', () => {
  it('an unknown action', () => {
    const broken = edited((script) => {
      Object.values(script.scriptContent.actions).find((action) => action.name === 'PLAY')!.name = 'GOTO';
    });
    expect(() => simulate(createCxoneEngine(broken, graph), call(['123456#']), [ok(PLATINUM)])).toThrow(/unknown action GOTO/);
  });

  it('an unknown Snippet statement', () => {
    const broken = edited((script) => {
      const data = propertyOf(script, 'SNIPPET', 'Data');
      data.value = `TRACE "here"\n${data.value}`;
    });
    expect(() => simulate(createCxoneEngine(broken, graph), call(['123456#']), [ok(PLATINUM)])).toThrow(
      /^unknown Snippet statement `TRACE` \(at cxone\/IdentityPromotion\.json: action \d+ SNIPPET "Collect Otp: keep digits"\)$/,
    );
  });

  it('an IF expression it cannot read', () => {
    const broken = edited((script) => {
      propertyOf(script, 'IF', 'Expression').value = 'ivrflow_tries_authenticate ~ 3';
    });
    expect(() => simulate(createCxoneEngine(broken, graph), call(['123456#']), [ok(PLATINUM)])).toThrow(/unknown character `~`/);
  });

  it.each([
    ['a property it does not know', 'PLAY', 'Volume', '5', /unknown PLAY property Volume/],
    [
      'a value that would change what the action does',
      'PLAY',
      'DetectDTMF',
      'True',
      /PLAY property DetectDTMF = "True" is not what the engine models/,
    ],
    ['another priority management', 'REQAGENT', 'PriorityManagement', 'Dynamic', /REQAGENT property PriorityManagement = "Dynamic"/],
  ])('%s, when the engine is built', (_, actionName, property, value, message) => {
    const broken = edited((script) => {
      const [id] = Object.entries(script.scriptContent.actions).find(([, action]) => action.name === actionName)!;
      const properties = script.scriptContent.properties[id]!;
      const existing = Object.values(properties).find((entry) => entry.name === property);
      if (existing) existing.value = value;
      else properties[String(Object.keys(properties).length)] = { name: property, value };
    });
    expect(() => createCxoneEngine(broken, graph)).toThrow(message);
  });

  it('a branch label it does not know, and Snippet code it cannot read, when the engine is built', () => {
    const branch = artifacts.map((artifact) =>
      artifact.kind === 'script' ? { ...artifact, contents: artifact.contents.replace('"label": "True"', '"label": "Yes"') } : artifact,
    );
    expect(() => createCxoneEngine(branch, graph)).toThrow(/unknown branch branch "Yes" on IF/);
    const code = edited((script) => {
      const data = propertyOf(script, 'SNIPPET', 'Data');
      data.value = `${data.value}\nSWITCH x\n{\n}`;
    });
    expect(() => createCxoneEngine(code, graph)).toThrow(/unknown Snippet statement `SWITCH`/);
  });

  it('a branch whose index does not match its label', () => {
    const swapped = artifacts.map((artifact) =>
      artifact.kind === 'script'
        ? { ...artifact, contents: artifact.contents.replace(/("label": "False",\s*"type": "branch",\s*"index": )1/, '$10') }
        : artifact,
    );
    expect(swapped.find((artifact) => artifact.kind === 'script')!.contents).not.toBe(
      artifacts.find((artifact) => artifact.kind === 'script')!.contents,
    );
    expect(() => createCxoneEngine(swapped, graph)).toThrow(/IF branch branch "False" has index 0, not 1/);
  });

  it('a script without its actions', () => {
    const broken = artifacts.map((artifact) => (artifact.kind === 'script' ? { ...artifact, contents: '{"scriptContent":{}}' } : artifact));
    expect(() => createCxoneEngine(broken, graph)).toThrow(EngineError);
  });
});

describe('cxone engine with a tenant catalog', async () => {
  const { parseTenantCatalog } = await import('../../../../src/targets/cxone/catalog/index.js');
  const catalog = parseTenantCatalog(readRepoFile('test/cases/cxone-tenant-catalog/catalog.json'), 'catalog.json');
  if (!catalog.ok) throw new Error('the sample catalog does not parse');
  const build = async (entries: typeof catalog.entries) => {
    const tenant = await compileSpec('identity-promotion.yaml', Buffer.from(readRepoFile('flows/identity-promotion.yaml')), {
      targets: ['cxone'],
      cxoneCatalog: entries,
      placeholders: 'keep',
    });
    return createCxoneEngine(tenant.artifacts!, tenant.graph!);
  };
  const tenantEngine = await build(catalog.entries);
  const proxyRun = simulate(engine, call(['123456#']), [ok(PLATINUM)]);

  it('runs CAPTURE: silence takes its Timeout branch to onNoInput, a short entry its Terminator branch to the check', () => {
    const silent = simulate(tenantEngine, call(['silence', '12345#', 'silence']), []);
    expect(prompts(silent).filter((text) => text === 'Sorry, we did not receive your code.')).toHaveLength(3);
    expect(silent.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 0, skills: [] });
  });

  it('runs the tenant REST API action from its property roles: the endpoint sees what the proxy snippet sends', () => {
    const run = simulate(tenantEngine, call(['123456#']), [ok(PLATINUM)]);
    expect(requests(run)).toEqual(requests(proxyRun));
    expect(requests(run)[0]!.headers.authorization).toBe('Bearer <secret:middlewareToken>');
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'platinum', priority: 50, skills: [] });
    expect(attributes(run)).toEqual(attributes(proxyRun));
  });

  it('takes the REST API error branch on a timeout, a failed connection and an answer that is not JSON', () => {
    for (const reply of [
      { kind: 'timeout' } as const,
      { kind: 'networkError' } as const,
      { kind: 'response', status: 200, body: '<html>' } as const,
    ]) {
      const run = simulate(tenantEngine, call(['123456#']), [reply]);
      expect(run.callEnd, reply.kind).toEqual({ kind: 'route', queue: 'general', priority: 10, skills: [] });
      expect(prompts(run).at(-1)).toBe('Our verification service is unavailable right now. Connecting you to an agent.');
    }
  });

  it('sends a failure answer again, byte for byte, as the REST API action does, and acts on the answer to the repeat', () => {
    const run = simulate(tenantEngine, call(['123456#']), [{ kind: 'response', status: 500, body: '{}' }, ok(PLATINUM)]);
    const [first, repeat, ...more] = requests(run);
    expect(more).toEqual([]);
    expect(repeat).toEqual({ ...first, platformRepeat: 1 });
    expect(run.callEnd).toEqual({ kind: 'route', queue: 'platinum', priority: 50, skills: [] });
  });

  it('sends no repeat after a 2xx answer, a timeout or a failed connection, nor from the proxy snippet', () => {
    for (const reply of [ok(PLATINUM), { kind: 'timeout' } as const, { kind: 'networkError' } as const])
      expect(requests(simulate(tenantEngine, call(['123456#']), [reply])), reply.kind).toHaveLength(1);
    const proxy = simulate(engine, call(['123456#']), [{ kind: 'response', status: 500, body: '{}' }]);
    expect(requests(proxy)).toHaveLength(1);
  });

  it('runs a catalog that names the roles differently the same way', async () => {
    const renamed = catalog.entries.map((entry) =>
      entry.name !== 'RESTAPI'
        ? entry
        : {
            ...entry,
            properties: ['Method', 'Uri', 'Body', 'Header', 'TimeoutSeconds', 'Result'].map((name) => ({ name, defaultValue: '' })),
            branches: { ...entry.branches, named: [{ index: 0, name: 'OnError' }] },
          },
    );
    const run = simulate(await build(renamed), call(['123456#']), [ok(PLATINUM)]);
    expect(requests(run)).toEqual(requests(proxyRun));
    const failed = simulate(await build(renamed), call(['123456#']), [{ kind: 'timeout' }]);
    expect(failed.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 10, skills: [] });
  });
});
