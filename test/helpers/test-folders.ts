import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';
import { ROOT, readRepoFile } from './fixtures.js';

/**
 * A folder for `ivrflow test` reports that use every part of their shape: the example flow with one
 * scenario made to fail on every engine (the "no agent" scenarios are skipped on both vendors), and
 * a second flow whose scenario file is missing, a broken flow.
 */
export function failingTestFolder(): string {
  const dir = tempDir();
  copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'flow.yaml'));
  writeFileSync(
    join(dir, 'flow.test.yaml'),
    readRepoFile('flows/identity-promotion.test.yaml').replace('customer.tier: standard', 'customer.tier: "<gold & silver>"'),
  );
  copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'lonely.yaml'));
  return dir;
}
