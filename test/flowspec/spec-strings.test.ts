import { describe, expect, it } from 'vitest';
import { forEachSpecString } from '../../src/flowspec/spec-strings.js';

function visited(root: unknown): [string, readonly (string | number)[], boolean][] {
  const seen: [string, readonly (string | number)[], boolean][] = [];
  forEachSpecString(root, (text, isKey, at) => seen.push([text, at.path(), isKey]));
  return seen;
}

describe('forEachSpecString', () => {
  it('visits every key and string value in document order, a key before its value', () => {
    expect(visited({ a: 'x', b: [1, 'y', { c: 'z' }], d: null })).toEqual([
      ['a', ['a'], true],
      ['x', ['a'], false],
      ['b', ['b'], true],
      ['y', ['b', 1], false],
      ['c', ['b', 2, 'c'], true],
      ['z', ['b', 2, 'c'], false],
      ['d', ['d'], true],
    ]);
  });

  it('gives the root string the empty path', () => {
    expect(visited('alone')).toEqual([['alone', [], false]]);
  });

  it('walks a nesting far deeper than the call stack allows', () => {
    let root: unknown = 'leaf';
    for (let depth = 0; depth < 200_000; depth++) root = [root];
    let leafPathLength = -1;
    forEachSpecString(root, (text, _isKey, at) => {
      if (text === 'leaf') leafPathLength = at.path().length;
    });
    expect(leafPathLength).toBe(200_000);
  });
});
