import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { startCxoneStub, type CxoneStub, type CxoneStubOptions } from './cxone-stub.js';
import { allFileText, runCli, workDir } from './run-cli.js';
import { writeRequests } from './stub-server.js';

const SPEC = join(ROOT, 'flows/identity-promotion.yaml');
const ENV_FILE = join(ROOT, 'flows/environments/example.yaml');
const ACCESS_SECRET = 'cxone-access-key-secret-77aa66bb';
const MIDDLEWARE_TOKEN = 'middleware-bearer-token-"quoted"-9c8d';
const BASE: CxoneStubOptions = { accessKeyId: 'AKID-CI', accessKeySecret: ACCESS_SECRET, busNo: 4600123 };
const LOGIN = '/authentication/v1/token/access-key';

let stub: CxoneStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function publish(options: Partial<CxoneStubOptions>, extraArgs: string[] = [], cwd = workDir(), env: Record<string, string> = {}) {
  stub ??= await startCxoneStub({ ...BASE, ...options });
  const result = await runCli(
    ['publish', SPEC, '--target', 'cxone', '--env', ENV_FILE, ...extraArgs],
    {
      CXONE_ACCESS_KEY_ID: 'AKID-CI',
      CXONE_ACCESS_KEY_SECRET: ACCESS_SECRET,
      IVRFLOW_SECRET_MIDDLEWARE_TOKEN: MIDDLEWARE_TOKEN,
      IVRFLOW_CXONE_AUTH_URL: stub.base,
      IVRFLOW_CXONE_API_URL: stub.base,
      ...env,
    },
    cwd,
  );
  const secrets = [ACCESS_SECRET, MIDDLEWARE_TOKEN, JSON.stringify(MIDDLEWARE_TOKEN).slice(1, -1), stub.token];
  return { ...result, cwd, stub, secrets };
}

function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('ivrflow publish --target cxone (loopback tenant)', () => {
  it.each([
    ['looking the script up (--dry-run)', 'find', ['--dry-run']],
    ['saving the script', 'save', []],
  ] as const)('403 on %s names the Studio permissions the access key needs, and exits 2', async (_, forbidden, args) => {
    const { exitCode, stdout, stderr, stub, secrets } = await publish({ forbidden }, [...args]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/answered 403 Forbidden/);
    expect(stderr).toMatch(/Studio > Scripts: View, Studio > Scripts: Edit, Studio > Scripts: Save/);
    expect(stderr).toMatch(/CXONE_ACCESS_KEY_ID/);
    expect(stub.saved).toEqual([]);
    expectNoSecrets(stdout + stderr, secrets);
  });

  it('--dry-run prints the plan and sends only reads', async () => {
    const { exitCode, stdout, stderr, stub, secrets } = await publish({}, ['--dry-run']);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(
      /Plan \(dry run, nothing is written\) for cxone: 1 create, 0 update, 0 unchanged\n {2}create {2}script `IdentityPromotion` \(cxone\/IdentityPromotion\.json\): not found on the tenant/,
    );
    expect(writeRequests(stub, [LOGIN])).toEqual([]);
    expectNoSecrets(stdout + stderr, secrets);
  });

  it('saves the script with busNo from the token and the bearer token filled in memory only', async () => {
    const { exitCode, stdout, stderr, stub, cwd, secrets } = await publish({ scripts: ['IdentityPromotion'] });
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/update {2}script `IdentityPromotion`/);
    expect(stub.saved).toHaveLength(1);
    const header = stub.saved[0]!.scriptContent.header;
    expect(header.busNo).toBe(4600123);
    const tokenAssign = Object.entries(stub.saved[0]!.scriptContent.actions).find(
      ([, action]) => action.label === 'Verify Otp: bearer token',
    )!;
    expect(JSON.stringify(stub.saved[0]!.scriptContent.properties[tokenAssign[0]])).toContain(
      JSON.stringify(MIDDLEWARE_TOKEN).slice(1, -1),
    );
    expect(JSON.stringify(stub.saved[0])).not.toContain('{{');
    const state = JSON.parse(readFileSync(join(cwd, '.ivrflow/publish-state.json'), 'utf8')) as { accounts: Record<string, unknown> };
    expect(Object.keys(state.accounts)).toEqual([`cxone:${new URL(stub.base).host}/4600123`]);
    expectNoSecrets(stdout + stderr + allFileText(cwd), secrets);

    const again = await publish({}, [], cwd);
    expect(again.stdout).toMatch(/0 create, 0 update, 1 unchanged/);
    expect(stub.saved).toHaveLength(1);
  });

  it('a 409 points each action error at the spec step that produced the action, and nothing is recorded', async () => {
    const { exitCode, stdout, stderr, cwd, secrets } = await publish({
      save: {
        status: 409,
        problems: {
          'Verify Otp': { errors: ['action-not-available'] },
          'Max Attempts Exceeded: queue general': { errors: ['invalid-skill'] },
        },
      },
    });
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(
      /identity-promotion\.yaml:99:5 error publish\/rejected {2}CXone rejected action \d+ \(SNIPPET\): `action-not-available`/,
    );
    expect(stdout).toMatch(
      /identity-promotion\.yaml:131:5 error publish\/rejected {2}CXone rejected action \d+ \(REQAGENT\): `invalid-skill`/,
    );
    expect(stdout).toMatch(/licence does not include this action/);
    expect(stderr).toMatch(/save script `IdentityPromotion`: CXone rejected the script \(409\) with 2 problem/);
    expect(stderr).toMatch(/Nothing was published before the failure/);
    expect(() => readFileSync(join(cwd, '.ivrflow/publish-state.json'))).toThrow();
    expectNoSecrets(stdout + stderr, secrets);
  });

  it('a 206 saves the script and shows its warnings at the steps', async () => {
    const { exitCode, stdout, stderr } = await publish({
      save: { status: 206, problems: { 'Collect Otp': { warnings: ['unconnected-branch'] } } },
    });
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(
      /identity-promotion\.yaml:82:5 warning publish\/warning {2}CXone warned about action \d+ \(MENU\): `unconnected-branch`/,
    );
    expect(stderr).toMatch(/saved script `IdentityPromotion` \(with warnings\)/);
  });

  it('a missing bearer token stops before anything is written, naming the variable', async () => {
    const { exitCode, stderr, stub } = await publish({}, [], workDir(), { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: '' });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/IVRFLOW_SECRET_MIDDLEWARE_TOKEN is not set/);
    expect(writeRequests(stub, [LOGIN])).toEqual([]);
  });

  it('a refused access key says what to check and prints no secret', async () => {
    stub = await startCxoneStub({ ...BASE, accessKeySecret: 'the-right-one-is-different' });
    const { exitCode, stdout, stderr, secrets } = await publish({});
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/log in to CXone: 127\.0\.0\.1:\d+ refused the access key/);
    expect(stderr).toMatch(/CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET/);
    expectNoSecrets(stdout + stderr, secrets);
  });
});
