import { describe, expect, it } from 'vitest';
import {
  PlatformLimit,
  type Engine,
  type EngineLimit,
  type EngineName,
  type Recorder,
  type SimulationInput,
} from '../../src/targets/engine-contract.js';
import { judgeContext, runScenario } from '../../src/simulate/run/run-scenarios.js';
import { loadScenarioFile } from '../../src/simulate/scenario/load.js';
import type { Scenario } from '../../src/simulate/scenario/types.js';
import { createSpecEngine } from '../../src/simulate/reference/engine.js';
import { readRepoFile } from '../helpers/fixtures.js';
import { exampleGraph, graphOf } from './helpers.js';

const graph = exampleGraph('identity-promotion');
const spec = createSpecEngine(graph);
const scenarios = loadScenarioFile(
  'identity-promotion.test.yaml',
  Buffer.from(readRepoFile('flows/identity-promotion.test.yaml')),
  graph,
).scenarios!;
const context = judgeContext({ graph, artifacts: [] });
const named = (name: string): Scenario => scenarios.find((scenario) => scenario.name === name)!;

/** An engine that behaves like the spec engine except for what `change` does to its record. */
function variant(name: EngineName, change: (recorder: Recorder) => void, limits: EngineLimit[] = []): Engine {
  return {
    name,
    limits,
    *run(input: SimulationInput, recorder: Recorder) {
      yield* spec.run(input, recorder);
      change(recorder);
    },
  };
}

function run(engines: Engine[], scenario: Scenario) {
  const result = runScenario(engines, scenario, context);
  if (result instanceof Promise) throw new Error('expected a synchronous run');
  return result;
}

describe('verdicts', () => {
  it('every example scenario passes on the spec engine', () => {
    for (const scenario of scenarios) expect(run([spec], scenario).failures, scenario.name).toEqual([]);
  });

  it('reports a divergence with the engine and the step it happened in', () => {
    const leaky = variant('genesys', (recorder) => {
      const index = recorder.events.findIndex((event) => event.kind === 'attribute' && event.name === 'customer.tier');
      recorder.events.splice(index, 1, { kind: 'attribute', name: 'customer.tier', value: 'gold' });
    });
    const result = run([spec, leaky], named('platinum customer, right code first time'));
    expect(result.failures).toEqual([
      { kind: 'expectation', engine: 'genesys', message: 'expected attribute customer.tier = "platinum", got "gold"' },
      {
        kind: 'divergence',
        engine: 'genesys',
        step: 'promoteIdentity',
        message: 'spec sets attribute customer.tier = "platinum", genesys sets attribute customer.tier = "gold"',
      },
    ]);
  });

  it('compares the request each engine sends, timeout included', () => {
    const slow = variant('cxone', (recorder) => {
      for (const event of recorder.events) if (event.kind === 'request') event.request = { ...event.request, timeoutSeconds: 30 };
    });
    const [failure] = run([spec, slow], named('standard customer, right code first time')).failures;
    expect(failure).toMatchObject({ kind: 'divergence', engine: 'cxone', step: 'verifyOtp' });
    expect(failure!.message).toContain('timeout 15 s');
    expect(failure!.message).toContain('timeout 30 s');
    expect(failure!.message).toContain('auth_value: <sensitive, 6 characters>');
    expect(failure!.message).not.toContain('654321');
  });

  it('compares the end and the attempt counts after the events', () => {
    const priority = variant('cxone', (recorder) => {
      const end = recorder.callEnd!;
      Object.assign(end, { priority: 21 });
    });
    const failures = run([spec, priority], named('standard customer, right code first time')).failures;
    expect(failures.map((failure) => failure.kind)).toEqual(['expectation', 'divergence']);
    expect(failures[1]!.message).toBe('spec ends with route to general at priority 20, cxone with route to general at priority 21');
  });

  it('does not compare skills on an engine that cannot route by them, and skips a call that meets a platform limit', () => {
    const noSkills = variant('cxone', () => undefined, ['routeSkills']);
    const international = exampleGraph('international-otp');
    const internationalScenarios = loadScenarioFile(
      'international-otp.test.yaml',
      Buffer.from(readRepoFile('flows/international-otp.test.yaml')),
      international,
    ).scenarios!;
    const internationalSpec = createSpecEngine(international);
    const stripped: Engine = {
      ...noSkills,
      *run(input, recorder) {
        if (input.transfer === 'fails') throw new PlatformLimit('no failure branch here');
        yield* internationalSpec.run(input, recorder);
        const end = recorder.callEnd;
        if (end?.kind === 'route') Object.assign(end, { skills: [] });
      },
    };
    const internationalContext = judgeContext({ graph: international, artifacts: [] });
    for (const scenario of internationalScenarios) {
      const result = runScenario([internationalSpec, stripped], scenario, internationalContext) as Exclude<
        ReturnType<typeof runScenario>,
        Promise<unknown>
      >;
      expect(result.failures, scenario.name).toEqual([]);
      if (scenario.input.transfer === 'fails') expect(result.skipped).toEqual([{ engine: 'cxone', reason: 'no failure branch here' }]);
      expect(result.ran).toEqual(scenario.input.transfer === 'fails' ? ['spec'] : ['spec', 'cxone']);
    }
  });

  it('turns a missing reply or caller entry into a scenario failure, not a crash', () => {
    const scenario = named('platinum customer, right code first time');
    const noReplies = run([spec], { ...scenario, replies: new Map() });
    expect(noReplies.failures).toEqual([
      {
        kind: 'scenario',
        engine: 'spec',
        message: 'the flow called endpoint verifyIdentity, but the scenario gives it no reply; add one under `endpoints`',
      },
    ]);
    const noKeys = run([spec, variant('genesys', () => undefined)], { ...scenario, input: { ...scenario.input, caller: [] } });
    expect(noKeys.failures).toEqual([
      {
        kind: 'scenario',
        engine: 'spec',
        step: 'collectOtp',
        message: 'the flow reached gather collectOtp but the scenario has no caller entry left; add an entry to `caller`',
      },
    ]);
  });

  it('calls it a divergence when only a vendor engine runs out of caller entries', () => {
    const scenario = named('platinum customer, right code first time');
    const greedy: Engine = {
      name: 'cxone',
      limits: [],
      *run(input, recorder) {
        yield* spec.run({ ...input, caller: [] }, recorder);
      },
    };
    expect(run([spec, greedy], scenario).failures).toEqual([
      {
        kind: 'divergence',
        engine: 'cxone',
        step: 'collectOtp',
        message: 'spec finished the call, but here the flow reached gather collectOtp but the scenario has no caller entry left',
      },
    ]);
  });
});

