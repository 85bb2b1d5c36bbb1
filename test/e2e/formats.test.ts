import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT, readRepoFile } from '../helpers/fixtures.js';
import { vendorSchemaValidator } from '../helpers/vendor-schemas.js';
import { failingTestFolder } from '../helpers/test-folders.js';

/**
 * Every machine format ivrflow writes, checked by the outside: SARIF against the OASIS SARIF 2.1.0
 * schema, the JSON report against its published schema, JUnit against the strict Ant XSD and the
 * one Jenkins reads; and each format's bytes against a reviewed golden (times and host normalised).
 */
const GOLDEN = join(ROOT, 'test/golden/formats');

/** A folder with the example flow made wrong in two ways: a short HTTP timeout and a credential gather that is not sensitive. */
function badFlowFolder(): string {
  const dir = tempDir();
  const text = readRepoFile('flows/identity-promotion.yaml')
    .replace(/^ {4}timeoutSeconds: 1\d$/gm, '    timeoutSeconds: 3')
    .replaceAll('sensitive: true', 'sensitive: false');
  writeFileSync(join(dir, 'bad.yaml'), text);
  return dir;
}

async function xsdErrors(xml: string, xsd: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'schema.xsd', contents: readRepoFile(`test/vendor/junit/${xsd}`) }],
  });
  return result.errors.map((error) => error.rawMessage);
}

function normaliseJunit(xml: string): string {
  return xml
    .replace(/ time="\d+\.\d{3}"/g, ' time="0.000"')
    .replace(/ timestamp="[^"]+"/g, ' timestamp="2026-01-01T00:00:00"')
    .replace(/ hostname="[^"]+"/g, ' hostname="host"');
}

