import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src/contract/openapi.js';
import { compileSpec } from '../../src/pipeline.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { compiledExample, vendorEngines } from './helpers.js';

async function documentFor(...names: string[]) {
  const flows = [];
  for (const name of names) {
    const flow = await compiledExample(name);
    flows.push({ graph: flow.graph, engines: await vendorEngines(flow) });
  }
  return buildOpenApi(flows, '0.0.0-test');
}

type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[] };

describe('ivrflow openapi', () => {
  it('is a valid OpenAPI 3.1 document for every example flow (checked by @readme/openapi-parser)', async () => {
    const document = await documentFor('identity-promotion', 'international-otp', 'pin-with-summary');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does judge: the same document with an operation id used twice is refused.
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { operationId: string }>> };
    broken.paths['/api/v1/customers/summary']!['post']!.operationId = broken.paths['/api/v1/auth/verify']!['post']!.operationId;
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('describes each vendor body as the artifact sends it, with the timestamp format of each', async () => {
    const document = await documentFor('identity-promotion');
    const schemas = (document['components'] as { schemas: Record<string, Schema> }).schemas;
    const genesys = schemas['identity-promotion.verifyIdentity.request.genesys']!;
    const cxone = schemas['identity-promotion.verifyIdentity.request.cxone']!;
    expect(genesys.properties['timestamp']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(cxone.properties['timestamp']).toMatchObject({ type: 'string', pattern: expect.stringContaining('GMT') as string });
    expect(cxone.properties['auth_value']).toMatchObject({ writeOnly: true, 'x-ivrflow-sensitive': true });
    expect(genesys.required).toEqual(['interaction_id', 'customer_identifier', 'auth_method', 'auth_value', 'timestamp']);
    for (const schema of [genesys, cxone])
      expect(Object.values(schema.properties).map((property) => property['type'])).toEqual(Array(5).fill('string'));
  });

  it('requires the success field and every field the flow reads on success, and states the check, timeout and replay key', async () => {
    const document = await documentFor('identity-promotion');
    const schemas = (document['components'] as { schemas: Record<string, Schema> }).schemas;
    expect(schemas['identity-promotion.verifyIdentity.success']!.required).toEqual([
      'account_status',
      'customer_id',
      'routing_priority',
      'status',
      'tier',
    ]);
    expect(schemas['identity-promotion.verifyIdentity.success']!.properties['status']).toEqual({ type: 'string', const: 'success' });
    expect(schemas['identity-promotion.verifyIdentity.failure']!.properties['max_attempts_remaining']).toEqual({ type: 'integer' });
    const operation = (document['paths'] as Record<string, Record<string, Record<string, unknown>>>)['/api/v1/auth/verify']!['post']!;
    expect(operation['security']).toEqual([{ bearerAuth: [] }]);
    expect(operation['x-ivrflow-callers']).toMatchObject([
      {
        timeoutSeconds: 15,
        successCheck: { field: 'status', equals: 'success' },
        replay: { key: ['interaction_id', 'timestamp'], windowSeconds: 60, singleUse: true },
      },
    ]);
  });

  it('is the same bytes for the same input', async () => {
    expect(JSON.stringify(await documentFor('identity-promotion'))).toBe(JSON.stringify(await documentFor('identity-promotion')));
  });

  it('answers `response: none` with the 2XX range and no body, and no success or failure schema', async () => {
    const document = await documentFor('sms-otp');
    expect((await validate(structuredClone(document) as never)).valid).toBe(true);
    const paths = document['paths'] as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    const responses = paths['/api/v1/otp/sms']!['post']!.responses;
    expect(Object.keys(responses)).toContain('2XX');
    expect(responses['2XX']!.content).toBeUndefined();
    expect(responses['200']).toBeUndefined();
    const schemas = Object.keys((document['components'] as { schemas: Record<string, unknown> }).schemas);
    expect(schemas.filter((name) => name.startsWith('sms-otp.sendSmsCode.') && !name.includes('.request.'))).toEqual([]);
  });

  it('lists the statuses of `response: { successStatuses }` as its success responses, with no body', async () => {
    const text = readRepoFile('test/cases/cxone-success-statuses/spec.yaml');
    const compiled = await compileSpec('spec.yaml', Buffer.from(text), { targets: ['cxone'], placeholders: 'keep' });
    const flow = { graph: compiled.graph!, artifacts: compiled.artifacts! };
    const document = buildOpenApi([{ graph: flow.graph, engines: await vendorEngines(flow, ['cxone']) }], '0.0.0-test');
    expect((await validate(structuredClone(document) as never)).valid).toBe(true);
    const paths = document['paths'] as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    const responses = paths['/api/v1/callbacks']!['post']!.responses;
    expect(Object.keys(responses)).toEqual(['202', '204', 'default']);
    expect(responses['202']!.content).toBeUndefined();
    const schemas = (document['components'] as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(['callback-request.requestCallback.request.cxone']);
  });
});
