import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ACTIONS } from '../../../../src/targets/cxone/catalog/data.js';
import { buildCatalog, parseTenantCatalog } from '../../../../src/targets/cxone/catalog/index.js';
import { catalogKey } from '../../../../src/targets/cxone/catalog/types.js';
import { actionsNamed, compileFlowScript, FLOWS, property, reachableFrom, TENANT_CATALOG, type Script } from './script-graph.js';

const tenant = parseTenantCatalog(readFileSync(TENANT_CATALOG, 'utf8'), 'catalog.json');
if (!tenant.ok) throw new Error(tenant.errors.join('\n'));
const variants = [
  { name: 'built-in catalog', options: {} },
  { name: 'tenant catalog', options: { cxoneCatalog: tenant.entries } },
];

describe.each(FLOWS)('the CXone script of %s', (flow) => {
  describe.each(variants)('with the $name', ({ options }) => {
    it('is a closed graph: starts at BEGIN, every branch target exists, every action is reachable', async () => {
      const script = await compileFlowScript(flow, options);
      expect(script.actions.get(1)?.name).toBe('BEGIN');
      for (const action of script.actions.values())
        for (const branch of action.branches) expect(script.actions.has(branch.to), `${action.label} → ${branch.to}`).toBe(true);
      expect(reachableFrom(script, 1).size).toBe(script.actions.size);
      expect(script.header.nextActionId).toBe(Math.max(...script.actions.keys()) + 1);
    });

    it('connects the Default branch of every action that has one, and the Error branch of every SNIPPET and REST call', async () => {
      const script = await compileFlowScript(flow, options);
      const catalog = buildCatalog(options.cxoneCatalog);
      for (const action of script.actions.values()) {
        const entry = catalog.entries.get(catalogKey(action.name))!;
        expect(action.libraryId).toBe(entry.libraryId);
        expect(action.properties.map((item) => item.name)).toEqual(entry.properties.map((item) => item.name));
        expect(action.branches.filter((branch) => branch.type === 'default')).toHaveLength(entry.branches.default ? 1 : 0);
        if (action.name === 'SNIPPET' || action.name === 'RESTAPI')
          expect(action.branches.some((branch) => branch.type === 'branch' && branch.label === 'Error')).toBe(true);
        for (const key of ['x', 'y', 'xws', 'yws']) expect(Number.isInteger(action.action[key]), `${action.label}.${key}`).toBe(true);
      }
    });

    it('redacts every sensitive variable and the bearer token, and never pops, saves or traces them', async () => {
      const script = await compileFlowScript(flow, options);
      const sensitive = flow === 'pin-with-summary' ? 'pin' : 'otp';
      const redacted = String(script.header.variableRedaction).split(',');
      expect(redacted).toContain(sensitive);
      expect(redacted).toContain('ivrflow_token_middlewareToken');
      for (const assign of actionsNamed(script, 'ASSIGN')) {
        const touchesSecret =
          redacted.includes(String(property(assign, 'Variable'))) ||
          redacted.some((name) => String(property(assign, 'Value')).includes(`{${name}}`));
        if (touchesSecret) expect([property(assign, 'ScreenPop'), property(assign, 'SaveToDB')]).toEqual(['False', 'False']);
      }
      expect(actionsNamed(script, 'ASSIGN').filter((assign) => property(assign, 'ScreenPop') === 'True').length).toBeGreaterThan(0);
      for (const action of script.actions.values()) expect(JSON.stringify(action.properties)).not.toMatch(/\bTRACE\b/);
    });

    it('clears the credential on every path out of the verification call', async () => {
      const script = await compileFlowScript(flow, options);
      const sensitive = flow === 'pin-with-summary' ? 'pin' : 'otp';
      const step = flow === 'pin-with-summary' ? 'Verify' : 'Verify Otp';
      const call = [...script.actions.values()].find((action) => action.label === step || action.label === `${step}: request`)!;
      const clears = (action: { name: string; properties: { name: string; value: unknown }[] }) =>
        action.name === 'ASSIGN' &&
        action.properties.some((item) => item.name === 'Variable' && item.value === sensitive) &&
        action.properties.some((item) => item.name === 'Value' && item.value === '');
      const uncleared = [...reachableFrom(script, call.id, clears)].map((id) => script.actions.get(id)!);
      expect(uncleared.every((action) => action.label.startsWith(step))).toBe(true);
    });

    it('bounds each retry with a counter and an IF whose False branch is the exhausted path', async () => {
      const script = await compileFlowScript(flow, options);
      const checks = actionsNamed(script, 'IF').filter((action) => /^ivrflow_tries_\w+ < 3$/.test(String(property(action, 'Expression'))));
      expect(checks).toHaveLength(1);
      const exhausted = script.actions.get(checks[0]!.branches.find((branch) => branch.label === 'False')!.to)!;
      expect(exhausted.label).toMatch(/Max Attempts|Too Many/);
      const counter = script.actions.get(checks[0]!.branches.find((branch) => branch.label === 'True')!.to)!;
      expect(property(counter, 'Value')).toMatch(/^\{ivrflow_tries_\w+\}\+1$/);
      // Only the way in from outside the loop resets the counter; the body's way back enters at the IF.
      const resets = actionsNamed(script, 'ASSIGN').filter(
        (action) => property(action, 'Value') === '0' && String(property(action, 'Variable')).startsWith('ivrflow_tries_'),
      );
      const into = (id: number) =>
        [...script.actions.values()].filter((action) => action.branches.some((branch) => branch.to === id)).map((action) => action.name);
      expect(resets.map((reset) => into(reset.id))).toEqual([['PLAY']]);
      expect(into(checks[0]!.id).sort()).toEqual(['ASSIGN', 'PLAY', 'PLAY']);
    });
  });
});

