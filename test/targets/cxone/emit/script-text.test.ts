import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../../../src/pipeline.js';
import { buildCatalog, parseTenantCatalog } from '../../../../src/targets/cxone/catalog/index.js';
import type { CatalogEntry } from '../../../../src/targets/cxone/catalog/types.js';
import type { DraftAction } from '../../../../src/targets/cxone/emit/draft.js';
import { numberActions, serializeScript, type ScriptHeader } from '../../../../src/targets/cxone/emit/script.js';
import { scriptText } from '../../../../src/targets/cxone/emit/script-text.js';
import { JsonText } from '../../../../src/targets/cxone/emit/json-text.js';
import { ROOT } from '../../../helpers/fixtures.js';
import { TENANT_CATALOG } from './script-graph.js';

/** scriptText writes the text itself; serializeScript + JSON.stringify is the reference it must match byte for byte. */
function reference(drafts: DraftAction[], catalog = buildCatalog(), header: ScriptHeader = HEADER): string {
  return `${JSON.stringify(serializeScript(drafts, 'begin', catalog, header), null, 2)}\n`;
}
function written(drafts: DraftAction[], catalog = buildCatalog(), header: ScriptHeader = HEADER): string {
  return scriptText(numberActions(drafts, 'begin'), catalog, header);
}

const HEADER: ScriptHeader = { scriptName: 'flow', busNo: '{{cxone_busNo}}', variableRedaction: 'a,b' };
const HOSTILE = [
  '',
  'plain text',
  'quote " backslash \\ slash /',
  'tab\tnewline\ncr\r nul\u0000 unit\u001f del\u007f',
  'line\u2028separators\u2029',
  'emoji 😀 and é',
  'lone high \ud800 end',
  'lone low \udc00 end',
  'braces {x} {{placeholder}}',
];

const begin = (to: string): DraftAction => ({ key: 'begin', action: 'BEGIN', label: 'Begin', properties: {}, branches: [next(to)] });
const next = (to: string) => ({ type: 'default' as const, label: '', to });

