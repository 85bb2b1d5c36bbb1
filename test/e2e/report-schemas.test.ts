import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../src/contract/probe/run.js';
import { ENGINE_NAMES } from '../../src/targets/engine-contract.js';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';
import { failingTestFolder } from '../helpers/test-folders.js';
import { compiledExample } from '../contract/helpers.js';
import { DEV_TOKEN, startExampleMock, type StartedMock } from '../contract/mock-helpers.js';

/**
 * The JSON of `ivrflow test` and `ivrflow contract` against their published schemas, with a real
 * JSON Schema validator (Ajv, strict), on reports that use every part of the shape: failures, skips,
 * traces, a broken flow; contract findings and a load run.
 */
function validatorOf(schema: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const diagnostics = 'schemas/ivrflow-report.schema.json';
  // The diagnostics are those of the validate report; the $ref names it by its published $id.
  if (schema !== diagnostics) ajv.addSchema(JSON.parse(readRepoFile(diagnostics)) as object);
  return ajv.compile(JSON.parse(readRepoFile(schema)) as object);
}

function schemaErrors(validate: ValidateFunction, document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

interface Versioned {
  $schema: string;
  version: number;
  tool: { name: string; version: string };
}

describe('ivrflow test --format json', () => {
  const validate = validatorOf('schemas/ivrflow-test-report.schema.json');

  it('is versioned, names its schema, and is valid with failures, skips, traces and a broken flow', async () => {
    const dir = failingTestFolder();
    const result = await ivrflow(['test', 'flow.yaml', 'lonely.yaml', '--format', 'json', '--trace'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Versioned & {
      summary: { failed: number; skippedRuns: number; brokenFlows: number };
      flows: { scenarios: { traces?: unknown[] }[] }[];
    };
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report.version).toBe(1);
    expect(report.$schema).toMatch(/\/schemas\/ivrflow-test-report\.schema\.json$/);
    expect(report.tool.name).toBe('ivrflow');
    // The parts the schema constrains are present, so the check above judged them.
    expect(report.summary).toMatchObject({ failed: 1, brokenFlows: 1 });
    expect(report.summary.skippedRuns).toBeGreaterThan(0);
    expect(report.flows[0]!.scenarios[0]!.traces?.length).toBeGreaterThan(0);
  });

  it('the schema is a real judge: it rejects a report missing a field or with an unknown outcome', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'flow.yaml'));
    copyFileSync(join(ROOT, 'flows/identity-promotion.test.yaml'), join(dir, 'flow.test.yaml'));
    const report = JSON.parse((await ivrflow(['test', 'flow.yaml', '--format', 'json', '--engines', 'spec'], { cwd: dir })).stdout) as {
      summary: Record<string, unknown>;
      flows: { scenarios: { outcome: string }[] }[];
    };
    expect(schemaErrors(validate, report)).toEqual([]);
    const withoutCount = structuredClone(report);
    delete withoutCount.summary['notRun'];
    expect(schemaErrors(validate, withoutCount)).not.toEqual([]);
    const wrongOutcome = structuredClone(report);
    wrongOutcome.flows[0]!.scenarios[0]!.outcome = 'skipped';
    expect(schemaErrors(validate, wrongOutcome)).not.toEqual([]);
  });

  it("the schema's engine names are the registry's", () => {
    const schema = JSON.parse(readRepoFile('schemas/ivrflow-test-report.schema.json')) as { definitions: { engine: { enum: string[] } } };
    expect(schema.definitions.engine.enum).toEqual([...ENGINE_NAMES]);
  });
});

describe('ivrflow contract --format json', () => {
  const validate = validatorOf('schemas/ivrflow-contract-report.schema.json');
  const CASES = 'examples/contract/identity-promotion.cases.yaml';
  const ENV = { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: DEV_TOKEN };
  let broken: StartedMock;

  beforeAll(async () => {
    broken = await startExampleMock(await compiledExample('identity-promotion'), [{ kind: 'rename', from: 'status', to: 'statusCode' }]);
  });
  afterAll(async () => {
    await broken.server.close();
  });

  it('is versioned, names its schema, and is valid with findings and a load run', async () => {
    const url = `verifyIdentity=${broken.server.url}/api/v1/auth/verify`;
    const args = [
      'contract',
      'flows/identity-promotion.yaml',
      '--endpoint',
      url,
      '--cases',
      CASES,
      '-f',
      'json',
      '--requests',
      '20',
      '--concurrency',
      '2',
    ];
    const result = await ivrflow(args, { env: ENV });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Versioned & {
      endpoints: { load?: unknown; cases: unknown[] }[];
      diagnostics: { code: string }[];
    };
    expect(schemaErrors(validate, report)).toEqual([]);
    expect(report.version).toBe(1);
    expect(report.$schema).toMatch(/\/schemas\/ivrflow-contract-report\.schema\.json$/);
    expect(report.endpoints[0]!.load).toBeDefined();
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toContain('contract/missing-field');
    const withoutSpec = { ...report, spec: undefined };
    expect(schemaErrors(validate, JSON.parse(JSON.stringify(withoutSpec)))).not.toEqual([]);
  });

  it('a spec with errors is reported as the validate report, valid against its schema', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      readRepoFile('flows/identity-promotion.yaml').replace(/^ {4}timeoutSeconds: 1\d$/m, '    timeoutSeconds: 3'),
    );
    const result = await ivrflow(['contract', 'bad.yaml', '--endpoint', 'verifyIdentity=http://127.0.0.1:9/x', '-f', 'json'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(schemaErrors(validatorOf('schemas/ivrflow-report.schema.json'), JSON.parse(result.stdout))).toEqual([]);
  });

  it("the schema's case kinds are the probe's", () => {
    const schema = JSON.parse(readRepoFile('schemas/ivrflow-contract-report.schema.json')) as {
      definitions: { case: { properties: { kind: { enum: string[] } } } };
    };
    expect(schema.definitions.case.properties.kind.enum).toEqual([...CASE_KINDS]);
  });
});
