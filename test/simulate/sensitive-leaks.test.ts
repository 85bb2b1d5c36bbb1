import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/pipeline.js';
import { createEngine } from '../../src/simulate/engines.js';
import { runScenarios } from '../../src/simulate/run/run-scenarios.js';
import { carries, sensitiveInputs } from '../../src/simulate/run/sensitive-leaks.js';
import { loadScenarioFile } from '../../src/simulate/scenario/load.js';
import { ENGINE_NAMES, Recorder } from '../../src/targets/engine-contract.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { PERSONALISED_PROMPT_FLOW } from './helpers.js';

/** Runs one scenario file on the three engines, as `ivrflow test` does; the failures of each scenario. */
async function failuresOf(flowFile: string, scenarios: string, flowText = readRepoFile(flowFile)) {
  const compiled = await compileSpec(flowFile, Buffer.from(flowText), { placeholders: 'keep' });
  expect(compiled.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const flow = { graph: compiled.graph!, artifacts: compiled.artifacts! };
  const loaded = loadScenarioFile('leaks.test.yaml', Buffer.from(scenarios), flow.graph);
  expect(loaded.diagnostics).toEqual([]);
  const engines = await Promise.all(ENGINE_NAMES.map((engine) => createEngine(engine, flow)));
  const { scenarios: results } = await runScenarios(flow, engines, loaded.scenarios!);
  return results.map((result) => ({ name: result.name, ran: result.ran, failures: result.failures }));
}

const leaks = (failures: readonly { kind: string; engine: string; message: string }[]) =>
  failures.filter((failure) => failure.kind === 'leak').map((failure) => `${failure.engine}: ${failure.message.split(' carries')[0]}`);

describe('the runtime leak check, on the three engines', () => {
  it('fails the call whose verifier answers with the code, which the flow then promotes', async () => {
    const [echo, honest] = await failuresOf(
      'flows/identity-promotion.yaml',
      `ivrflowTest: 1
scenarios:
  - name: echo
    caller: ["123456#"]
    endpoints:
      verifyIdentity: { status: 200, body: { status: success, customer_id: "123456", tier: gold, account_status: active, routing_priority: 5 } }
    expect: { route: { queue: general, priority: 20 } }
  - name: honest
    caller: ["123456#"]
    endpoints:
      verifyIdentity: { status: 200, body: { status: success, customer_id: C-1234567, tier: gold, account_status: active, routing_priority: 5 } }
    expect: { route: { queue: general, priority: 20 } }
`,
    );
    expect(echo!.ran).toEqual([...ENGINE_NAMES]);
    expect(leaks(echo!.failures)).toEqual(ENGINE_NAMES.map((engine) => `${engine}: attribute \`customer.id\``));
    // 1234567 is another number than 123456; and the verifier itself may be sent the code.
    expect(honest!.failures).toEqual([]);
  });

  it('fails the call in which the echoed PIN reaches a request that is not the verifier', async () => {
    const [echo] = await failuresOf(
      'flows/pin-with-summary.yaml',
      `ivrflowTest: 1
scenarios:
  - name: echo
    caller: ["4821#"]
    endpoints:
      verifyPin: { status: 200, body: { status: success, customer_id: "4821", tier: platinum, account_status: active, routing_priority: 90 } }
      accountSummary: { status: 200, body: { status: ok, last_contact_reason: none, open_tickets: 0, summary: none } }
    expect: { route: { queue: gold, priority: 60 } }
`,
    );
    const found = leaks(echo!.failures);
    for (const engine of ENGINE_NAMES) {
      expect(found).toContain(`${engine}: the body of the request to \`accountSummary\``);
      expect(found).toContain(`${engine}: attribute \`customer.id\``);
    }
  });
});

describe('the runtime leak check on a personalised prompt, on the three engines', () => {
  it('fails the call whose verifier echoes the code as the customer id, which a prompt then speaks', async () => {
    const answer = (customerId: string) =>
      `{ status: 200, body: { status: success, customer_id: "${customerId}", tier: gold, account_status: active, routing_priority: 5 } }`;
    const [echo, honest] = await failuresOf(
      'flows/identity-promotion.yaml',
      `ivrflowTest: 1
scenarios:
  - name: echo into the prompt
    caller: ["123456#"]
    endpoints: { verifyIdentity: ${answer('123456')} }
    expect: { route: { queue: general, priority: 20 } }
  - name: honest
    caller: ["123456#"]
    endpoints: { verifyIdentity: ${answer('C-1234567')} }
    expect: { route: { queue: general, priority: 20 } }
`,
      PERSONALISED_PROMPT_FLOW,
    );
    expect(echo!.ran).toEqual([...ENGINE_NAMES]);
    // The prompt is the only place the code reaches: the flow promotes no id.
    expect(leaks(echo!.failures)).toEqual(ENGINE_NAMES.map((engine) => `${engine}: a prompt`));
    expect(echo!.failures.filter((failure) => failure.kind === 'leak').map((failure) => failure.step)).toEqual(
      ENGINE_NAMES.map(() => 'routeByTier'),
    );
    expect(honest!.failures).toEqual([]);
  });
});

describe('carries', () => {
  it.each([
    ['code 123456.', true],
    ['{"customer_id":"123456"}', true],
    ['123456', true],
    ['91234567', false],
    ['1234567', false],
    ['C-123456-9', true],
    ['', false],
  ])('%j holds 123456 as a whole run of digits: %s', (text, expected) => {
    expect(carries(text, ['123456'])).toBe(expected);
  });
});

describe('sensitiveInputs', () => {
  const watch = { sensitiveGathers: new Set(['pin']), verifiers: new Set<string>() };
  const taken = (entries: { gather: string; keys: string }[]) => {
    const recorder = new Recorder();
    for (const { gather, keys } of entries) recorder.input(gather, { kind: 'keys', keys });
    return sensitiveInputs(recorder, watch);
  };

  it('watches each sensitive entry as keyed and as digits, each call its own, short ones not at all', () => {
    for (const _ of [1, 2]) {
      expect(taken([{ gather: 'pin', keys: '1234#' }])).toStrictEqual(['1234']);
      expect(taken([{ gather: 'pin', keys: '12*34*' }])).toStrictEqual(['12*34', '1234']);
      expect(
        taken([
          { gather: 'pin', keys: '123#' },
          { gather: 'menu', keys: '98765' },
        ]),
      ).toStrictEqual([]);
    }
  });

  it('gives the same values for an entry every engine took, whichever run asks first', () => {
    const entry = { kind: 'keys', keys: '5678#' } as const;
    const runs = [new Recorder(), new Recorder()];
    for (const recorder of runs) recorder.input('pin', entry);
    expect(runs.map((recorder) => sensitiveInputs(recorder, watch))).toStrictEqual([['5678'], ['5678']]);
  });
});
