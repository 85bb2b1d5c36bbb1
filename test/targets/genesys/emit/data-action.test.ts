/**
 * The data action JSON is written as text (src/targets/genesys/emit/data-action.ts), not stringified
 * from an object: on the example flows' endpoints and on endpoints with hostile names, headers and
 * fields, the text is laid out exactly as `JSON.stringify(…, null, 2)` lays out what it holds, and
 * holds what the endpoint says. The goldens hold the contents of the example flows' files.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IrEndpoint } from '../../../../src/ir/nodes.js';
import { checkSpec } from '../../../../src/pipeline.js';
import type { GenesysContext } from '../../../../src/targets/genesys/emit/context.js';
import { dataActionJson } from '../../../../src/targets/genesys/emit/data-action.js';
import { HOSTILE_STRINGS } from '../../../fuzz/mutants.js';
import { readRepoFile, REPO_INCLUDES, ROOT } from '../../../helpers/fixtures.js';

function exampleEndpoints(): IrEndpoint[] {
  return readdirSync(join(ROOT, 'flows'))
    .filter((file) => file.endsWith('.yaml') && !file.endsWith('.test.yaml'))
    .flatMap((file) => checkSpec(file, Buffer.from(readRepoFile(`flows/${file}`)), { readInclude: REPO_INCLUDES }).graph?.endpoints ?? []);
}

function contextNaming(endpoint: IrEndpoint, name?: string): GenesysContext {
  return { names: { dataActions: new Map(name === undefined ? [] : [[endpoint.id, name]]) } } as unknown as GenesysContext;
}

function expectStringifyLayout(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  return parsed;
}

const text = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_STRINGS,
    ...['1', '10', '0', '__proto__', 'constructor', 'Authorization', 'content-type'],
    ...['"', '\\', 'a"b', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', 'a\udc00b', '😀', 'é', '\t'],
  ),
  fc.string({ maxLength: 8 }),
);
const type = fc.constantFrom('string', 'integer', 'number', 'boolean' as const);

describe('the data action JSON', () => {
  const endpoints = exampleEndpoints();

  it('is laid out as JSON.stringify lays out its contents, for every example endpoint', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(5);
    for (const endpoint of endpoints) {
      const parsed = expectStringifyLayout(dataActionJson(endpoint, contextNaming(endpoint)));
      expect(parsed['name']).toBe(endpoint.id);
    }
  });

  it('is laid out as JSON.stringify lays it out with hostile names, headers and fields, and none at all', () => {
    const variant = fc.record({
      base: fc.constantFrom(...endpoints),
      name: fc.option(text),
      headers: fc.array(fc.record({ name: text, value: text }), { maxLength: 3 }),
      fields: fc.array(fc.record({ name: text, type }), { maxLength: 4 }),
      body: fc.array(fc.record({ field: text, literal: fc.boolean(), type }), { maxLength: 3 }),
      timeoutSeconds: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0.01, max: 60, noNaN: true })),
    });
    fc.assert(
      fc.property(variant, ({ base, name, headers, fields, body, timeoutSeconds }) => {
        const endpoint: IrEndpoint = {
          ...base,
          timeoutSeconds,
          headers,
          responseFields: fields,
          body: body.map(({ field, literal, type: valueType }): IrEndpoint['body'][number] => ({
            field,
            value: literal
              ? { kind: 'literal', value: field, type: 'string' }
              : { kind: 'variable', name: 'x', type: valueType, sensitive: false },
          })),
        };
        const parsed = expectStringifyLayout(dataActionJson(endpoint, contextNaming(endpoint, name ?? undefined)));
        expect(parsed['name']).toBe(name ?? endpoint.id);
        const contract = parsed['contract'] as { output: { successSchema: { properties: Record<string, { type: string }> } } };
        expect(Object.keys(contract.output.successSchema.properties)).toEqual(
          Object.keys(Object.fromEntries(fields.map((field) => [field.name, 0]))),
        );
      }),
      { numRuns: 1000, seed: 20_261_203 },
    );
  });
});
