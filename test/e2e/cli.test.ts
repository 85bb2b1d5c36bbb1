import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { readRepoFile } from '../helpers/fixtures.js';

const EXAMPLE = 'flows/identity-promotion.yaml';
/** The CXone script needs every placeholder filled (docs/cxone.md); the examples' values. */
const EXAMPLE_ENV = ['--env', join(process.cwd(), 'flows/environments/example.yaml')];

describe('ivrflow CLI', () => {
  it('prints its version and help', async () => {
    const version = await ivrflow(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readRepoFile('package.json')).version);
    for (const command of [[], ['validate'], ['generate']]) {
      const help = await ivrflow([...command, '--help']);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain('Usage: ivrflow');
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await ivrflow(['frobnicate'])).exitCode).toBe(2);
    expect((await ivrflow(['validate'])).exitCode).toBe(2);
    expect((await ivrflow(['validate', EXAMPLE, '--format', 'xml'])).exitCode).toBe(2);
    expect((await ivrflow(['generate', EXAMPLE])).exitCode).toBe(2);
    expect((await ivrflow(['generate', EXAMPLE, '--out', tempDir(), '--target', 'amazon'])).exitCode).toBe(2);
  });

  it('validates every example flow clean', async () => {
    const flows = readdirSync(join(process.cwd(), 'flows'))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => `flows/${file}`);
    const result = await ivrflow(['validate', ...flows]);
    expect(result.stdout).toContain('no problems');
    expect(result.exitCode).toBe(0);
  });

  it('reports errors at file:line:column with a code frame and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readRepoFile(EXAMPLE).replace('    timeoutSeconds: 10\n', '    timeoutSecond: 10\n'));
    const result = await ivrflow(['validate', 'bad.yaml'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^bad\.yaml:\d+:5 error schema\/unknown-key/m);
    expect(result.stdout).toContain('Did you mean `timeoutSeconds`?');
    expect(result.stdout).toContain('^^^^^^^^^^^^^');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('colours only when asked: NO_COLOR by default in tests, FORCE_COLOR=1 turns it on', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readRepoFile(EXAMPLE).replace('next: verifyOtp', 'next: verifyOpt'));
    expect((await ivrflow(['validate', 'bad.yaml'], { cwd: dir })).stdout).not.toContain('\u001b[');
    expect((await ivrflow(['validate', 'bad.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
  });

  it('prints machine-readable JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), readRepoFile(EXAMPLE).replace('next: verifyOtp', 'next: verifyOpt'));
    const result = await ivrflow(['validate', '--format', 'json', 'bad.yaml'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as {
      version: number;
      diagnostics: { code: string; line: number; column: number; file: string }[];
    };
    expect(report.version).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ file: 'bad.yaml', code: 'ref/unknown-step', column: 11 });
  });

  describe('hostile input never crashes', () => {
    const cases: [string, string | Buffer, number, string][] = [
      ['empty.yaml', '', 1, 'input/empty'],
      ['binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00]), 1, 'input/binary'],
      ['bomb.yaml', billionLaughs(), 1, 'yaml/alias-limit'],
      ['huge.yaml', `ivrflow: 1\ndescription: "${'x'.repeat(10 * 1024 * 1024)}"\n`, 1, 'input/too-large'],
      ['proto.yaml', readRepoFile(EXAMPLE).replace('secrets:\n', 'secrets:\n  __proto__: { description: x }\n'), 1, 'yaml/forbidden-key'],
      ['list.yaml', '- a\n- b\n', 1, 'yaml/syntax'],
      ['syntax.yaml', 'ivrflow: 1\nname: [unclosed\n', 1, 'yaml/syntax'],
      ['dupe.yaml', readRepoFile(EXAMPLE).replace('start: greeting\n', 'start: greeting\nstart: greeting\n'), 1, 'yaml/duplicate-key'],
      ['version.yaml', 'ivrflow: 2\nname: x\n', 1, 'schema/version'],
    ];
    it.each(cases)('%s', async (name, contents, exitCode, code) => {
      const dir = tempDir();
      writeFileSync(join(dir, name), contents);
      const result = await ivrflow(['validate', '--format', 'json', name], { cwd: dir });
      expect(result.exitCode).toBe(exitCode);
      const report = JSON.parse(result.stdout) as { diagnostics: { code: string }[] };
      expect(report.diagnostics.map((row) => row.code)).toContain(code);
      expect(result.stderr).toBe('');
    });

    it('a missing file and a folder with no ivrflow file are usage or I/O errors (exit 2)', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'flows'));
      const missing = await ivrflow(['validate', 'nope.yaml'], { cwd: dir });
      expect(missing.exitCode).toBe(2);
      expect(missing.stdout).toContain('nope.yaml error io/not-found');
      const directory = await ivrflow(['validate', 'flows'], { cwd: dir });
      expect(directory.exitCode).toBe(2);
      expect(directory.stdout).toBe('');
      expect(directory.stderr).toContain('No ivrflow files in flows');
    });
  });

  describe('generate', () => {
    it('writes each flow under <out>/<slug>/ with a manifest, deterministically', async () => {
      const out = tempDir();
      const first = await ivrflow(['generate', EXAMPLE, '--out', out, ...EXAMPLE_ENV]);
      expect(first.exitCode).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'identity-promotion/manifest.json'), 'utf8'));
      expect(manifest.spec.file).toBe('identity-promotion.yaml');
      for (const artifact of manifest.artifacts) expect(existsSync(join(out, 'identity-promotion', artifact.path))).toBe(true);
      const before = readFileSync(join(out, 'identity-promotion/manifest.json'), 'utf8');
      await ivrflow(['generate', EXAMPLE, '--out', out, ...EXAMPLE_ENV]);
      expect(readFileSync(join(out, 'identity-promotion/manifest.json'), 'utf8')).toBe(before);
      expect(flowFolders(out)).toEqual(['identity-promotion']);
    });

    it('--check passes on fresh output and fails on stale output without writing', async () => {
      const out = tempDir();
      await ivrflow(['generate', EXAMPLE, '--out', out, ...EXAMPLE_ENV]);
      expect((await ivrflow(['generate', EXAMPLE, '--out', out, '--check', ...EXAMPLE_ENV])).exitCode).toBe(0);
      writeFileSync(join(out, 'identity-promotion/ir.json'), '{}\n');
      const stale = await ivrflow(['generate', EXAMPLE, '--out', out, '--check', ...EXAMPLE_ENV]);
      expect(stale.exitCode).toBe(1);
      expect(stale.stderr).toContain('changed  ir.json');
      expect(readFileSync(join(out, 'identity-promotion/ir.json'), 'utf8')).toBe('{}\n');
    });

    it('a failing spec leaves the previous output untouched', async () => {
      const out = tempDir();
      const dir = tempDir();
      writeFileSync(join(dir, 'flow.yaml'), readRepoFile(EXAMPLE));
      await ivrflow(['generate', 'flow.yaml', '--out', out, ...EXAMPLE_ENV], { cwd: dir });
      const before = readFileSync(join(out, 'identity-promotion/ir.json'), 'utf8');
      writeFileSync(join(dir, 'flow.yaml'), readRepoFile(EXAMPLE).replace('maxAttempts: 3', 'maxAttempts: "3"'));
      const failed = await ivrflow(['generate', 'flow.yaml', '--out', out, ...EXAMPLE_ENV], { cwd: dir });
      expect(failed.exitCode).toBe(1);
      expect(readFileSync(join(out, 'identity-promotion/ir.json'), 'utf8')).toBe(before);
      expect(flowFolders(out)).toEqual(['identity-promotion']);
    });

    it('an --out that is a file is a usage error, not a crash', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'taken'), 'x');
      const result = await ivrflow(['generate', join(process.cwd(), EXAMPLE), '--out', 'taken/sub', ...EXAMPLE_ENV], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('as the output folder');
      expect(result.stderr).not.toContain('internal error');
    });

    it('never writes outside --out, whatever the flow name', async () => {
      const out = tempDir();
      const dir = tempDir();
      writeFileSync(join(dir, 'evil.yaml'), readRepoFile(EXAMPLE).replace('name: Identity Promotion', 'name: "../../etc/passwd"'));
      const result = await ivrflow(['generate', 'evil.yaml', '--out', out, ...EXAMPLE_ENV], { cwd: dir });
      expect(result.exitCode).toBe(0);
      expect(flowFolders(out)).toEqual(['etc-passwd']);
    });
  });
});

/**
 * The flows under --out. Each is a link to its one hidden version folder (src/cli/write-output.ts);
 * anything else there (a staging folder, a second version) fails the test.
 */
function flowFolders(out: string): string[] {
  const entries = readdirSync(out);
  const flows = entries.filter((entry) => !entry.startsWith('.'));
  expect(entries.filter((entry) => entry.startsWith('.')).sort()).toEqual(flows.map((flow) => readlinkSync(join(out, flow))).sort());
  for (const flow of flows) expect(readlinkSync(join(out, flow))).toMatch(new RegExp(`^\\.${flow}\\.v-[0-9a-f]{16}$`));
  return flows;
}

/** A "billion laughs" document: each alias level multiplies the previous by ten. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  return `ivrflow: 1\n${lines.join('\n')}\n`;
}
