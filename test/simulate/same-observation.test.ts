import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameObservation, type Observation } from '../../src/simulate/run/observe.js';

/**
 * The judge compares observations structurally instead of printing both as JSON, once per event
 * pair of every run. The verdicts must not change: the comparison is JSON.stringify equality,
 * key order, left-out undefined values and array holes included.
 */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(undefined, null, true, false, 0, -0, 1, Number.NaN, Infinity, '', 'a', '1'),
    fc.string(),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'kind', 'text'), tie('any'), { maxKeys: 4 }),
  ),
})).any;

/** The same value with its objects' keys in another order: equal data, different JSON. */
function reordered(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(reordered);
  if (input !== null && typeof input === 'object')
    return Object.fromEntries(
      Object.entries(input)
        .reverse()
        .map(([key, item]) => [key, reordered(item)]),
    );
  return input;
}

const asObservation = (input: unknown) => input as Observation;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('sameObservation', () => {
  it('agrees with comparing the JSON texts, on random values, copies, reordered copies and variants', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        for (const other of [b, structuredClone(a), reordered(a), { wrap: a }, [a, undefined]])
          expect(sameObservation(asObservation(a), asObservation(other))).toBe(sameJson(a, other));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it('tells apart what differs only in key order, and ignores undefined members as JSON does', () => {
    expect(sameObservation(asObservation({ a: 1, b: 2 }), asObservation({ b: 2, a: 1 }))).toBe(false);
    expect(sameObservation(asObservation({ a: 1, b: undefined }), asObservation({ a: 1 }))).toBe(true);
    expect(sameObservation(asObservation([undefined]), asObservation([null]))).toBe(true);
    expect(sameObservation(asObservation({ kind: 'prompt', text: 'Hi' }), asObservation({ kind: 'prompt', text: 'Hi ' }))).toBe(false);
  });
});
