/**
 * scripts/compile-schema.mjs rewrites ajv's standalone code (errors appended in place, the tests
 * of an `if` or a `not` counted without error objects, string lengths compared before code points
 * are counted). The rewritten validators must answer exactly as ajv's own compilation of the same
 * schemas: the same verdict and the same errors, in order, on valid and broken flows and scenario
 * files alike.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { schemaCompiler } from '../../scripts/compile-schema.mjs';
import { validate as compiledSpecValidator } from '../../src/flowspec/generated/validate-schema.js';
import { validate as compiledScenarioValidator } from '../../src/simulate/generated/validate-scenarios.js';
import { readRepoFile, ROOT } from '../helpers/fixtures.js';

type Data = Record<string, unknown>;
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const STEP_TYPES = ['play', 'gather', 'http', 'condition', 'assign', 'setAttributes', 'retry', 'route', 'menu', 'transfer', 'disconnect'];
/** Text around the length limits, with characters of two UTF-16 units that count as one. */
const TEXTS = [
  '',
  'a',
  '😀',
  'x'.repeat(100),
  '😀'.repeat(100),
  `${'😀'.repeat(100)}x`,
  'y'.repeat(101),
  '😀'.repeat(1001),
  'z'.repeat(2001),
];

function verdict(validator: Validator, data: unknown): unknown {
  const valid = validator(data);
  const errors = (validator.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({
    instancePath,
    schemaPath,
    keyword,
    params,
    message,
  }));
  return { valid, errors };
}

/** Broken variants of a flow: every step as every other kind, routes with both or neither targets, texts at the limits. */
function specVariants(base: Data): unknown[] {
  const variants: unknown[] = [base];
  const vary = (change: (copy: Data) => void) => {
    const copy = structuredClone(base);
    change(copy);
    variants.push(copy);
  };
  const steps = Object.keys(base['steps'] as Data);
  for (const id of steps) {
    const stepOf = (copy: Data) => (copy['steps'] as Record<string, Data>)[id]!;
    for (const type of STEP_TYPES) vary((copy) => (stepOf(copy)['type'] = type));
    vary((copy) => delete stepOf(copy)['type']);
    vary((copy) => Object.assign(stepOf(copy), { queue: 'general', cases: { a: { queue: 'general' } }, default: { queue: 'general' } }));
    vary((copy) => Object.assign(stepOf(copy), { by: { ref: 'call.ani' }, cases: {} }));
    vary((copy) => {
      for (const key of ['queue', 'cases', 'default', 'by']) delete stepOf(copy)[key];
    });
    for (const text of TEXTS) vary((copy) => (stepOf(copy)['prompt'] = text));
    vary((copy) => ((copy['steps'] as Data)[id] = 'not a step'));
  }
  for (const text of TEXTS) {
    vary((copy) => (copy['name'] = text));
    vary((copy) => (copy['description'] = text));
    vary((copy) => ((copy['steps'] as Data)[text] = { type: 'disconnect' }));
  }
  vary((copy) => (copy['ivrflow'] = 7));
  vary((copy) => (copy['steps'] = []));
  return variants;
}

function scenarioVariants(base: Data): unknown[] {
  const variants: unknown[] = [base];
  for (const text of TEXTS) {
    const copy = structuredClone(base);
    const scenarios = copy['scenarios'] as Data[];
    scenarios[0]!['name'] = text;
    if (scenarios[1]) scenarios[1]['caller'] = [text];
    variants.push(copy);
  }
  return variants;
}

const flowFiles = readdirSync(join(ROOT, 'flows')).filter((file) => file.endsWith('.yaml'));

describe('the compiled schema validators', () => {
  it('judge every variant of every example flow as ajv does', () => {
    const { ajv, schema } = schemaCompiler('schemas/ivrflow.schema.json');
    const reference = ajv.compile(schema) as Validator;
    let compared = 0;
    for (const file of flowFiles.filter((name) => !name.endsWith('.test.yaml'))) {
      for (const data of specVariants(parse(readRepoFile(`flows/${file}`)) as Data)) {
        expect(verdict(compiledSpecValidator as Validator, data)).toEqual(verdict(reference, data));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('judge every variant of every example scenario file as ajv does', () => {
    const { ajv, schema } = schemaCompiler('schemas/ivrflow-test.schema.json');
    const reference = ajv.compile(schema) as Validator;
    for (const file of flowFiles.filter((name) => name.endsWith('.test.yaml')))
      for (const data of scenarioVariants(parse(readRepoFile(`flows/${file}`)) as Data))
        expect(verdict(compiledScenarioValidator as Validator, data)).toEqual(verdict(reference, data));
  });
});
