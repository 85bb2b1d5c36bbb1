import { execa } from 'execa';
import { type Dirent, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { vendorSchemaValidator } from '../helpers/vendor-schemas.js';

/**
 * The package as a team gets it: `npm pack`, installed into a fresh project that is not this
 * repository, then used only through `npx ivrflow`. Its dependencies are linked from this
 * repository's node_modules, following the dependencies the packed package.json declares (and
 * theirs), so the test needs no network and still fails when a runtime dependency is undeclared.
 */
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let project: string;
let installed: string;
const outputs: { command: string; text: string }[] = [];

async function npx(args: readonly string[], cwd = project) {
  const result = await execa('npx', ['--no', '--', 'ivrflow', ...args], { cwd, reject: false, env: { NO_COLOR: '1' }, extendEnv: true });
  outputs.push({ command: args.join(' '), text: `${result.stdout}\n${result.stderr}` });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const work = tempDir();
  // dist/ is built by `npm test` before vitest runs; --ignore-scripts keeps pack from rebuilding it.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT });
  const tarball = join(work, packed.stdout.trim().split('\n').pop()!);
  project = join(work, 'project');
  installed = join(project, 'node_modules', 'ivrflow');
  mkdirSync(installed, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'contact-center-flows', private: true, devDependencies: { ivrflow: VERSION } }),
  );
  // A repository of its own, so config discovery stops at its root, as it would in the team's clone.
  mkdirSync(join(project, '.git'));
  await execa('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  linkDependencies(installed, join(project, 'node_modules'));
  linkBin(project, installed);
}, 120_000);

/** Link each declared runtime dependency (recursively) from this repository's node_modules, as npm would hoist it. */
function linkDependencies(packageDir: string, nodeModules: string, seen = new Set<string>()): void {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  for (const name of Object.keys({ ...manifest.dependencies })) {
    if (seen.has(name)) continue;
    seen.add(name);
    const source = join(ROOT, 'node_modules', name);
    const target = join(nodeModules, name);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target)) symlinkSync(source, target, 'dir');
    linkDependencies(source, nodeModules, seen);
  }
}

function linkBin(projectDir: string, packageDir: string): void {
  const bins = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
  mkdirSync(join(projectDir, 'node_modules', '.bin'), { recursive: true });
  for (const [name, file] of Object.entries(bins)) {
    chmodSync(join(packageDir, file), 0o755);
    symlinkSync(join('..', 'ivrflow', file), join(projectDir, 'node_modules', '.bin', name));
  }
}

/** Every package file a text names, as a link to the repository at this version or as a bare path, must be in the package. */
function namedFilesMissing(text: string, base: string): string[] {
  const missing: string[] = [];
  const link = new RegExp(
    `https://(?:github\\.com/ivrflow/ivrflow/blob|raw\\.githubusercontent\\.com/ivrflow/ivrflow)/v${VERSION.replaceAll('.', '\\.')}/([^\\s)#'"\`]*[\\w/])`,
    'g',
  );
  for (const match of text.matchAll(link)) if (!existsSync(join(installed, match[1]!))) missing.push(match[0]);
  const withoutLinks = text.replace(/https?:\/\/\S+/g, '');
  for (const match of withoutLinks.matchAll(/(?<![\w./-])((?:docs|research|schemas|templates)\/[\w./-]*\w)/g))
    if (!existsSync(resolve(base, match[1]!))) missing.push(match[1]!);
  if (/\bdomain\.md\b/.test(text)) missing.push('domain.md');
  return missing;
}

