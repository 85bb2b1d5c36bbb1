import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/** A project as a user has it: the claims-line flow, its shared block under flows/shared/, an environment file. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'flows/shared'), { recursive: true });
  for (const file of ['flows/claims-line.yaml', 'flows/claims-line.test.yaml', 'flows/shared/verify-otp.yaml'])
    cpSync(join(ROOT, file), join(dir, file));
  cpSync(join(ROOT, 'flows/environments/example.yaml'), join(dir, 'env.yaml'));
  return dir;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('include: from the CLI', () => {
  it('validate, generate and test a folder of flows: the shared file is merged, never run as a flow', async () => {
    const dir = project();
    const validated = await ivrflow(['validate', 'flows', '--env', 'env.yaml'], { cwd: dir });
    expect(validated.stdout).toContain('✔ 2 files checked, no problems.');
    expect(validated.exitCode).toBe(0);
    const globbed = await ivrflow(['validate', 'flows/**/*.yaml', '--env', 'env.yaml'], { cwd: dir });
    expect(globbed.stdout).toContain('✔ 2 files checked, no problems.');

    const generated = await ivrflow(['generate', 'flows/*.yaml', '--out', 'gen', '--env', 'env.yaml'], { cwd: dir });
    expect(generated.exitCode, generated.stdout).toBe(0);
    // One flow folder (a link to its current version): nothing for flows/shared/.
    expect(readdirSync(join(dir, 'gen')).filter((entry) => !entry.startsWith('.'))).toEqual(['claims-line']);
    const manifest = JSON.parse(readFileSync(join(dir, 'gen/claims-line/manifest.json'), 'utf8')) as { included: { file: string }[] };
    expect(manifest.included.map((entry) => entry.file)).toEqual(['shared/verify-otp.yaml']);
    for (const file of filesBelow(join(dir, 'gen'))) expect(readFileSync(file, 'utf8'), file).not.toContain(dir);

    const tested = await ivrflow(['test', 'flows'], { cwd: dir });
    expect(tested.stdout).toContain('5 scenarios in 1 flow: 5 passed, 0 failed (15 engine runs)');
    expect(tested.exitCode).toBe(0);
  });

  it('reports a problem in the included file at its own line and column, in every format, and exits 1', async () => {
    const dir = project();
    const shared = join(dir, 'flows/shared/verify-otp.yaml');
    const text = readFileSync(shared, 'utf8').replace('timeoutSeconds: 15', 'timeoutSeconds: 5');
    writeFileSync(shared, text);
    const line = text.split('\n').findIndex((row) => row.includes('timeoutSeconds: 5')) + 1;

    const stylish = await ivrflow(['validate', 'flows/claims-line.yaml'], { cwd: dir });
    expect(stylish.stdout).toContain(`flows/shared/verify-otp.yaml:${line}:21 error rule/http-timeout`);
    expect(stylish.stdout).toContain('> ' + String(line).padStart(2) + ' |     timeoutSeconds: 5');
    expect(stylish.exitCode).toBe(1);

    const json = JSON.parse((await ivrflow(['validate', 'flows/claims-line.yaml', '--format', 'json'], { cwd: dir })).stdout) as {
      diagnostics: { file: string; line: number; column: number; code: string }[];
    };
    expect(json.diagnostics.map((diagnostic) => `${diagnostic.code}@${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`)).toEqual([
      `rule/http-timeout@flows/shared/verify-otp.yaml:${line}:21`,
    ]);

    const sarif = JSON.parse((await ivrflow(['validate', 'flows/claims-line.yaml', '--format', 'sarif'], { cwd: dir })).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const location = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    expect(location.artifactLocation.uri).toBe('flows/shared/verify-otp.yaml');
    expect(location.region.startLine).toBe(line);
  });

  it('names the include entry of a missing file, and tells a user who validates the shared file what it is', async () => {
    const dir = project();
    const spec = join(dir, 'flows/claims-line.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('- shared/verify-otp.yaml', '- shared/verify.yaml'));
    const missing = await ivrflow(['validate', 'flows/claims-line.yaml'], { cwd: dir });
    expect(missing.stdout).toMatch(
      /flows\/claims-line\.yaml:\d+:5 error include\/not-found {2}No such file: `flows\/shared\/verify\.yaml`/,
    );
    expect(missing.exitCode).toBe(1);

    const shared = await ivrflow(['validate', 'flows/shared/verify-otp.yaml'], { cwd: dir });
    expect(shared.stdout).toContain('This is an included file (`ivrflowInclude`), not a flow');
    expect(shared.exitCode).toBe(1);
  });
});