describe('scriptText', () => {
  it.each(HOSTILE)('writes a label, a property value and a case label like JSON.stringify: %j', (text) => {
    const drafts: DraftAction[] = [
      begin('menu'),
      {
        key: 'menu',
        action: 'MENU',
        label: text,
        // Snippet code comes already escaped (json-text.ts): written as it is, the same text.
        properties: { Sequence: text, Phrase: new JsonText(JSON.stringify(text).slice(1, -1)) },
        branches: [next('end'), { type: 'case', label: text, to: 'end' }],
      },
      { key: 'end', action: 'HANGUP', label: text, properties: {}, branches: [] },
    ];
    const header = { scriptName: text, busNo: 12, variableRedaction: text };
    expect(written(drafts, buildCatalog(), header)).toBe(reference(drafts, buildCatalog(), header));
  });

  it('writes catalog entries with no properties, list defaults and odd versions like JSON.stringify', () => {
    const entry = (name: string, extra: Partial<CatalogEntry>): CatalogEntry => ({
      ...buildCatalog().entries.get(name)!,
      ...extra,
    });
    const catalog = buildCatalog([
      entry('HANGUP', { properties: [], version: 1.5, implType: 'x"y' }),
      entry('PLAY', {
        libraryId: 'tenant \u2028 id',
        properties: [
          { name: 'Sequence', defaultValue: ['one', 'two "quoted"', ''] },
          { name: 'Phrase', defaultValue: [] },
          { name: 'Odd "name"', defaultValue: 'default\n' },
          { name: 'toString', defaultValue: 'an Object member by name' },
          { name: 'Twice', defaultValue: 'first' },
          { name: 'Twice', defaultValue: 'second' },
          { name: 'TwiceUnset', defaultValue: 'first' },
          { name: 'TwiceUnset', defaultValue: 'second' },
        ],
      }),
    ]);
    const drafts: DraftAction[] = [
      begin('play'),
      { key: 'play', action: 'PLAY', label: 'Play', properties: { Phrase: 'set', Twice: 'both places' }, branches: [next('end')] },
      { key: 'end', action: 'HANGUP', label: 'End', properties: {}, branches: [] },
    ];
    expect(written(drafts, catalog)).toBe(reference(drafts, catalog));
    expect(written(drafts, catalog)).toContain('"value": "an Object member by name"');
    expect(written(drafts, catalog).match(/"value": "both places"/g)).toHaveLength(2);
  });

  it('writes a script without branches but BEGIN, and wide layers, like JSON.stringify', () => {
    const keys = Array.from({ length: 30 }, (_, position) => `end:${position}`);
    const drafts: DraftAction[] = [
      { ...begin(keys[0]!), branches: keys.map((key) => ({ type: 'case' as const, label: key, to: key })) },
      ...keys.map((key) => ({ key, action: 'HANGUP' as const, label: key, properties: {}, branches: [] })),
    ];
    const catalog = buildCatalog([{ ...buildCatalog().entries.get('BEGIN')!, branches: { default: true, named: [], cases: true } }]);
    expect(written(drafts, catalog)).toBe(reference(drafts, catalog));
  });

  it('writes actions of one type that set different names, in different orders, like JSON.stringify', () => {
    // The properties text is a template per set of names in the draft's order: these share prefixes of that order.
    const sets: DraftAction['properties'][] = [
      { Variable: 'a', Value: '1' },
      { Variable: 'b', Value: '2', Type: 'Numeric' },
      { Value: '3', Variable: 'c' },
      { Variable: 'd', Value: '4', Type: 'String', ScreenPop: 'True' },
      { Variable: 'e', Value: undefined as unknown as string, Type: 'String' },
      {},
      { Variable: 'f', Value: 'x "quoted"' },
    ];
    const keys = sets.map((_, position) => `assign:${position}`);
    const drafts: DraftAction[] = [
      begin(keys[0]!),
      ...sets.map((properties, position) => ({
        key: keys[position]!,
        action: 'ASSIGN' as const,
        label: `Assign ${position}`,
        properties,
        branches: [next(keys[position + 1] ?? 'end')],
      })),
      { key: 'end', action: 'HANGUP', label: 'End', properties: {}, branches: [] },
    ];
    // Twice, so the second pass writes from the templates the first one made.
    expect(written(drafts)).toBe(reference(drafts));
    expect(written(drafts)).toBe(reference(drafts));
  });

  it('fails as serializeScript does on a property the catalog entry lacks, set or not', () => {
    const unset: DraftAction[] = [
      begin('end'),
      { key: 'end', action: 'HANGUP', label: 'End', properties: { Nope: undefined as unknown as string }, branches: [] },
    ];
    expect(() => reference(unset)).toThrow(/HANGUP has no property Nope/);
    expect(() => written(unset)).toThrow(/HANGUP has no property Nope/);
  });

  it('fails as serializeScript does on a property the catalog entry lacks', () => {
    const drafts: DraftAction[] = [begin('end'), { key: 'end', action: 'HANGUP', label: 'End', properties: { Nope: '1' }, branches: [] }];
    expect(() => reference(drafts)).toThrow(/HANGUP has no property Nope/);
    expect(() => written(drafts)).toThrow(/HANGUP has no property Nope/);
  });
});

/** Every example flow and golden case, with and without a tenant catalog: the file is JSON.stringify's layout of its own data. */
describe('the emitted CXone script', () => {
  const tenant = parseTenantCatalog(readFileSync(TENANT_CATALOG, 'utf8'), 'catalog.json');
  if (!tenant.ok) throw new Error(tenant.errors.join('\n'));
  const specs = [
    ...readdirSync(join(ROOT, 'flows'))
      .filter((file) => file.endsWith('.yaml') && !file.endsWith('.test.yaml'))
      .map((file) => join(ROOT, 'flows', file)),
    ...readdirSync(join(ROOT, 'test/cases'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('spec.yaml') && !path.startsWith('_error_'))
      .map((path) => join(ROOT, 'test/cases', path)),
  ];
  it.each(specs.flatMap((spec) => [[spec, 'built-in'] as const, [spec, 'tenant'] as const]))(
    '%s with the %s catalog',
    async (spec, which) => {
      const result = await compileSpec(spec, readFileSync(spec), {
        targets: ['cxone'],
        placeholders: 'keep',
        ...(which === 'tenant' ? { cxoneCatalog: tenant.entries } : {}),
      });
      // A transfer step needs the tenant catalog: without it the spec compiles to errors, not a script.
      if (result.artifacts === undefined) return expect(result.diagnostics.some((item) => item.severity === 'error')).toBe(true);
      const contents = result.artifacts.find((artifact) => artifact.target === 'cxone')?.contents;
      expect(contents).toBeDefined();
      expect(contents).toBe(`${JSON.stringify(JSON.parse(contents!), null, 2)}\n`);
    },
  );
});
