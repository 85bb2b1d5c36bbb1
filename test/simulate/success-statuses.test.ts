import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/pipeline.js';
import { createEngine } from '../../src/simulate/engines.js';
import { runScenarios } from '../../src/simulate/run/run-scenarios.js';
import { loadScenarioFile } from '../../src/simulate/scenario/load.js';
import { readRepoFile } from '../helpers/fixtures.js';

/** `response: { successStatuses }` (spec 1.1): the golden case cxone-success-statuses and its scenarios. */
const CASE = 'test/cases/cxone-success-statuses';
const spec = readRepoFile(`${CASE}/spec.yaml`);

describe('response: { successStatuses }', () => {
  it('takes onSuccess on a listed status and onFailure on an unlisted 2xx, on the spec and CXone engines', async () => {
    const compiled = await compileSpec('spec.yaml', Buffer.from(spec), { targets: ['cxone'] });
    const flow = { graph: compiled.graph!, artifacts: compiled.artifacts! };
    const loaded = loadScenarioFile('spec.test.yaml', Buffer.from(readRepoFile(`${CASE}/spec.test.yaml`)), flow.graph);
    expect(loaded.diagnostics).toEqual([]);
    const engines = await Promise.all((['spec', 'cxone'] as const).map((engine) => createEngine(engine, flow)));
    const { scenarios, coverage } = await runScenarios(flow, engines, loaded.scenarios!);
    expect(scenarios.map((result) => ({ name: result.name, ran: result.ran, failures: result.failures }))).toEqual(
      loaded.scenarios!.map((scenario) => ({ name: scenario.name, ran: ['spec', 'cxone'], failures: [] })),
    );
    expect(coverage!.transitions.missed).not.toContain('book.onFailure -> notBooked');
  });

  it('is refused for Genesys at the listed statuses, which a data action cannot tell apart', async () => {
    const result = await compileSpec('spec.yaml', Buffer.from(spec), { targets: ['genesys'] });
    expect(result.artifacts).toBeUndefined();
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => [diagnostic.code, diagnostic.path.join('.')])).toEqual([
      ['target/unsupported', 'endpoints.requestCallback.response.successStatuses'],
    ]);
    expect(errors[0]!.hint).toContain('response: none');
  });

  it('keeps plain `response: none` a success on any 2xx', async () => {
    const text = spec.replace('response: { successStatuses: [202, 204] }', 'response: none');
    const compiled = await compileSpec('spec.yaml', Buffer.from(text), {});
    const flow = { graph: compiled.graph!, artifacts: compiled.artifacts! };
    const loaded = loadScenarioFile(
      'none.test.yaml',
      Buffer.from(`ivrflowTest: 1
scenarios:
  - name: a 200 is a success
    endpoints: { requestCallback: { status: 200, body: "" } }
    expect: { disconnect: true, prompts: [welcome, booked] }
`),
      flow.graph,
    );
    const engines = await Promise.all((['spec', 'genesys', 'cxone'] as const).map((engine) => createEngine(engine, flow)));
    const { scenarios } = await runScenarios(flow, engines, loaded.scenarios!);
    expect(scenarios[0]!.failures).toEqual([]);
  });
});
