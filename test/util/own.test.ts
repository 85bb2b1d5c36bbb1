import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordOf } from '../../src/util/own.js';

describe('recordOf', () => {
  it('builds what Object.fromEntries builds from the same pairs: order, repeated keys, integer-like keys', () => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10', '1', 'a', 'b'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 8 }), (pairs) => {
        const built = recordOf(
          pairs,
          ([name]) => name,
          ([, value]) => value,
        );
        const expected = Object.fromEntries(pairs);
        expect(Object.keys(built)).toEqual(Object.keys(expected));
        expect(JSON.stringify(built)).toBe(JSON.stringify(expected));
        expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
      }),
      { numRuns: 500, seed: 20_261_203 },
    );
  });

  it('keeps a `__proto__` name as an own key, not the prototype', () => {
    const built = recordOf(
      ['__proto__', 'x'],
      (name) => name,
      () => ({ polluted: true }),
    );
    expect(Object.hasOwn(built, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(JSON.stringify(built)).toBe('{"__proto__":{"polluted":true},"x":{"polluted":true}}');
  });
});
