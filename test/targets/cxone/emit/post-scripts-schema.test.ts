import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseTenantCatalog } from '../../../../src/targets/cxone/catalog/index.js';
import { BUS_NO_PLACEHOLDER } from '../../../../src/targets/cxone/emit/bus-number.js';
import { compileSpec, type CompileOptions } from '../../../../src/pipeline.js';
import { ROOT, readRepoFile } from '../../../helpers/fixtures.js';
import { AGREEMENT_FLOWS, agreementOptions } from '../../../simulate/helpers.js';
import { FLOWS, TENANT_CATALOG } from './script-graph.js';

/**
 * Every emitted script against NICE's own JSON model of `POST /scripts` (vendor/README.md says where
 * it comes from). The model is documentation, not a literal schema, so it is adapted here, each
 * step for a stated reason; everything else (required keys, integer ids, positions and indexes,
 * string-typed action fields, `additionalProperties: false` on the body) is enforced as NICE wrote it.
 */
type Schema = Record<string, unknown>;

const vendored = JSON.parse(readFileSync(join(ROOT, 'test/targets/cxone/vendor/nice-post-scripts.schema.json'), 'utf8')) as {
  postScript: Schema;
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(adapt(vendored.postScript));

/** The literal `{actionId}` key means "any numeric key" (its description: "{actionId} must be numeric"). */
function adapt(schema: Schema): Schema {
  const copy: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, adaptValue(value)]));
  const properties = copy.properties as Record<string, Schema> | undefined;
  const perAction = properties?.['{actionId}'];
  if (perAction !== undefined) return numericKeys(copy, perAction);
  const perProperty = properties?.['0'];
  if (perProperty !== undefined && (copy.required as string[] | undefined)?.includes('0'))
    return numericKeys(copy, propertyCell(perProperty));
  return copy;
}

function adaptValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(adaptValue);
  return value !== null && typeof value === 'object' ? adapt(value as Schema) : value;
}

/**
 * `{actionId}` and the property positions `"0"`, `"1"`, …: any numeric key, at least one action. An
 * action with no properties (HANGUP) has an empty map, as MCP saves it (`PROPS.HANGUP: () => ({})`).
 */
function numericKeys(schema: Schema, each: Schema): Schema {
  const { properties: _properties, required: _required, ...rest } = schema;
  const isActionMap = (schema.description as string | undefined)?.includes('{actionId}') === true;
  return { ...rest, propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: each, ...(isActionMap ? { minProperties: 1 } : {}) };
}

/**
 * A property cell: MCP and PWF save without `hidden` (MCP on a live tenant), and BEGIN's
 * `Parameters` is an array in MCP `PROPS.BEGIN`; both deviations are on docs/cxone.md's list.
 */
function propertyCell(cell: Schema): Schema {
  const properties = { ...(cell.properties as Record<string, Schema>) };
  properties.value = { anyOf: [properties.value, { type: 'array', items: { type: 'string' } }] };
  return { ...cell, properties, required: (cell.required as string[]).filter((key) => key !== 'hidden') };
}

const environment = new Map(Object.entries(parse(readRepoFile('flows/environments/example.yaml')) as Record<string, string>));
const tenant = parseTenantCatalog(readFileSync(TENANT_CATALOG, 'utf8'), 'catalog.json');

async function scriptBody(file: string, text: string, options: CompileOptions): Promise<{ scriptContent: { header: Schema } }> {
  const result = await compileSpec(file, Buffer.from(text), { targets: ['cxone'], ...options });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const artifact = result.artifacts!.find((candidate) => candidate.target === 'cxone')!;
  return JSON.parse(artifact.contents) as { scriptContent: { header: Schema } };
}

const where = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);

describe("NICE's post_scripts schema", () => {
  if (!tenant.ok) throw new Error('the tenant catalog fixture does not parse');
  const cases = [
    ...FLOWS.flatMap((flow) => [
      { name: `flows/${flow}.yaml`, file: `${flow}.yaml`, text: readRepoFile(`flows/${flow}.yaml`), options: { environment } },
      {
        name: `flows/${flow}.yaml with the tenant catalog`,
        file: `${flow}.yaml`,
        text: readRepoFile(`flows/${flow}.yaml`),
        options: { environment, cxoneCatalog: tenant.entries },
      },
    ]),
    ...['with the built-in catalog', 'with the tenant catalog'].map((how) => ({
      name: `flows/hipaa-member-summary.yaml ${how}`,
      file: 'hipaa-member-summary.yaml',
      text: readRepoFile('flows/hipaa-member-summary.yaml'),
      options: how.includes('tenant') ? { environment, cxoneCatalog: tenant.entries } : { environment },
    })),
    // Every other flow the engines agree on (spec 1.1 steps, prompts, includes, the tenant catalog
    // where a flow needs it) and the listed success statuses, each with the options it runs with.
    ...[...AGREEMENT_FLOWS, 'test/cases/cxone-success-statuses/spec.yaml']
      .filter((path) => !FLOWS.some((flow) => path === `flows/${flow}.yaml`) && path !== 'flows/hipaa-member-summary.yaml')
      .map((path) => ({ name: path, file: path, text: readRepoFile(path), options: agreementOptions(path) })),
    {
      name: 'cxone-hostile-strings',
      file: 'spec.yaml',
      text: readRepoFile('test/cases/cxone-hostile-strings/spec.yaml'),
      // Its URL placeholder stays, to show it is kept verbatim in Snippet code; the schema does not care.
      options: { placeholders: 'keep' as const },
    },
  ];

  it.each(cases)('accepts the script of $name once the upload step has filled busNo', async ({ file, text, options }) => {
    const body = await scriptBody(file, text, options);
    if (body.scriptContent.header.busNo === BUS_NO_PLACEHOLDER) {
      expect(validate(body), 'the placeholder is no business unit number').toBe(false);
      expect(where(validate.errors)).toContain('/scriptContent/header/busNo must be integer');
      body.scriptContent.header.busNo = 4051234;
    }
    expect(validate(body), where(validate.errors).join('\n')).toBe(true);
  });

  it('rejects a script without busNo, as NICE requires it', async () => {
    const body = await scriptBody('identity-promotion.yaml', readRepoFile('flows/identity-promotion.yaml'), { environment });
    delete body.scriptContent.header.busNo;
    expect(validate(body)).toBe(false);
    expect(where(validate.errors)).toContain("/scriptContent/header must have required property 'busNo'");
  });

  it('still enforces what it does not adapt: a branch target must be an integer', async () => {
    const body = (await scriptBody('identity-promotion.yaml', readRepoFile('flows/identity-promotion.yaml'), {
      environment,
    })) as unknown as {
      scriptContent: { header: Schema; branches: Record<string, { to: unknown }[]> };
    };
    body.scriptContent.header.busNo = 1;
    body.scriptContent.branches['1']![0]!.to = 'two';
    expect(validate(body)).toBe(false);
    expect(where(validate.errors)).toContain('/scriptContent/branches/1/0/to must be integer');
  });
});
