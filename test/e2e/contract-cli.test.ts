import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ivrflow, tempDir } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { compiledExample } from '../contract/helpers.js';
import { DEV_TOKEN, startExampleMock, type StartedMock } from '../contract/mock-helpers.js';

const SPEC = 'flows/identity-promotion.yaml';
const CASES = 'examples/contract/identity-promotion.cases.yaml';
const ENV = { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: DEV_TOKEN };

let good: StartedMock;
let broken: StartedMock;

beforeAll(async () => {
  const flow = await compiledExample('identity-promotion');
  good = await startExampleMock(flow);
  broken = await startExampleMock(flow, [{ kind: 'rename', from: 'status', to: 'statusCode' }, { kind: 'acceptReplay' }]);
});
afterAll(async () => {
  await good.server.close();
  await broken.server.close();
});

const verifyUrl = (mock: StartedMock) => `verifyIdentity=${mock.server.url}/api/v1/auth/verify`;

describe('ivrflow contract', () => {
  it('passes against the correct mock and exits 0', async () => {
    const result = await ivrflow(['contract', SPEC, '--endpoint', verifyUrl(good), '--cases', CASES], { env: ENV });
    expect(result.stdout).toContain('16 cases: 16 passed, 0 failed, 0 skipped; 0 errors, 0 warnings');
    expect(result.exitCode).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(DEV_TOKEN);
  });

  const brokenArgs = () => ['contract', SPEC, '--endpoint', verifyUrl(broken), '--cases', CASES];

  it('finds the renamed status and the accepted replay at their spec lines, exit 1', async () => {
    const args = brokenArgs();
    const stylish = await ivrflow(args, { env: ENV });
    expect(stylish.exitCode).toBe(1);
    expect(stylish.stdout).toContain('flows/identity-promotion.yaml:42:9 error contract/missing-field');
    expect(stylish.stdout).toContain('Did you mean `statusCode`?');
    expect(stylish.stdout).toContain('flows/identity-promotion.yaml:35:23 error contract/replay-accepted');
  });

  it('reports the same findings as json, sarif and junit', { timeout: 60_000 }, async () => {
    const args = brokenArgs();
    const json = JSON.parse((await ivrflow([...args, '-f', 'json'], { env: ENV })).stdout) as {
      diagnostics: { code: string; line: number }[];
    };
    expect(json.diagnostics.map((diagnostic) => `${diagnostic.code}:${diagnostic.line}`).sort()).toEqual([
      'contract/missing-field:42',
      'contract/replay-accepted:35',
    ]);
    const sarif = JSON.parse((await ivrflow([...args, '-f', 'sarif'], { env: ENV })).stdout) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((result) => result.ruleId).sort()).toEqual(['contract/missing-field', 'contract/replay-accepted']);
    const junit = (await ivrflow([...args, '-f', 'junit'], { env: ENV })).stdout;
    expect(junit).toContain('<testcase classname="verifyIdentity" name="contract">');
    expect(junit).toMatch(/failures="[1-9]/);
  });

  it('is a usage error (exit 2) without the token variable, naming it and sending nothing', async () => {
    const result = await ivrflow(['contract', SPEC, '--endpoint', verifyUrl(good)], { env: { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: '' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Set IVRFLOW_SECRET_MIDDLEWARE_TOKEN');
  });

  it('refuses an endpoint name the spec does not have, with a suggestion', async () => {
    const result = await ivrflow(['contract', SPEC, '--endpoint', 'verifyIdentiy=http://127.0.0.1:9/'], { env: ENV });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Did you mean `verifyIdentity`?');
  });

  it('runs a bounded load and prints throughput and percentiles', async () => {
    const result = await ivrflow(
      ['contract', SPEC, '--endpoint', verifyUrl(good), '--cases', CASES, '--requests', '40', '--concurrency', '4'],
      { env: ENV },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/load: 40 requests at concurrency 4 in [\d.]+ s: \d+\/s, p50 [\d.]+ ms, p99 [\d.]+ ms \(40× 200\)/);
  });
});

describe('ivrflow contract against a verifier that echoes the credential (loopback)', () => {
  const echo = [{ kind: 'echoCredential' as const, field: 'customer_id' }];

  it('fails the run whose promoted attribute carries the credential, at the endpoint, exit 1', async () => {
    const mock = await startExampleMock(await compiledExample('identity-promotion'), echo);
    try {
      const result = await ivrflow(['contract', SPEC, '--endpoint', verifyUrl(mock), '--cases', CASES], { env: ENV });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(
        /flows\/identity-promotion\.yaml:\d+:3 error contract\/credential-leak {2}Security: after `verifyIdentity` answered the valid request, attribute `customer\.id` carries a value the caller keyed/,
      );
      expect(result.stdout).toContain('error contract/echoes-credential');
      // The report names where, never what: the keyed code is not printed.
      expect(result.stdout + result.stderr).not.toContain('123456');
    } finally {
      await mock.server.close();
    }
  });

  it('fails the run that sends the echoed credential on to a non-verifying endpoint', async () => {
    const spec = 'flows/pin-with-summary.yaml';
    const mock = await startExampleMock(await compiledExample('pin-with-summary'), echo);
    const cases = join(tempDir(), 'cases.yaml');
    writeFileSync(cases, "ivrflowContract: 1\nendpoints:\n  verifyPin:\n    call: { ani: '+15550100100' }\n    credential: '123456'\n");
    try {
      const result = await ivrflow(['contract', spec, '--endpoint', `verifyPin=${mock.server.url}/api/v1/auth/verify`, '--cases', cases], {
        env: ENV,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(
        /error contract\/credential-leak {2}Security: after `verifyPin` answered the valid request, the body of the request to `accountSummary` carries/,
      );
      expect(result.stdout).toMatch(/attribute `customer\.id` carries/);
    } finally {
      await mock.server.close();
    }
  });

  it('passes the same flows against the mock that does not echo', async () => {
    const result = await ivrflow(['contract', SPEC, '--endpoint', verifyUrl(good), '--cases', CASES, '-f', 'json'], { env: ENV });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('credential-leak');
  });
});

describe('ivrflow test --endpoint against the mock', () => {
  it('passes every scenario that can run live and skips, never passes, the ones that need a canned reply', async () => {
    const result = await ivrflow(['test', SPEC, '--endpoint', verifyUrl(good)], { env: ENV });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('18 scenarios in 1 flow: 11 passed, 0 failed, 7 not run');
    expect(result.stdout).toContain(
      '- the middleware answers 500 (not run on any engine) (not on spec, genesys, cxone: needs a canned reply from verifyIdentity (HTTP 500)',
    );
  });

  it('names a refused connection', async () => {
    const flow = await compiledExample('identity-promotion');
    const closed = await startExampleMock(flow);
    await closed.server.close();
    const result = await ivrflow(['test', SPEC, '--endpoint', verifyUrl(closed), '--scenario', 'platinum customer', '--engines', 'spec'], {
      env: ENV,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /\[endpoint\] verifyIdentity: no connection to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth\/verify \(ECONNREFUSED\)/,
    );
  });
});

describe('ivrflow mock', () => {
  it('serves until SIGTERM, writes the audit log without credentials, and stops cleanly', async () => {
    const dir = tempDir();
    const audit = join(dir, 'audit.jsonl');
    const child = execa(
      'node',
      [BIN, 'mock', SPEC, '--port', '0', '--fixtures', 'examples/contract/identity-promotion.mock.yaml', '--audit', audit],
      {
        cwd: ROOT,
        env: { NO_COLOR: '1', ...ENV },
        reject: false,
      },
    );
    const url = await new Promise<string>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match) resolve(match[1]!);
      });
    });
    const result = await ivrflow(['contract', SPEC, '--endpoint', `verifyIdentity=${url}/api/v1/auth/verify`, '--cases', CASES], {
      env: ENV,
    });
    expect(result.exitCode).toBe(0);
    child.kill('SIGTERM');
    const stopped = await child;
    expect(stopped.exitCode).toBe(0);
    expect(stopped.stderr).toContain('ivrflow mock: stopped');
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string });
    expect(lines.filter((line) => line.event === 'promotion')).toHaveLength(2);
    expect(readFileSync(audit, 'utf8')).not.toMatch(/123456|111111/);
  });

  it('refuses to start without a development token', async () => {
    const result = await ivrflow(['mock', SPEC, '--port', '0'], { env: { IVRFLOW_SECRET_MIDDLEWARE_TOKEN: '' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Set IVRFLOW_SECRET_MIDDLEWARE_TOKEN to a development token');
  });
});

describe('ivrflow openapi', () => {
  it('writes the document to --out, YAML or JSON by extension', async () => {
    const dir = tempDir();
    expect((await ivrflow(['openapi', SPEC, '--out', join(dir, 'contract.json')])).exitCode).toBe(0);
    const document = JSON.parse(readFileSync(join(dir, 'contract.json'), 'utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    const yaml = await ivrflow(['openapi', SPEC]);
    expect(yaml.stdout).toMatch(/^openapi: 3\.1\.0\n/);
  });

  it('describes only the --target vendors, so a spec Genesys refuses has a contract for CXone', async () => {
    const spec = 'test/cases/cxone-success-statuses/spec.yaml';
    const both = await ivrflow(['openapi', spec]);
    expect(both.exitCode).toBe(1);
    expect(both.stdout).toContain('target/unsupported');
    const cxone = await ivrflow(['openapi', spec, '--target', 'cxone']);
    expect(cxone.exitCode).toBe(0);
    expect(cxone.stdout).toContain('"202":');
    expect(cxone.stdout).not.toContain('request.genesys');
  });
});
