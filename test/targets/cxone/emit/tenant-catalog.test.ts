import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTenantCatalog } from '../../../../src/targets/cxone/catalog/index.js';
import { ivrflow, tempDir } from '../../../helpers/cli.js';
import { ROOT } from '../../../helpers/fixtures.js';
import { actionsNamed, parseScript, property, TENANT_CATALOG } from './script-graph.js';

const fixture = JSON.parse(readFileSync(TENANT_CATALOG, 'utf8')) as Record<string, unknown>[];
const capture = fixture.find((entry) => entry.name === 'CAPTURE')!;
const rest = fixture.find((entry) => entry.name === 'RESTAPI')!;
const reqagent = fixture.find((entry) => entry.name === 'REQAGENT')!;

describe('parseTenantCatalog', () => {
  it('accepts GET /actions/{libraryId} responses as a list, one object, or { actions }', () => {
    for (const text of [JSON.stringify(fixture), JSON.stringify(capture), JSON.stringify({ actions: [capture, rest] })]) {
      const parsed = parseTenantCatalog(text, 'catalog.json');
      expect(parsed.ok).toBe(true);
    }
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['no actions', '[]', /lists no actions/],
    ['a bad GUID', JSON.stringify({ ...capture, id: 'CAPTURE' }), /entry 0 \(CAPTURE\): `id`/],
    [
      'CAPTURE without a Timeout branch',
      JSON.stringify({ ...capture, branches: { default: true, branch: [] } }),
      /CAPTURE needs a `Timeout` branch/,
    ],
    [
      'CAPTURE without MaxDigits',
      JSON.stringify({ ...capture, properties: [{ name: 'Variable' }, { name: 'Terminator' }, { name: 'Timeout' }] }),
      /CAPTURE needs the properties MaxDigits/,
    ],
    [
      'REST API without a URL',
      JSON.stringify({ ...rest, properties: (rest.properties as { name: string }[]).filter((item) => item.name !== 'URL') }),
      /REST API needs a property for url/,
    ],
    ['REST API without an Error branch', JSON.stringify({ ...rest, branches: { default: true, branch: [] } }), /REST API needs an `Error`/],
    [
      'a REQAGENT override without PriorityManagement',
      JSON.stringify({
        ...reqagent,
        properties: (reqagent.properties as { name: string }[]).filter((item) => item.name !== 'PriorityManagement'),
      }),
      /REQAGENT replaces the built-in entry, so it needs the properties PriorityManagement/,
    ],
    [
      'a SNIPPET override without Error',
      JSON.stringify({
        id: 'b333da63-33c8-4297-a58a-e9546cf7f0f2',
        name: 'SNIPPET',
        properties: [{ name: 'Data' }, { name: 'MaxStringSize' }],
        branches: { default: true, branch: [] },
      }),
      /SNIPPET replaces the built-in entry, so it needs the branches Error/,
    ],
    [
      'CAPTURE without a Default branch',
      JSON.stringify({ ...capture, branches: { ...(capture.branches as object), default: false } }),
      /CAPTURE needs a Default branch/,
    ],
    ['malformed branches', JSON.stringify({ ...rest, branches: { branch: [{ name: 'Error' }] } }), /`branches.branch`/],
  ])('rejects %s', (_, text, message) => {
    const parsed = parseTenantCatalog(text, 'catalog.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toMatch(message);
  });
});

describe('ivrflow generate --cxone-catalog (built CLI)', () => {
  it('uses the tenant CAPTURE, REST API and REQAGENT failure branch', async () => {
    const out = tempDir();
    const result = await ivrflow([
      'generate',
      'flows/identity-promotion.yaml',
      '--out',
      out,
      '--target',
      'cxone',
      '--cxone-catalog',
      TENANT_CATALOG,
      '--env',
      'flows/environments/example.yaml',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('onFailure');
    // The REST API action sends a failure answer's request again: the backend team must hear of it.
    expect(result.stdout).toContain('flows/identity-promotion.yaml:26:3 info target/platform-repeats-request');
    const contents = readFileSync(join(out, 'identity-promotion/cxone/IdentityPromotion.json'), 'utf8');
    await expect(contents).toMatchFileSnapshot(join(ROOT, 'test/cases/cxone-tenant-catalog/expected/IdentityPromotion.json'));
    const script = parseScript(contents);
    expect(actionsNamed(script, 'MENU')).toEqual([]);
    const [captureAction] = actionsNamed(script, 'CAPTURE');
    expect(captureAction?.libraryId).toBe(capture.id);
    expect([property(captureAction!, 'MaxDigits'), property(captureAction!, 'Terminator'), property(captureAction!, 'Timeout')]).toEqual([
      '7',
      '#-',
      '10',
    ]);
    const timeout = captureAction!.branches.find((branch) => branch.label === 'Timeout')!;
    expect(script.actions.get(timeout.to)?.label).toBe('No Input');
    const [call] = actionsNamed(script, 'RESTAPI');
    expect([property(call!, 'Verb'), property(call!, 'Timeout'), property(call!, 'Headers')]).toEqual([
      'POST',
      '15',
      '{ivrflow_verifyOtp_headers}',
    ]);
    expect(call!.branches.map((branch) => branch.label)).toEqual(['', 'Error']);
    for (const request of actionsNamed(script, 'REQAGENT'))
      expect(script.actions.get(request.branches.find((branch) => branch.label === 'OnError')!.to)?.label).toBe('Route Failed');
    expect(actionsNamed(script, 'HANGUP')).toHaveLength(1);
  });

  it('stops with exit 2 and names the problem when the catalog is unusable', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ ...capture, branches: { default: true, branch: [] } }]));
    const bad = await ivrflow(['generate', 'flows/identity-promotion.yaml', '--out', dir, '--cxone-catalog', join(dir, 'bad.json')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/CXone catalog .*bad\.json is not usable:\n {2}- entry 0 \(CAPTURE\): CAPTURE needs a `Timeout` branch/);
    const missing = await ivrflow([
      'generate',
      'flows/identity-promotion.yaml',
      '--out',
      dir,
      '--cxone-catalog',
      join(dir, 'missing.json'),
    ]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the CXone catalog .*missing\.json \(ENOENT\)/);
  });
});
