import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../src/targets/cxone/catalog/data.js';
import { ROOT } from '../helpers/fixtures.js';
import { startCxoneStub, type CxoneStub } from './cxone-stub.js';
import { allFileText, runCli, workDir } from './run-cli.js';

const ACCESS_SECRET = 'cxone-access-key-secret-catalog-1234';
/** The tenant's CAPTURE and REST API definitions, as a tenant catalog holds them (fake GUIDs). */
const TENANT = JSON.parse(readFileSync(join(ROOT, 'test/cases/cxone-tenant-catalog/catalog.json'), 'utf8')) as {
  id: string;
  name: string;
}[];
const CAPTURE = TENANT.find((entry) => entry.name === 'CAPTURE')!;
const RESTAPI = TENANT.find((entry) => entry.name === 'RESTAPI')!;

/** A `GET /actions/{libraryId}` answer in the shape of PWF action.model.ts, for a built-in action (END left out: the tenant lacks it). */
const definitions: Record<string, object> = Object.fromEntries([
  ...BUILTIN_ACTIONS.filter((entry) => entry.name !== 'END').map((entry) => [
    entry.libraryId,
    {
      id: entry.libraryId,
      name: entry.name,
      alias: entry.name,
      version: entry.version,
      implType: entry.implType,
      isStart: entry.name === 'BEGIN',
      isEnd: entry.name === 'HANGUP',
      loop: false,
      properties: entry.properties.map((property) => ({
        name: property.name,
        type: 'string',
        defaultValue: property.defaultValue,
        hidden: false,
      })),
      branches: {
        default: entry.branches.default,
        branch: entry.branches.named.map((branch) => ({ ...branch, description: '' })),
        case: entry.branches.cases,
      },
    },
  ]),
  [CAPTURE.id, CAPTURE],
  // The tenant calls it "REST API"; the catalog must still find it as RESTAPI.
  [RESTAPI.id, { ...RESTAPI, name: 'REST API' }],
]);

let stub: CxoneStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const env = (base: string) => ({
  CXONE_ACCESS_KEY_ID: 'AKID-CI',
  CXONE_ACCESS_KEY_SECRET: ACCESS_SECRET,
  IVRFLOW_CXONE_AUTH_URL: base,
  IVRFLOW_CXONE_API_URL: base,
});

describe('ivrflow cxone catalog fetch (loopback tenant)', () => {
  it('writes a catalog that generate --cxone-catalog takes, and CAPTURE and the REST API action are used', async () => {
    stub = await startCxoneStub({ accessKeyId: 'AKID-CI', accessKeySecret: ACCESS_SECRET, busNo: 4600123, actions: definitions });
    const cwd = workDir();
    const fetched = await runCli(
      [
        'cxone',
        'catalog',
        'fetch',
        '--out',
        'tenant/catalog.json',
        '--action',
        `CAPTURE=${CAPTURE.id}`,
        '--action',
        `restapi=${RESTAPI.id}`,
      ],
      env(stub.base),
      cwd,
    );
    expect(fetched.exitCode, fetched.stderr).toBe(0);
    expect(fetched.stderr).toMatch(/wrote tenant\/catalog\.json: 12 action definitions/);
    expect(fetched.stderr).toMatch(/not on the tenant \(the built-in entries stay in use\): END/);
    expect(stub.requests.filter((request) => request.method === 'GET').map((request) => request.path.split('/').pop())).toEqual(
      Object.keys(definitions)
        .concat(BUILTIN_ACTIONS.find((entry) => entry.name === 'END')!.libraryId)
        .sort((a, b) => order(a) - order(b)),
    );

    const generated = await runCli(
      [
        'generate',
        join(ROOT, 'flows/identity-promotion.yaml'),
        '--target',
        'cxone',
        '--env',
        join(ROOT, 'flows/environments/example.yaml'),
        '--cxone-catalog',
        'tenant/catalog.json',
        '--out',
        'out',
      ],
      {},
      cwd,
    );
    expect(generated.exitCode, generated.stdout + generated.stderr).toBe(0);
    const script = readFileSync(join(cwd, 'out/identity-promotion/cxone/IdentityPromotion.json'), 'utf8');
    expect(script).toContain(CAPTURE.id);
    expect(script).toContain(RESTAPI.id);
    expect(allFileText(cwd) + fetched.stdout + fetched.stderr).not.toContain(ACCESS_SECRET);
    expect(allFileText(cwd)).not.toContain(stub.token);
  });

  it('writes nothing when a definition cannot serve as a catalog entry', async () => {
    const broken = { ...definitions, [CAPTURE.id]: { ...CAPTURE, properties: [{ name: 'Variable' }] } };
    stub = await startCxoneStub({ accessKeyId: 'AKID-CI', accessKeySecret: ACCESS_SECRET, busNo: 1, actions: broken });
    const cwd = workDir();
    writeFileSync(join(cwd, 'catalog.json'), 'previous');
    const result = await runCli(
      ['cxone', 'catalog', 'fetch', '--out', 'catalog.json', '--action', `CAPTURE=${CAPTURE.id}`],
      env(stub.base),
      cwd,
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/CAPTURE needs the properties MaxDigits, Terminator, Timeout/);
    expect(result.stderr).toMatch(/Nothing was written/);
    expect(readFileSync(join(cwd, 'catalog.json'), 'utf8')).toBe('previous');
  });

  it('an unknown library id given with --action is an error; a malformed one a usage error', async () => {
    stub = await startCxoneStub({ accessKeyId: 'AKID-CI', accessKeySecret: ACCESS_SECRET, busNo: 1, actions: definitions });
    const unknown = await runCli(
      ['cxone', 'catalog', 'fetch', '--out', 'c.json', '--action', 'CAPTURE=00000000-0000-4000-8000-000000000000'],
      env(stub.base),
      workDir(),
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(/the tenant has no action with library id 00000000-0000-4000-8000-000000000000/);
    const malformed = await runCli(['cxone', 'catalog', 'fetch', '--out', 'c.json', '--action', 'CAPTURE'], env(stub.base), workDir());
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(/Expected <ACTION>=<library GUID>/);
  });
});

/** The fetch asks in catalog order: built-ins first (END included), then the --action ones. */
function order(libraryId: string): number {
  const builtin = BUILTIN_ACTIONS.findIndex((entry) => entry.libraryId === libraryId);
  return builtin >= 0 ? builtin : libraryId === CAPTURE.id ? 100 : 101;
}
