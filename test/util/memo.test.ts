import { describe, expect, it } from 'vitest';
import { loadOnce, memoizeByObject, memoizeByString, memoizeForLast } from '../../src/util/memo.js';

describe('memoizeByString', () => {
  it('computes each key once and answers later asks from the memo', () => {
    const asked: string[] = [];
    const length = memoizeByString((key) => {
      asked.push(key);
      return key.length;
    });
    expect([length('ab'), length('abc'), length('ab')]).toEqual([2, 3, 2]);
    expect(asked).toEqual(['ab', 'abc']);
  });

  it('remembers an undefined answer too', () => {
    let calls = 0;
    const nothing = memoizeByString((): string | undefined => {
      calls += 1;
      return undefined;
    });
    nothing('x');
    nothing('x');
    expect(calls).toBe(1);
  });

  it('empties itself at the limit, so a long batch cannot grow it without bound', () => {
    const asked: string[] = [];
    const echo = memoizeByString((key) => {
      asked.push(key);
      return key;
    }, 2);
    for (const key of ['a', 'b', 'c', 'a']) echo(key);
    // 'c' found the memo full (a, b) and emptied it, so 'a' is computed again.
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('loadOnce', () => {
  it('loads on the first ask only and hands every later ask the same module', async () => {
    let loads = 0;
    const module = { name: 'emitter' };
    const load = loadOnce(() => {
      loads += 1;
      return Promise.resolve(module);
    });
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([load(), load()]);
    expect(await load()).toBe(module);
    expect([first, second]).toEqual([module, module]);
    expect(loads).toBe(1);
  });
});

describe('memoizeByObject', () => {
  it('computes once per object, by identity, and remembers a false or undefined answer too', () => {
    const asked: object[] = [];
    const first = { size: 1 };
    const equal = { size: 1 };
    const isEmpty = memoizeByObject((value: { size: number }) => {
      asked.push(value);
      return value.size === 0 ? true : value.size > 1 ? undefined : false;
    });
    expect([isEmpty(first), isEmpty(first), isEmpty(equal)]).toEqual([false, false, false]);
    const many = { size: 2 };
    expect([isEmpty(many), isEmpty(many)]).toEqual([undefined, undefined]);
    expect(asked).toEqual([first, equal, many]);
    expect(asked[0]).toBe(first);
    expect(asked[1]).toBe(equal);
  });
});

describe('memoizeForLast', () => {
  it('answers again from the memo while the same object is asked, by identity, and computes anew for another', () => {
    const asked: object[] = [];
    const first = { size: 1 };
    const equal = { size: 1 };
    const isEmpty = memoizeForLast((value: { size: number }) => {
      asked.push(value);
      return value.size === 0 ? true : value.size > 1 ? undefined : false;
    });
    expect([isEmpty(first), isEmpty(first), isEmpty(equal), isEmpty(equal)]).toEqual([false, false, false, false]);
    const many = { size: 2 };
    expect([isEmpty(many), isEmpty(many), isEmpty(first)]).toEqual([undefined, undefined, false]);
    expect(asked).toEqual([first, equal, many, first]);
    expect(asked[1]).toBe(equal);
  });
});