describe('REQAGENT', () => {
  it('uses custom priority with the spec priority and the documented Acceleration and MaxPriority, then a MUSIC loop', async () => {
    const script = await compileFlowScript('identity-promotion');
    const requests = actionsNamed(script, 'REQAGENT');
    expect(requests.map((action) => [property(action, 'Skill'), property(action, 'InitialPriority')]).sort()).toEqual([
      ['{{general_skill}}', '0'],
      ['{{general_skill}}', '10'],
      ['{{general_skill}}', '20'],
      ['{{platinum_skill}}', '50'],
    ]);
    for (const action of requests) {
      expect([property(action, 'PriorityManagement'), property(action, 'Acceleration'), property(action, 'MaxPriority')]).toEqual([
        'Custom',
        '1',
        '1000',
      ]);
      const hold = script.actions.get(action.branches[0]!.to)!;
      expect(hold.name).toBe('MUSIC');
      expect(hold.branches).toEqual([expect.objectContaining({ to: hold.id, type: 'default' })]);
    }
  });

  it('routes by tier through a CASE whose Default is the general skill', async () => {
    const script = await compileFlowScript('international-otp');
    const select = actionsNamed(script, 'CASE').find((action) => property(action, 'Variable') === 'auth_tier')!;
    const targets = Object.fromEntries(
      select.branches.map((branch) => [
        branch.type === 'default' ? 'default' : branch.label,
        property(script.actions.get(branch.to)!, 'Skill'),
      ]),
    );
    expect(targets).toEqual({ default: '{{general_skill}}', platinum: '{{platinum_skill}}', gold: '{{gold_skill}}' });
  });
});

describe('the built-in catalog', () => {
  it('holds exactly the public library GUIDs of docs/cxone.md §1.2, and neither CAPTURE nor REST API', () => {
    expect(Object.fromEntries(BUILTIN_ACTIONS.map((entry) => [entry.name, entry.libraryId]))).toEqual({
      BEGIN: 'b2f794c5-0232-40e7-9830-76d573bf57d7',
      MENU: 'daee9c00-12ce-4222-a42e-307c37d53b7f',
      PLAY: 'b1b9a2dd-65b6-4626-9cf5-9cfa69cf59e2',
      REQAGENT: '689a4a1b-fa0d-47b3-9a02-cbeb4735f08f',
      MUSIC: 'dbcc742b-28d8-42d1-9d95-0d9abf20b04b',
      HANGUP: 'b64a6796-4f66-4b1b-a9b5-3af926ab4b7c',
      ASSIGN: '9015c095-98d9-441f-bf92-e90f5c5ed8c8',
      SNIPPET: 'b333da63-33c8-4297-a58a-e9546cf7f0f2',
      END: '93fb8888-30cf-4df3-8ed9-1f2986819080',
      IF: '6695ba9c-e1d6-4f3c-a15a-94f1400e3169',
      CASE: '22050500-6dc0-4949-af9c-1e52975f141d',
    });
    for (const entry of BUILTIN_ACTIONS) expect(entry.source).toMatch(/docs\/cxone\.md §/);
  });
});

export type { Script };
