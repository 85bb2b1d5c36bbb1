import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_NAMES } from '../../src/flowspec/targets.js';
import { ARTIFACT_KINDS } from '../../src/targets/artifact.js';
import { ENGINE_NAMES } from '../../src/targets/engine-contract.js';
import { TARGETS } from '../../src/targets/index.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** Adding a vendor is a folder plus a registry entry; this test lists what else it needs (docs/architecture.md). */
describe.each(TARGET_NAMES)('target %s', (target) => {
  it('has a registry entry, an engine and artifact kinds', () => {
    expect(TARGETS[target]).toBeDefined();
    expect(ENGINE_NAMES).toContain(target);
    expect(ARTIFACT_KINDS[target].length).toBeGreaterThan(0);
  });

  it.each(['facts.ts', 'check.ts', 'conventions.ts', 'emit/index.ts', 'engine/index.ts'])('has src/targets/<target>/%s', (file) => {
    expect(existsSync(join(ROOT, 'src/targets', target, file))).toBe(true);
  });

  it('has its docs page and its section in the spec schema', () => {
    expect(existsSync(join(ROOT, 'docs', `${target}.md`))).toBe(true);
    const schema = JSON.parse(readRepoFile('schemas/ivrflow.schema.json')) as { definitions: { targets: { properties: object } } };
    expect(Object.keys(schema.definitions.targets.properties)).toContain(target);
  });

  it('has golden artifacts for every example flow', () => {
    for (const flow of readdirSync(join(ROOT, 'test/golden/flows'))) {
      expect(existsSync(join(ROOT, 'test/golden/flows', flow, target)), `test/golden/flows/${flow}/${target}`).toBe(true);
    }
  });
});
