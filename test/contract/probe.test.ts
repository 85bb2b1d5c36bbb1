import { afterEach, describe, expect, it } from 'vitest';
import { probeContract } from '../../src/contract/probe/index.js';
import type { ProbeReport } from '../../src/contract/probe/report.js';
import { loadSpec } from '../../src/flowspec/load.js';
import type { Fault } from '../../src/contract/mock/faults.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { PERSONALISED_PROMPT_FLOW } from '../simulate/helpers.js';
import { compiledExample, vendorEngines } from './helpers.js';
import { DEV_TOKEN, startExampleMock, type StartedMock } from './mock-helpers.js';

const SPEC = 'flows/identity-promotion.yaml';
let mock: StartedMock | undefined;

afterEach(async () => {
  await mock?.server.close();
  mock = undefined;
});

async function probe(
  faults: Fault[],
  options: { credential?: string; token?: string; url?: string; text?: string } = {},
): Promise<ProbeReport> {
  const text = options.text ?? readRepoFile(SPEC);
  const flow = await compiledExample('identity-promotion', text);
  mock = await startExampleMock(flow, faults);
  const url = options.url ?? `${mock.server.url}/api/v1/auth/verify`;
  return probeContract({
    spec: SPEC,
    source: loadSpec(SPEC, Buffer.from(text)).source,
    graph: flow.graph,
    engines: await vendorEngines(flow),
    urls: new Map([['verifyIdentity', url]]),
    cases: new Map([
      ['verifyIdentity', { call: { ani: '+15550100100' }, credential: options.credential ?? '123456', caller: [], replies: new Map() }],
    ]),
    secrets: (name) => (name === 'middlewareToken' ? (options.token ?? DEV_TOKEN) : undefined),
  });
}

function located(report: ProbeReport): string[] {
  return report.diagnostics.map(
    (diagnostic) => `${diagnostic.severity} ${diagnostic.code}@${diagnostic.path.join('.')}:${diagnostic.span?.start.line ?? 0}`,
  );
}

describe('contract probe against the mock middleware (loopback)', () => {
  it('passes every case against the correct mock, through both vendors requests', async () => {
    const report = await probe([]);
    expect(located(report)).toEqual([]);
    const cases = report.endpoints[0]!.cases;
    expect(cases.filter((result) => result.outcome !== 'pass')).toEqual([]);
    expect(new Set(cases.map((result) => result.vendor))).toEqual(new Set(['genesys', 'cxone']));
    expect(cases.map((result) => result.kind)).toEqual(
      expect.arrayContaining([
        'valid',
        'replay',
        'stale-timestamp',
        'no-bearer',
        'wrong-bearer',
        'wrong-credential',
        'empty-credential',
        'malformed-credential',
      ]),
    );
    // Only failed attempts are audited as such, and no audit line holds a credential.
    expect(JSON.stringify(mock!.audit)).not.toMatch(/123456|000000/);
    expect(mock!.audit.filter((entry) => entry.event === 'promotion')).toHaveLength(2);
  });

  it('finds a renamed status (with the key it got) and an accepted replay', async () => {
    const report = await probe([{ kind: 'rename', from: 'status', to: 'statusCode' }, { kind: 'acceptReplay' }]);
    const codes = located(report);
    expect(codes).toContain('error contract/missing-field@endpoints.verifyIdentity.response.fields.status:42');
    expect(codes).toContain('error contract/replay-accepted@endpoints.verifyIdentity.body.interaction_id:35');
    const missing = report.diagnostics.find((diagnostic) => diagnostic.code === 'contract/missing-field')!;
    expect(missing.message).toContain('`statusCode`');
    expect(missing.message).toContain('genesys and cxone');
  });

  it('finds an accepted stale timestamp and an unchecked bearer token', async () => {
    const codes = located(await probe([{ kind: 'acceptStale' }, { kind: 'acceptAnyBearer' }]));
    expect(codes).toContain('error contract/stale-accepted@endpoints.verifyIdentity.body.timestamp:39');
    expect(codes).toContain('error contract/bearer-not-checked@endpoints.verifyIdentity.auth.bearer:33');
  });

  it('says the valid credential was refused when the token is wrong', async () => {
    const codes = located(await probe([], { token: 'not-the-dev-token' }));
    expect(codes).toContain('error contract/rejected-valid@endpoints.verifyIdentity:26');
  });

  it('finds a verifier that answers with the credential it was sent (real HTTP on loopback)', async () => {
    const codes = located(await probe([{ kind: 'echoCredential' }]));
    expect(codes).toContain('error contract/echoes-credential@endpoints.verifyIdentity.response:40');
  });

  it('fails the call in which the echoed credential reaches a promoted attribute, on each vendor’s artifact', async () => {
    const report = await probe([{ kind: 'echoCredential', field: 'customer_id' }]);
    const leaks = report.diagnostics.filter((diagnostic) => diagnostic.code === 'contract/credential-leak');
    expect(leaks.map((leak) => `${leak.severity} ${leak.path.join('.')}`)).toEqual(['error endpoints.verifyIdentity']);
    expect(leaks[0]!.message).toMatch(
      /after `verifyIdentity` answered the valid request, attribute `customer\.id` carries a value the caller keyed/,
    );
    expect(leaks[0]!.message).toContain('(at step `promoteIdentity`)');
    expect(leaks[0]!.message).toContain('genesys and cxone');
    expect(located(report)).toContain('error contract/echoes-credential@endpoints.verifyIdentity.response:40');
  });

  it('fails the call in which the echoed credential is spoken by a personalised prompt, on each vendor’s artifact', async () => {
    const report = await probe([{ kind: 'echoCredential', field: 'customer_id' }], { text: PERSONALISED_PROMPT_FLOW });
    const leaks = report.diagnostics.filter((diagnostic) => diagnostic.code === 'contract/credential-leak');
    expect(leaks.map((leak) => `${leak.severity} ${leak.path.join('.')}`)).toEqual(['error endpoints.verifyIdentity']);
    expect(leaks[0]!.message).toMatch(/after `verifyIdentity` answered the valid request, a prompt carries a value the caller keyed/);
    expect(leaks[0]!.message).toContain('(at step `routeByTier`)');
    expect(leaks[0]!.message).toContain('genesys and cxone');
    expect(JSON.stringify(report)).not.toContain('123456');
  });

  it('an echo in a field the flow never reads is the echo finding only, not a leak', async () => {
    const codes = located(await probe([{ kind: 'echoCredential', field: 'unread_field' }]));
    expect(codes.filter((code) => code.includes('credential-leak'))).toEqual([]);
    expect(codes).toContain('error contract/echoes-credential@endpoints.verifyIdentity.response:40');
  });

  it('names a body that is not JSON', async () => {
    const codes = located(await probe([{ kind: 'malformed' }]));
    expect(codes).toContain('error contract/not-json@endpoints.verifyIdentity.response:40');
  });

  it('names a refused connection at the endpoint url and stops there', async () => {
    const flow = await compiledExample('identity-promotion');
    const closed = await startExampleMock(flow);
    const url = `${closed.server.url}/api/v1/auth/verify`;
    await closed.server.close();
    const report = await probe([], { url });
    expect(located(report)).toEqual(['error contract/unreachable@endpoints.verifyIdentity.url:29']);
    expect(report.endpoints[0]!.cases).toHaveLength(1);
  });
});
