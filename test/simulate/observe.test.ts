import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { observe, TIMESTAMP_STAND_IN } from '../../src/simulate/run/observe.js';
import { Recorder, type CallData } from '../../src/targets/engine-contract.js';

/**
 * `observe` normalizes each request body in place where it can (observe.ts): it must give what
 * the plain definition gives, a sorted copy of every object with the call's time replaced.
 */
const CALL: CallData = { ani: '+15550100', dnis: '+18005550100', id: 'c-1', timestamp: '2026-01-15T14:30:00Z' };
const TIMES = ['2026-01-15T14:30:00Z', '2026-01-15T14:30:00.000Z', 'Thu, 15 Jan 2026 14:30:00 GMT'];

function definition(value: unknown): unknown {
  if (typeof value === 'string') return TIMES.includes(value) ? TIMESTAMP_STAND_IN : value;
  if (Array.isArray(value)) return value.map(definition);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, definition(item)]),
    );
  return value;
}

const json = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1.5, '', 'a', ...TIMES),
    fc.string(),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'B', '_', '10', '2', '__proto__', 'timestamp', 'é'), tie('any'), { maxKeys: 5 }),
  ),
})).any;

/** Header names sorted, `__proto__` among them (a header object is the engine's plain record). */
const HEADERS: Record<string, string> = JSON.parse('{"b":"1","__proto__":"3","a":"2"}');

function observedBody(body: string): unknown {
  const recorder = new Recorder();
  recorder.request({ endpoint: 'e', method: 'POST', url: 'u', headers: HEADERS, body, timeoutSeconds: 5 });
  const [event] = observe(recorder, CALL);
  if (event?.observation.kind !== 'request') throw new Error('no request observed');
  expect(JSON.stringify(event.observation.request.headers)).toBe('{"__proto__":"3","a":"2","b":"1"}');
  return event.observation.request.body;
}

describe('observe', () => {
  it('normalizes a JSON body as the definition does: keys sorted, the call time replaced', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        const observed = observedBody(text);
        const expected = definition(JSON.parse(text));
        expect(observed).toStrictEqual(expected);
        expect(JSON.stringify(observed)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 3000, seed: 25 },
    );
  });

  it('keeps a body that is not JSON as text', () => {
    expect(observedBody('a=1&b=2')).toBe('a=1&b=2');
  });
});
