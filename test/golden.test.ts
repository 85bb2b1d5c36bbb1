import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGING_NAMES, type PackagingName, type TargetName } from '../src/targets/artifact.js';
import { compileSpec, type CompileOptions } from '../src/pipeline.js';
import { parseTenantCatalog } from '../src/targets/cxone/catalog/index.js';
import { renderPlain, ROOT } from './helpers/fixtures.js';
import { includeReader } from '../src/cli/include-reader.js';

/**
 * Golden cases. Each folder under test/cases/ holds `spec.yaml` (and optionally `case.json` with
 * `targets` and `env`) plus `expected/`: `diagnostics.txt` and every generated artifact.
 * Folders under test/cases/_error_/ must fail: they have only `expected/diagnostics.txt`.
 * Every example in flows/ is a case too, with its expected files under test/golden/flows/<name>/,
 * compiled as `ivrflow test` compiles it: its `{{placeholders}}` kept as written (a case does the
 * same with `"placeholders": "keep"` in case.json). `generate` would want them filled for CXone.
 * `npx vitest -u` rewrites the expected files; review the diff like code.
 */

interface GoldenCase {
  name: string;
  specPath: string;
  displayName: string;
  expectedDir: string;
  mustFail: boolean;
  /** Unfilled placeholders stand for themselves (CompileOptions.placeholders). */
  keepPlaceholders?: boolean;
  /** The example flows are packaged every way too (`--target terraform`). */
  packagings?: readonly PackagingName[];
}

const cases: GoldenCase[] = [...caseFolders(join(ROOT, 'test/cases')), ...exampleFlows()];

describe.each(cases)('golden $name', (golden) => {
  it('matches the expected diagnostics and artifacts', async () => {
    const options = {
      ...readCaseOptions(golden.specPath),
      ...(golden.keepPlaceholders ? { placeholders: 'keep' as const } : {}),
      ...(golden.packagings ? { packagings: golden.packagings } : {}),
      // The examples' included files (flows/shared/) are read as the CLI reads them, relative to the repository.
      readInclude: includeReader(ROOT),
    };
    const text = readFileSync(golden.specPath, 'utf8');
    const result = await compileSpec(golden.displayName, Buffer.from(text), options);
    const included = new Map((result.source.included?.files ?? []).map((source) => [source.file, source.text]));
    const diagnostics = renderPlain(result.diagnostics, text, golden.displayName, included) || 'no diagnostics\n';
    await expect(diagnostics).toMatchFileSnapshot(join(golden.expectedDir, 'diagnostics.txt'));
    if (golden.mustFail) {
      expect(result.artifacts, 'an _error_ case must not produce artifacts').toBeUndefined();
      expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
      return;
    }
    expect(result.artifacts, 'a case outside _error_ must compile').toBeDefined();
    for (const artifact of result.artifacts ?? [])
      await expect(artifact.contents).toMatchFileSnapshot(join(golden.expectedDir, artifact.path));
    const generated = new Set((result.artifacts ?? []).map((artifact) => artifact.path));
    const orphans = listFiles(golden.expectedDir).filter((path) => path !== 'diagnostics.txt' && !generated.has(path));
    expect(orphans, 'expected/ holds files the compiler no longer generates').toEqual([]);
  });
});

function caseFolders(dir: string): GoldenCase[] {
  const found: GoldenCase[] = [];
  for (const entry of readdirSync(dir)) {
    const folder = join(dir, entry);
    if (!statSync(folder).isDirectory()) continue;
    if (existsSync(join(folder, 'spec.yaml'))) {
      found.push({
        name: relative(join(ROOT, 'test/cases'), folder),
        specPath: join(folder, 'spec.yaml'),
        displayName: 'spec.yaml',
        expectedDir: join(folder, 'expected'),
        mustFail: folder.includes('_error_'),
      });
    } else {
      found.push(...caseFolders(folder));
    }
  }
  return found;
}

function exampleFlows(): GoldenCase[] {
  return readdirSync(join(ROOT, 'flows'))
    .filter((file) => file.endsWith('.yaml') && !file.endsWith('.test.yaml'))
    .map((file) => ({
      name: `flows/${file}`,
      specPath: join(ROOT, 'flows', file),
      displayName: `flows/${file}`,
      expectedDir: join(ROOT, 'test/golden/flows', file.replace(/\.yaml$/, '')),
      mustFail: false,
      keepPlaceholders: true,
      packagings: PACKAGING_NAMES,
    }));
}

describe('golden folders', () => {
  it('has no folder under test/golden/flows without its example flow', () => {
    const examples = new Set(exampleFlows().map((golden) => golden.expectedDir));
    const folders = readdirSync(join(ROOT, 'test/golden/flows')).map((name) => join(ROOT, 'test/golden/flows', name));
    expect(folders.filter((folder) => !examples.has(folder))).toEqual([]);
  });
});

function readCaseOptions(specPath: string): Omit<CompileOptions, 'packagings'> {
  const file = join(specPath, '..', 'case.json');
  if (!existsSync(file)) return {};
  const options = JSON.parse(readFileSync(file, 'utf8')) as {
    targets?: TargetName[];
    env?: Record<string, string>;
    placeholders?: 'keep';
    /** A tenant CXone catalog file, from the repository root (`--cxone-catalog`). */
    cxoneCatalog?: string;
  };
  return {
    ...(options.cxoneCatalog ? { cxoneCatalog: tenantCatalog(options.cxoneCatalog) } : {}),
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.placeholders ? { placeholders: options.placeholders } : {}),
    ...(options.env ? { environment: new Map(Object.entries(options.env)) } : {}),
  };
}

function tenantCatalog(path: string): NonNullable<CompileOptions['cxoneCatalog']> {
  const parsed = parseTenantCatalog(readFileSync(join(ROOT, path), 'utf8'), path);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.errors.join('; ')}`);
  return parsed.entries;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const name = prefix === '' ? entry : `${prefix}/${entry}`;
    return statSync(path).isDirectory() ? listFiles(path, name) : [name];
  });
}