describe('report formats', () => {
  it('SARIF: schema-valid, relative to --base, fingerprinted by spec path, credential rules ranked as security', async () => {
    const dir = badFlowFolder();
    const result = await ivrflow(['validate', join(dir, 'bad.yaml'), '--format', 'sarif', '--base', dir]);
    expect(result.exitCode).toBe(1);
    const sarif = JSON.parse(result.stdout) as SarifLog;
    expect(vendorSchemaValidator('schemastore/sarif-2.1.0.json')(sarif)).toEqual([]);
    const run = sarif.runs[0]!;
    // An absolute input inside --base becomes a relative URI (SARIF1004), not file:///tmp/...
    for (const item of run.results)
      expect(item.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'bad.yaml', uriBaseId: '%SRCROOT%' });
    const gather = run.tool.driver.rules.find((rule) => rule.id === 'rule/sensitive-gather')!;
    expect(gather.properties).toEqual({ tags: ['security', 'credential'], 'security-severity': '8.0' });
    expect(gather.help.markdown).toContain('# sensitive-gather');
    expect(gather.help.markdown).not.toMatch(/\]\((?!https:)/);
    expect(run.tool.driver.rules.find((rule) => rule.id === 'rule/http-timeout')!.properties).toBeUndefined();
    await expect(result.stdout.replace(/"version": "[^"]+"/, '"version": "x"')).toMatchFileSnapshot(join(GOLDEN, 'validate.sarif'));

    // Lines added above a problem move it, but its fingerprint stays: code scanning keeps the same alert.
    writeFileSync(join(dir, 'bad.yaml'), `# a comment\n# another\n${readFileSync(join(dir, 'bad.yaml'), 'utf8')}`);
    const moved = JSON.parse((await ivrflow(['validate', 'bad.yaml', '--format', 'sarif'], { cwd: dir })).stdout) as SarifLog;
    const prints = (log: SarifLog) => log.runs[0]!.results.map((item) => item.partialFingerprints);
    expect(prints(moved)).toEqual(prints(sarif));
    expect(moved.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(
      run.results[0]!.locations[0]!.physicalLocation.region.startLine + 2,
    );
  });

  it('SARIF: a file outside --base keeps an absolute file URI instead of a ../ path', async () => {
    const dir = badFlowFolder();
    const inner = join(dir, 'repo');
    mkdirSync(inner);
    const sarif = JSON.parse((await ivrflow(['validate', '../bad.yaml', '--format', 'sarif'], { cwd: inner })).stdout) as SarifLog;
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: `file://${join(dir, 'bad.yaml')}` });
  });

  it('JSON: a versioned document valid against schemas/ivrflow-report.schema.json, with messageId on rule diagnostics', async () => {
    const dir = badFlowFolder();
    const result = await ivrflow(['validate', 'bad.yaml', '--format', 'json'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { version: number; diagnostics: { code: string; messageId: string | null }[] };
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
      JSON.parse(readRepoFile('schemas/ivrflow-report.schema.json')) as object,
    );
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.version).toBe(1);
    const rules = report.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('rule/'));
    expect(rules.length).toBeGreaterThan(0);
    for (const diagnostic of rules) expect(diagnostic.messageId).toMatch(/^\w+$/);
    await expect(result.stdout.replace(/"version": "\d[^"]*"/, '"version": "x"')).toMatchFileSnapshot(join(GOLDEN, 'validate.json'));
  });

  it('stylish and github: goldens', async () => {
    const dir = badFlowFolder();
    for (const format of ['stylish', 'github']) {
      const result = await ivrflow(['validate', 'bad.yaml', '--format', format], { cwd: dir });
      expect(result.exitCode).toBe(1);
      await expect(result.stdout).toMatchFileSnapshot(join(GOLDEN, `validate.${format}.txt`));
    }
  });

  it('JUnit: valid against the Ant and Jenkins schemas, one case per engine run, skips as <skipped>', async () => {
    const dir = failingTestFolder();
    const result = await ivrflow(['test', 'flow.yaml', 'lonely.yaml', '--format', 'junit'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(await xsdErrors(result.stdout, 'ant-junit.xsd')).toEqual([]);
    expect(await xsdErrors(result.stdout, 'jenkins-junit-10.xsd')).toEqual([]);
    expect(result.stdout).toMatch(
      /<testcase classname="flow.test.yaml" name="no agent can take the call \[cxone\]" time="0.000">\n {6}<skipped message="/,
    );
    expect(result.stdout).toMatch(/<testsuite name="flow.test.yaml" [^>]*tests="54" failures="3" errors="0" skipped="6" time="\d+\.\d{3}"/);
    await expect(normaliseJunit(result.stdout)).toMatchFileSnapshot(join(GOLDEN, 'test.junit.xml'));
  });

  it('the XSD check is a real judge: it rejects a report without the attributes Ant requires', async () => {
    const dir = failingTestFolder();
    const result = await ivrflow(['test', 'flow.yaml', '--format', 'junit', '--engines', 'spec'], { cwd: dir });
    expect(await xsdErrors(result.stdout.replace(/ timestamp="[^"]+"/, ''), 'ant-junit.xsd')).not.toEqual([]);
  });

  it('test JSON and stylish count skips and never pass a scenario that ran nowhere', async () => {
    const dir = failingTestFolder();
    const json = await ivrflow(['test', 'flow.yaml', '--format', 'json', '--scenario', 'no agent', '--engines', 'cxone'], { cwd: dir });
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.stdout) as {
      summary: Record<string, number>;
      flows: { scenarios: { outcome: string; passed: boolean }[] }[];
    };
    expect(report.summary).toMatchObject({ scenarios: 3, passed: 0, failed: 0, notRun: 3, runs: 0, skippedRuns: 3 });
    expect(report.flows[0]!.scenarios.map((scenario) => [scenario.outcome, scenario.passed])).toEqual([
      ['not-run', false],
      ['not-run', false],
      ['not-run', false],
    ]);
    const stylish = await ivrflow(['test', 'flow.yaml', '--scenario', 'no agent', '--engines', 'cxone'], { cwd: dir });
    expect(stylish.stdout).toContain('3 scenarios in 1 flow: 0 passed, 0 failed, 3 not run (0 engine runs, 3 skipped)');
    expect(stylish.stdout).toContain('Nothing was tested');

    const some = await ivrflow(['test', 'flow.yaml', '--scenario', 'no agent'], { cwd: dir });
    expect(some.exitCode).toBe(0);
    expect(some.stdout).toContain('3 passed, 0 failed (3 engine runs, 6 skipped)');
    const strict = await ivrflow(['test', 'flow.yaml', '--scenario', 'no agent', '--fail-on-skip'], { cwd: dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain('6 engine runs were skipped (--fail-on-skip)');
    await expect(some.stdout).toMatchFileSnapshot(join(GOLDEN, 'test.stylish.txt'));
  });
});

describe('--output-file', () => {
  it('writes the whole report to the file, and nothing at all on a usage error', async () => {
    const dir = badFlowFolder();
    const written = await ivrflow(['validate', 'bad.yaml', '--format', 'sarif', '--output-file', 'out.sarif'], { cwd: dir });
    expect(written.exitCode).toBe(1);
    expect(written.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    for (const args of [
      ['validate', 'bad.yaml', '--format', 'sarif', '--output-file', 'usage.sarif', '--config', 'missing.yaml'],
      ['validate', '*.nothing', '--format', 'sarif', '--output-file', 'usage.sarif'],
      ['test', 'bad.yaml', '--format', 'junit', '--output-file', 'usage.xml', '--endpoint', 'nope=http://127.0.0.1:9'],
    ]) {
      const usage = await ivrflow(args, { cwd: dir });
      expect(usage.exitCode, args.join(' ')).toBe(2);
    }
    expect(existsSync(join(dir, 'usage.sarif'))).toBe(false);
    expect(existsSync(join(dir, 'usage.xml'))).toBe(false);
  });

  it('names a file it cannot write as the user wrote it, with exit 2, no stack trace and nothing left behind', async () => {
    const dir = badFlowFolder();
    const failed = await ivrflow(['validate', 'bad.yaml', '--output-file', 'no-such-folder/report.txt'], { cwd: dir });
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr).toContain('Cannot write the output file no-such-folder/report.txt (ENOENT).');
    expect(failed.stderr).not.toContain(dir);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });
});

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string; markdown?: string }; properties?: unknown }[] } };
    results: {
      ruleId: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
    }[];
  }[];
}