describe('the stylish report', () => {
  it('never prints a control character from a scenario file', async () => {
    const { renderTestStylish } = await import('../../src/simulate/report/stylish.js');
    const { plainStyle } = await import('../../src/diagnostics/render/style.js');
    const scenario = named('platinum customer, right code first time');
    const hostile = {
      ...scenario,
      name: 'evil \u001b[2J name',
      expect: { ...scenario.expect!, attributes: { 'customer.id': 'x\u001b]0;pwned\u0007' } },
    };
    const result = run([spec], hostile);
    const text = renderTestStylish(
      [
        {
          spec: 'f.yaml',
          scenarioFile: 'f.test.yaml',
          flowName: 'F',
          engines: ['spec'],
          diagnostics: [],
          engineErrors: [],
          positions: new Map(),
          result: { scenarios: [result] },
        },
      ],
      new Map(),
      plainStyle,
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text).toContain('evil \u241b[2J name');
    expect(text).toContain('expected attribute customer.id = "x\\u001b]0;pwned\\u0007", got "C-1001"');
  });
});

describe('platform limits in the comparison', () => {
  it('compares timeouts rounded up for an engine whose platform has whole seconds only', () => {
    const fractional = graphOf(readRepoFile('flows/identity-promotion.yaml').replace('timeoutSeconds: 15', 'timeoutSeconds: 12.5'));
    const fractionalSpec = createSpecEngine(fractional);
    const rounding = (limits: EngineLimit[]): Engine => ({
      name: 'cxone',
      limits,
      *run(input, recorder) {
        yield* fractionalSpec.run(input, recorder);
        for (const event of recorder.events)
          if (event.kind === 'request') event.request = { ...event.request, timeoutSeconds: Math.ceil(event.request.timeoutSeconds) };
      },
    });
    const scenario = named('standard customer, right code first time');
    const fractionalContext = judgeContext({ graph: fractional, artifacts: [] });
    const judged = (engine: Engine) =>
      runScenario([fractionalSpec, engine], scenario, fractionalContext) as Exclude<ReturnType<typeof runScenario>, Promise<unknown>>;
    expect(judged(rounding(['wholeSecondTimeouts'])).failures).toEqual([]);
    expect(judged(rounding([])).failures.map((failure) => failure.kind)).toEqual(['divergence']);
  });
});
