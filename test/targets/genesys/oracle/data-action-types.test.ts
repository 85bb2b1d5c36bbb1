import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../helpers/fixtures.js';
import { goldenGenesysDirs } from './oracle.js';

/**
 * Every generated data action JSON, type-checked by tsc against the Genesys platform SDK's own models
 * (npm purecloud-platform-client-v2, `Models.PostActionInput`). Each JSON is pasted into a `.ts` file
 * as an object literal, so tsc's excess-property check catches a misspelt key at any depth, not only
 * a wrong type. The import file is the create-action body without `category` and `integrationId`
 * (the integration it is imported into supplies them) plus `integrationType` and `actionType`, which
 * published export files carry (GenesysCloudBlueprints/limitless-flows-blueprint@413c9ba
 * blueprint/DataActions/Limitless---Shorten-Link-v1-2021062184350.custom.json).
 */

const WORK = join(ROOT, '.tmp/oracle-data-actions');
const PRELUDE = [
  "import type { Models } from 'purecloud-platform-client-v2';",
  "type DataActionImportFile = Omit<Models.PostActionInput, 'category' | 'integrationId'> & { integrationType: 'custom-rest-actions'; actionType: 'custom' };",
  '',
];

const files = goldenGenesysDirs().flatMap(({ name, dir }) => {
  const folder = join(dir, 'data-actions');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ name: `${name}/${file}`, json: readFileSync(join(folder, file), 'utf8') }));
});

/** A copy with a misspelt nested key: the check must catch it, or it checks nothing. */
function misspelt(json: string): string {
  return json.replace('"requestUrlTemplate"', '"requestUrlTemplte"');
}

let diagnostics: string;

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const sources = [
    ...files.map((file, index) => ({ ...file, index })),
    { name: 'misspelt', json: misspelt(files[0]!.json), index: files.length },
  ];
  for (const { json, index } of sources)
    writeFileSync(
      join(WORK, `action-${index}.ts`),
      [...PRELUDE, `export const action: DataActionImportFile = ${json.trim()};`, ''].join('\n'),
    );
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', types: [], skipLibCheck: true },
      include: ['*.ts'],
    }),
  );
  const result = await execa(join(ROOT, 'node_modules/.bin/tsc'), ['-p', relative(ROOT, join(WORK, 'tsconfig.json'))], {
    cwd: ROOT,
    reject: false,
  });
  diagnostics = result.stdout;
}, 120_000);

describe('generated data actions type-check against the Genesys platform models', () => {
  it('covers the data actions of every golden flow', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files.map((file, index) => ({ ...file, index })))('$name', ({ index }) => {
    const mine = diagnostics.split('\n').filter((line) => line.includes(`action-${index}.ts`));
    expect(mine).toEqual([]);
  });

  it('reports a misspelt nested key', () => {
    const mine = diagnostics.split('\n').filter((line) => line.includes(`action-${files.length}.ts`));
    expect(mine.join('\n')).toMatch(/requestUrlTemplte.*does not exist in type 'RequestConfig'/);
  });
});
