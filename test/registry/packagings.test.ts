import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGING_NAMES, TARGET_NAMES } from '../../src/flowspec/targets.js';
import { ARTIFACT_KINDS } from '../../src/targets/artifact.js';
import { ENGINE_NAMES } from '../../src/targets/engine-contract.js';
import { PACKAGINGS } from '../../src/targets/packaging.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';

/** Adding a packaging (a way to hand one vendor's files to a deployment tool): what it needs (docs/architecture.md). */
describe.each(PACKAGING_NAMES)('packaging %s', (name) => {
  it('has a registry entry that packages a vendor, artifact kinds, and no engine', () => {
    expect(TARGET_NAMES).toContain(PACKAGINGS[name].packages);
    expect(ARTIFACT_KINDS[name].length).toBeGreaterThan(0);
    expect(ENGINE_NAMES as readonly string[]).not.toContain(name);
    expect(TARGET_NAMES as readonly string[]).not.toContain(name);
  });

  it('lives in the folder of the vendor it packages', () => {
    expect(existsSync(join(ROOT, 'src/targets', PACKAGINGS[name].packages, name))).toBe(true);
  });

  it('has its docs page, linked from the README and the vendor page', () => {
    expect(existsSync(join(ROOT, 'docs', `${name}.md`))).toBe(true);
    expect(readRepoFile('README.md')).toContain(`docs/${name}.md`);
    expect(readRepoFile(`docs/${PACKAGINGS[name].packages}.md`)).toContain(`${name}.md`);
  });

  it('has golden artifacts for every example flow', () => {
    for (const flow of readdirSync(join(ROOT, 'test/golden/flows'))) {
      expect(existsSync(join(ROOT, 'test/golden/flows', flow, name)), `test/golden/flows/${flow}/${name}`).toBe(true);
    }
  });
});
