import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../../../src/pipeline.js';
import { TERRAFORM_MODULE_PATH } from '../../../../src/targets/genesys/terraform/module.js';
import { REPO_INCLUDES, ROOT, readRepoFile } from '../../../helpers/fixtures.js';

/**
 * Every module ivrflow writes, judged by the provider's own resource schemas (the excerpt and its
 * provenance are in provider-schema/README.md): no unknown or read-only attribute, every required
 * one, the right types, blocks at most as often as the provider allows, and the provider's own
 * validators (lengths, ranges, enums) where the value is a literal.
 */
interface AttributeSchema {
  type: 'string' | 'bool' | 'int' | 'map';
  elem?: 'string';
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  length?: [number, number];
  range?: [number, number];
  enum?: string[];
}
interface BlockSchema {
  max_items?: number;
  attributes: Record<string, AttributeSchema>;
  blocks: Record<string, BlockSchema>;
}
const PROVIDER = JSON.parse(readRepoFile('test/targets/genesys/terraform/provider-schema/genesyscloud-v1.84.1.json')) as {
  resources: Record<string, BlockSchema>;
};
/** Terraform's meta-arguments (developer.hashicorp.com/terraform/language/meta-arguments). */
const META_ARGUMENTS = new Set(['depends_on', 'count', 'for_each', 'provider', 'lifecycle']);

/** A whole-string interpolation: its type is only known when Terraform evaluates it. */
const isInterpolation = (value: unknown) => typeof value === 'string' && /^\$\{[^}]*\}$/.test(value);

function attributeProblems(where: string, schema: AttributeSchema, value: unknown): string[] {
  if (schema.computed && !schema.optional) return [`${where} is read-only in the provider`];
  if (isInterpolation(value)) return [];
  const problems: string[] = [];
  const typeOk =
    schema.type === 'string'
      ? typeof value === 'string'
      : schema.type === 'bool'
        ? typeof value === 'boolean'
        : schema.type === 'int'
          ? Number.isInteger(value)
          : typeof value === 'object' &&
            value !== null &&
            !Array.isArray(value) &&
            Object.values(value).every((v) => typeof v === 'string');
  if (!typeOk) return [`${where} must be ${schema.type}${schema.elem ? ` of ${schema.elem}` : ''}, got ${JSON.stringify(value)}`];
  if (schema.length && typeof value === 'string' && (value.length < schema.length[0] || value.length > schema.length[1]))
    problems.push(`${where} length ${value.length} outside ${schema.length.join('-')}`);
  if (schema.range && typeof value === 'number' && (value < schema.range[0] || value > schema.range[1]))
    problems.push(`${where} ${value} outside ${schema.range.join('-')}`);
  if (schema.enum && !schema.enum.includes(value as string))
    problems.push(`${where} ${JSON.stringify(value)} not in ${schema.enum.join(', ')}`);
  return problems;
}

function blockProblems(where: string, schema: BlockSchema, body: Record<string, unknown>, topLevel: boolean): string[] {
  const problems: string[] = [];
  for (const [name, attribute] of Object.entries(schema.attributes))
    if (attribute.required && !(name in body)) problems.push(`${where}.${name} is required`);
  for (const [name, value] of Object.entries(body)) {
    if (topLevel && META_ARGUMENTS.has(name)) continue;
    const attribute = schema.attributes[name];
    const block = schema.blocks[name];
    if (attribute) problems.push(...attributeProblems(`${where}.${name}`, attribute, value));
    else if (block) {
      // JSON syntax: a nested block is one object, or an array of objects (developer.hashicorp.com/terraform/language/syntax/json#nested-block-mapping).
      const items = Array.isArray(value) ? value : [value];
      if (block.max_items !== undefined && items.length > block.max_items) problems.push(`${where}.${name}: at most ${block.max_items}`);
      for (const item of items) problems.push(...blockProblems(`${where}.${name}`, block, item as Record<string, unknown>, false));
    } else problems.push(`${where}.${name} is not in the provider's schema`);
  }
  return problems;
}

function moduleProblems(module: { resource?: Record<string, Record<string, Record<string, unknown>>> }): string[] {
  return Object.entries(module.resource ?? {}).flatMap(([type, resources]) => {
    const schema = PROVIDER.resources[type];
    if (!schema) return [`resource type ${type} is not in the excerpt`];
    return Object.entries(resources).flatMap(([name, body]) => blockProblems(`${type}.${name}`, schema, body, true));
  });
}

async function terraformModule(specPath: string, text: string): Promise<Record<string, unknown>> {
  const result = await compileSpec(specPath, Buffer.from(text), {
    targets: ['genesys'],
    packagings: ['terraform'],
    readInclude: REPO_INCLUDES,
  });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const artifact = result.artifacts?.find((candidate) => candidate.path === TERRAFORM_MODULE_PATH);
  expect(artifact, 'the module is generated').toBeDefined();
  return JSON.parse(artifact!.contents) as Record<string, unknown>;
}

const SPECS = [
  ...readdirSync(join(ROOT, 'flows'))
    .filter((file) => file.endsWith('.yaml') && !file.endsWith('.test.yaml'))
    .map((file) => `flows/${file}`),
  'test/cases/genesys-hostile-strings/spec.yaml',
  'test/cases/minimal/spec.yaml',
];

describe('the Terraform module against the provider schema', () => {
  it.each(SPECS)('%s', async (spec) => {
    const module = await terraformModule(spec, readRepoFile(spec));
    expect(moduleProblems(module as never)).toEqual([]);
    expect(Object.keys(module).sort()).toEqual(['//', 'resource', 'terraform', 'variable']);
  });

  it('catches what the provider would refuse', () => {
    const broken = {
      resource: {
        genesyscloud_flow: { f: { file_content_hash: 'abc', substitutions: { a: 1 } } },
        genesyscloud_integration_action: {
          a: {
            name: '',
            category: 'c',
            integration_id: 'i',
            contract_input: '{}',
            contract_output: '{}',
            config_timeout_seconds: 90,
            config_request: [{ request_type: 'HEAD' }, { request_type: 'GET' }],
            secure: 'yes',
          },
        },
      },
    };
    expect(moduleProblems(broken)).toEqual([
      'genesyscloud_flow.f.filepath is required',
      'genesyscloud_flow.f.file_content_hash is read-only in the provider',
      'genesyscloud_flow.f.substitutions must be map of string, got {"a":1}',
      'genesyscloud_integration_action.a.name length 0 outside 1-256',
      'genesyscloud_integration_action.a.config_timeout_seconds 90 outside 1-60',
      'genesyscloud_integration_action.a.config_request: at most 1',
      'genesyscloud_integration_action.a.config_request.request_type "HEAD" not in GET, PUT, POST, PATCH, DELETE',
      'genesyscloud_integration_action.a.secure must be bool, got "yes"',
    ]);
  });
});
