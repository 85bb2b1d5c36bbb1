import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuns, type CompletedRun } from '../../src/simulate/run/verdict.js';
import { observe } from '../../src/simulate/run/observe.js';
import { Recorder, type CallData, type EngineLimit } from '../../src/targets/engine-contract.js';

/**
 * compareRuns compares prompts and attributes by their strings and requests structurally
 * (verdict.ts `sameAsReference`): on random runs it must find a divergence exactly where the
 * observations, made comparable for the engine, print different JSON.
 */
const CALL: CallData = { ani: '+15550100', dnis: '+18005550100', id: 'c-1', timestamp: '2026-01-15T14:30:00Z' };
const text = fc.constantFrom('', 'a', 'b', '1', '15', 'a b');
const limitsOf = fc.constantFrom<readonly EngineLimit[]>([], ['bodyValuesAsText', 'wholeSecondTimeouts', 'routeSkills']);

type Event =
  | { kind: 'prompt'; text: string }
  | { kind: 'attribute'; name: string; value: string }
  | { kind: 'request'; url: string; body: string | undefined; timeoutSeconds: number };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('prompt' as const), text }),
  fc.record({ kind: fc.constant('attribute' as const), name: text, value: text }),
  fc.record({
    kind: fc.constant('request' as const),
    url: text,
    body: fc.constantFrom(undefined, 'x', '{"a":1}', '{"a":"1"}', '{"b":true,"a":1}', '{"a":1,"b":"true"}', '[1]'),
    timeoutSeconds: fc.constantFrom(1, 1.5, 2),
  }),
);

function run(events: readonly Event[], limits: readonly EngineLimit[]): CompletedRun {
  const recorder = new Recorder();
  for (const item of events) {
    if (item.kind === 'prompt') recorder.prompt(item.text);
    else if (item.kind === 'attribute') recorder.attribute(item.name, item.value);
    else
      recorder.request({ endpoint: 'e', method: 'POST', url: item.url, headers: {}, body: item.body, timeoutSeconds: item.timeoutSeconds });
  }
  recorder.end({ kind: 'disconnect' });
  return { engine: 'cxone', limits, recorder, events: observe(recorder, CALL) };
}

/** The definition: each observation as JSON, body values as text and timeouts rounded up where the limits say. */
function printed(completed: CompletedRun, limits: readonly EngineLimit[]): string[] {
  return completed.events.map(({ observation }) => {
    if (observation.kind !== 'request' || limits.length === 0) return JSON.stringify(observation);
    const { request } = observation;
    const body =
      request.body !== null && typeof request.body === 'object'
        ? Object.fromEntries(
            Object.entries(request.body).map(([key, value]) => [
              key,
              typeof value === 'number' || typeof value === 'boolean' ? String(value) : value,
            ]),
          )
        : request.body;
    return JSON.stringify({ ...observation, request: { ...request, body, timeoutSeconds: Math.ceil(request.timeoutSeconds) } });
  });
}

describe('compareRuns', () => {
  it('diverges exactly where the comparable observations print different JSON', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 4 }), fc.array(event, { maxLength: 4 }), limitsOf, (left, right, limits) => {
        for (const other of [right, left, [...left, ...right.slice(0, 1)]]) {
          const [reference, actual] = [run(left, []), run(other, limits)];
          const [expected, got] = [printed(reference, limits), printed(actual, limits)];
          const same = expected.length === got.length && expected.every((line, index) => line === got[index]);
          expect(
            compareRuns({ ...reference, engine: 'spec' }, actual, { sensitiveFields: new Set(), promptSteps: { get: () => undefined } }) ===
              undefined,
          ).toBe(same);
        }
      }),
      { numRuns: 3000, seed: 25 },
    );
  });
});