// Each test runs the CLI several times through npx, on two shared cores.
describe('the packed package, installed into a fresh project', { timeout: 180_000 }, () => {
  it('ships what the CLI refers to, and no test or source file', () => {
    for (const path of [
      'LICENSE',
      'README.md',
      'docs/spec.md',
      'docs/rules/README.md',
      'schemas/ivrflow.schema.json',
      'bin/ivrflow.js',
      'bin/package.json',
      'dist/bundle-loader.cjs',
      'dist/ivrflow.cjs',
    ])
      expect(existsSync(join(installed, path)), path).toBe(true);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['private']).toBeUndefined();
    expect(manifest['license']).toBe('MIT');
    expect(manifest['repository']).toMatchObject({ url: 'git+https://github.com/ivrflow/ivrflow.git' });
  });

  it('init writes the starter files once, then validate, generate, generate --check and test pass there', async () => {
    const init = await npx(['init']);
    expect(init.exitCode).toBe(0);
    for (const path of [
      'flows/identity-promotion.yaml',
      'flows/identity-promotion.test.yaml',
      'flows/identity-promotion.mock.yaml',
      'ivrflow.config.yaml',
      '.github/workflows/ivrflow.yml',
    ])
      expect(init.stderr).toContain(`wrote ${path}`);
    expect(init.stderr).toContain('npx ivrflow mock flows/identity-promotion.yaml --fixtures flows/identity-promotion.mock.yaml');
    expect(init.stderr).toContain('npx ivrflow test flows/identity-promotion.yaml --endpoint verifyIdentity=http://127.0.0.1:');
    const flow = join(project, 'flows/identity-promotion.yaml');
    writeFileSync(flow, `${readFileSync(flow, 'utf8')}# edited by the team\n`);
    const again = await npx(['init']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('kept  flows/identity-promotion.yaml');
    expect(readFileSync(flow, 'utf8')).toContain('# edited by the team');

    expect((await npx(['validate', 'flows'])).exitCode).toBe(0);
    expect((await npx(['validate', 'flows', '--env', 'ivrflow.env.example.yaml'])).exitCode).toBe(0);
    expect((await npx(['generate', 'flows', '--out', 'generated', '--env', 'ivrflow.env.example.yaml'])).exitCode).toBe(0);
    expect(readdirSync(join(project, 'generated/identity-promotion'))).toContain('manifest.json');
    expect((await npx(['generate', 'flows', '--out', 'generated', '--env', 'ivrflow.env.example.yaml', '--check'])).exitCode).toBe(0);
    const tested = await npx(['test', 'flows']);
    expect(tested.exitCode, tested.stdout).toBe(0);
    expect(tested.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it("the mock, fed init's fixtures, serves the starter flow, and test --endpoint passes against it", async () => {
    const token = { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: 'dev-token' };
    // As the "Next" steps say, on a free port instead of 8080; through the installed bin, which npx runs,
    // but directly, so that Ctrl-C (SIGINT) reaches it and not an npm process in between.
    const bin = join(project, 'node_modules', '.bin', 'ivrflow');
    const mock = execa(bin, ['mock', 'flows/identity-promotion.yaml', '--fixtures', 'flows/identity-promotion.mock.yaml', '--port', '0'], {
      cwd: project,
      reject: false,
      env: { NO_COLOR: '1', ...token },
      extendEnv: true,
      buffer: false,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        mock.stderr.setEncoding('utf8');
        mock.stderr.on('data', (chunk: string) => {
          text += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
          if (match) resolve(match[1]!);
        });
        mock.once('exit', () => reject(new Error(`the mock exited: ${text}`)));
      });
      const live = await execa(
        'npx',
        ['--no', '--', 'ivrflow', 'test', 'flows/identity-promotion.yaml', '--endpoint', `verifyIdentity=${url}/api/v1/auth/verify`],
        {
          cwd: project,
          reject: false,
          env: { NO_COLOR: '1', ...token },
          extendEnv: true,
        },
      );
      outputs.push({ command: 'test --endpoint', text: `${live.stdout}\n${live.stderr}` });
      expect(live.exitCode, live.stdout).toBe(0);
      expect(live.stdout).toContain('✓ platinum customer, right code first time');
      expect(live.stdout).toMatch(/\d+ scenarios in 1 flow: \d+ passed, 0 failed, \d+ not run/);
      expect(live.stdout).not.toContain('dev-token');
    } finally {
      mock.kill('SIGINT');
    }
    const stopped = await mock;
    expect(stopped.exitCode).toBe(0);
  });

  it('the modelines point at the installed schemas, relative to each file', () => {
    for (const [file, schema] of [
      ['flows/identity-promotion.yaml', 'schemas/ivrflow.schema.json'],
      ['flows/identity-promotion.test.yaml', 'schemas/ivrflow-test.schema.json'],
    ] as const) {
      const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(project, file), 'utf8'));
      expect(modeline?.[1]).toBe(`../node_modules/ivrflow/${schema}`);
      expect(existsSync(resolve(project, dirname(file), modeline![1]!))).toBe(true);
    }
  });

  it('the workflow it writes is a valid GitHub workflow that runs what the README promises', () => {
    const workflow = parse(readFileSync(join(project, '.github/workflows/ivrflow.yml'), 'utf8')) as unknown;
    expect(vendorSchemaValidator('schemastore/github-workflow.json')(workflow)).toEqual([]);
    const runs = JSON.stringify(workflow);
    expect(runs).toContain('ivrflow validate flows --format sarif --output-file ivrflow.sarif');
    expect(runs).toContain('github/codeql-action/upload-sarif');
    expect(runs).toContain('ivrflow generate flows --out generated --env ivrflow.env.example.yaml --check');
    expect(runs).toContain('ivrflow test flows --format junit');
  });

  it('rules, --help and a SARIF report work from the installed package', async () => {
    const rules = await npx(['rules']);
    expect(rules.exitCode).toBe(0);
    expect(rules.stdout).toContain('no-sensitive-leak');
    for (const command of [[], ['init'], ['validate'], ['generate'], ['test'], ['rules']]) {
      const help = await npx([...command, '--help']);
      expect(help.exitCode, command.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: ivrflow');
    }
    expect((await npx(['validate', 'flows', '--format', 'sarif', '--output-file', 'ivrflow.sarif'])).exitCode).toBe(0);
    const sarif = JSON.parse(readFileSync(join(project, 'ivrflow.sarif'), 'utf8')) as unknown;
    expect(vendorSchemaValidator('schemastore/sarif-2.1.0.json')(sarif)).toEqual([]);
    outputs.push({ command: 'ivrflow.sarif', text: JSON.stringify(sarif) });
  });

  it('an empty spec and a missing scenario file give hints that name only what the user has', async () => {
    writeFileSync(join(project, 'empty.yaml'), '');
    expect((await npx(['validate', 'empty.yaml'])).exitCode).toBe(1);
    writeFileSync(join(project, 'lonely.yaml'), readFileSync(join(project, 'flows/identity-promotion.yaml')));
    expect((await npx(['test', 'lonely.yaml'])).exitCode).toBe(1);
  });

  it('no output, and no file init wrote, names a file the package does not have', () => {
    const written = [
      'flows/identity-promotion.yaml',
      'flows/identity-promotion.test.yaml',
      'flows/identity-promotion.mock.yaml',
      'ivrflow.config.yaml',
      '.github/workflows/ivrflow.yml',
    ];
    const texts = [
      ...outputs,
      ...written.map((file) => ({ command: file, text: readFileSync(join(project, file), 'utf8') })),
      ...(readdirSync(join(project, 'generated'), { recursive: true, withFileTypes: true }) as Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => ({ command: join(entry.parentPath, entry.name), text: readFileSync(join(entry.parentPath, entry.name), 'utf8') })),
    ];
    expect(texts.length).toBeGreaterThan(20);
    const missing = texts.flatMap(({ command, text }) => namedFilesMissing(text, project).map((name) => `${command}: ${name}`));
    expect(missing).toEqual([]);
  });
});
