import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

const ENGINES = ['--engines', 'spec'];

/** A folder with a copy of the identity-promotion spec and its scenario file, the latter edited. */
function flowFolder(editScenarios: (text: string) => string = (text) => text): string {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'flow.yaml'));
  writeFileSync(join(dir, 'flow.test.yaml'), editScenarios(readRepoFile('flows/identity-promotion.test.yaml')));
  return dir;
}

describe('ivrflow test', () => {
  it('runs the scenario file beside each spec, once per pair', async () => {
    const result = await ivrflow([
      'test',
      'flows/identity-promotion.yaml',
      'flows/identity-promotion.test.yaml',
      'flows/pin-with-summary.yaml',
      ...ENGINES,
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✓ platinum customer, right code first time');
    expect(result.stdout).toContain('coverage: 11/11 steps, 14/14 transitions\n');
    expect(result.stdout).toContain('36 scenarios in 2 flows: 36 passed, 0 failed');
  });

  it('passes every example scenario on all three engines', async () => {
    const flows = readdirSync(join(ROOT, 'flows'))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => `flows/${file}`);
    const result = await ivrflow(['test', ...flows]);
    expect(result.stdout).toContain('(Identity Promotion; engines: spec, genesys, cxone)');
    expect(result.stdout).toContain('(not on genesys: Genesys makes every transfer inside the secure flow blind');
    expect(result.stdout).toMatch(/97 scenarios in 8 flows: 97 passed, 0 failed \(\d+ engine runs, \d+ skipped\)/);
    expect(result.exitCode).toBe(0);
  });

  it('fills the placeholders of expected requests from --env, as it fills the artifacts, on every engine', async () => {
    const env = ['--env', 'flows/environments/example.yaml'];
    const result = await ivrflow(['test', 'flows/identity-promotion.yaml', ...env, '--scenario', 'platinum customer, right code']);
    expect(result.stdout).toContain('1 scenario in 1 flow: 1 passed, 0 failed (3 engine runs)');
    expect(result.exitCode).toBe(0);
    const catalog = ['--cxone-catalog', 'test/cases/cxone-tenant-catalog/catalog.json'];
    const tenant = await ivrflow(['test', 'flows/identity-promotion.yaml', ...env, ...catalog, '--scenario', 'answers 500', '--trace']);
    expect(tenant.stdout).toContain(
      '          gets 500 {"error":"internal"}\n          the platform sends the same request to verifyIdentity again (repeat 1)\n          gets 500 {"error":"internal"}\n',
    );
    expect(tenant.exitCode).toBe(0);
  });

  it('exits 1 with the scenario position and the reason when a scenario fails', async () => {
    const dir = flowFolder((text) => text.replace('route: { queue: platinum, priority: 50 }', 'route: { queue: platinum, priority: 60 }'));
    const result = await ivrflow(['test', 'flow.yaml', ...ENGINES], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '✗ platinum customer, right code first time\n      flow.test.yaml:14:11\n      spec [expectation] expected the call to end with route to platinum at priority 60, but it ended with route to platinum at priority 50',
    );
  });

  it('writes JUnit XML and JSON for CI', async () => {
    const dir = flowFolder((text) => text.replace('customer.tier: standard', 'customer.tier: "<gold & silver>"'));
    const junit = await ivrflow(['test', 'flow.yaml', ...ENGINES, '--format', 'junit'], { cwd: dir });
    expect(junit.exitCode).toBe(1);
    expect(junit.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>\n {2}<testsuite name="flow.test.yaml" [^>]* tests="18" failures="1"/,
    );
    expect(junit.stdout).toMatch(
      /<testcase classname="flow.test.yaml" name="standard customer, right code first time \[spec\]" time="\d+\.\d{3}">\n {6}<failure message="1 failure\(s\)" type="expectation">/,
    );
    expect(junit.stdout).toContain('expected attribute customer.tier = &quot;&lt;gold &amp; silver&gt;&quot;, got &quot;standard&quot;');
    const json = await ivrflow(['test', 'flow.yaml', ...ENGINES, '--format', 'json'], { cwd: dir });
    const parsed = JSON.parse(json.stdout) as {
      summary: { scenarios: number; failed: number };
      flows: { scenarios: { name: string; passed: boolean; line: number }[] }[];
    };
    expect(parsed.summary).toMatchObject({ scenarios: 18, failed: 1 });
    expect(parsed.flows[0]!.scenarios.filter((scenario) => !scenario.passed)).toMatchObject([
      { name: 'standard customer, right code first time', line: 44 },
    ]);
  });

  it('reports problems in the scenario file at file:line:column and runs nothing', async () => {
    const dir = flowFolder((text) =>
      text.replace('prompts: [greeting, collectOtp, routeByTier]', 'prompts: [greeting, collectOTP, routeByTier]'),
    );
    const result = await ivrflow(['test', 'flow.yaml', ...ENGINES], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'flow.test.yaml:28:27 error scenario/unknown-name  The flow has no step that plays a prompt `collectOTP`.',
    );
    expect(result.stdout).toContain('hint: Did you mean `collectOtp`?');
    expect(result.stdout).toContain('not run: fix the problems above first');
    const validate = await ivrflow(['validate', 'flow.test.yaml'], { cwd: dir });
    expect(validate.exitCode).toBe(1);
    expect(validate.stdout).toContain('flow.test.yaml:28:27 error scenario/unknown-name');
  });

  it('fails a flow without a scenario file', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'lonely.yaml'));
    const result = await ivrflow(['test', 'lonely.yaml', ...ENGINES], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('lonely.yaml error scenario/missing  No scenario file: lonely.test.yaml does not exist.');
  });

  it('runs only the scenarios a name selects, and traces what each engine did', async () => {
    const result = await ivrflow(['test', 'flows/identity-promotion.yaml', '--scenario', 'WRONG CODE, then', '--trace']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 scenario in 1 flow: 1 passed, 0 failed (3 engine runs)');
    for (const engine of ['spec', 'genesys', 'cxone'])
      expect(result.stdout).toContain(`      ${engine}:\n        [greeting]\n          plays greeting\n`);
    expect(result.stdout).toContain('auth_value: <sensitive, 6 characters>');
    expect(result.stdout).not.toContain('123456');
    expect(result.stdout).toContain('ends with route to platinum at priority 50 (attempts: authenticate 2)');
    const none = await ivrflow(['test', 'flows/identity-promotion.yaml', '--scenario', 'no such scenario']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--scenario "no such scenario": no scenario name contains it.');
  });

  it('exits 2 on usage errors', async () => {
    expect((await ivrflow(['test', 'flows/identity-promotion.yaml', '--engines', 'spec,avaya'])).exitCode).toBe(2);
    expect((await ivrflow(['test', 'flows/identity-promotion.yaml', '--format', 'tap'])).exitCode).toBe(2);
    expect((await ivrflow(['test', 'flows/identity-promotion.yaml', '--endpoint', 'verifyIdentity'])).exitCode).toBe(2);
    expect((await ivrflow(['test', 'flows/identity-promotion.yaml', '--endpoint', 'verifyIdentity=ftp://x'])).exitCode).toBe(2);
    const unknown = await ivrflow(['test', 'flows/identity-promotion.yaml', ...ENGINES, '--endpoint', 'verify=http://127.0.0.1:9/']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--endpoint verify: no such endpoint in the flows tested (they have: verifyIdentity).');
    const missing = await ivrflow(['test', 'flows/nope.yaml']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('flows/nope.yaml: No such file.');
  });
});

describe('ivrflow test --endpoint', () => {
  let server: Server;
  let url: string;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    // A middleware under development: accepts 123456 only.
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        const body = JSON.parse(text) as { auth_value?: string };
        bodies.push({ authorization: request.headers.authorization, body });
        const verified = body.auth_value === '123456';
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(
            JSON.stringify(
              verified
                ? { status: 'success', customer_id: 'C-1001', tier: 'platinum', account_status: 'active', routing_priority: 90 }
                : { status: 'failure' },
            ),
          );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/verify`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the requests to a real server and judges its answers', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'flow.yaml'));
    writeFileSync(
      join(dir, 'flow.test.yaml'),
      [
        'ivrflowTest: 1',
        'scenarios:',
        '  - name: the right code',
        '    caller: ["123456#"]',
        '    expect: { route: { queue: platinum, priority: 50 }, attributes: { customer.id: C-1001, customer.tier: platinum, customer.accountStatus: active, customer.routingPriority: "90", customer.authenticated: "true" } }',
        '  - name: a wrong code three times',
        '    caller: ["000000#", "000000#", "000000#"]',
        '    expect: { route: { queue: general, priority: 0 }, attributes: {} }',
        '',
      ].join('\n'),
    );
    const env = { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: 'e2e-token' };
    const result = await ivrflow(['test', 'flow.yaml', ...ENGINES, '--endpoint', `verifyIdentity=${url}`], { cwd: dir, env });
    expect(result.stdout).toContain('2 scenarios in 1 flow: 2 passed, 0 failed');
    expect(result.exitCode).toBe(0);
    expect(bodies).toHaveLength(4);
    // The token is read from the environment when the request is sent, and never printed.
    expect(bodies[0]).toMatchObject({
      authorization: 'Bearer e2e-token',
      body: { auth_method: 'otp', auth_value: '123456', customer_identifier: '+15550100100' },
    });
    expect(result.stdout + result.stderr).not.toContain('e2e-token');
  });
});
