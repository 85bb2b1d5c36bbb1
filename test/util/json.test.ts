import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonInner, jsonString, parseObject } from '../../src/util/json.js';

/** Quotes, escapes, control and line-separator characters, lone and paired surrogates, plain text. */
const PIECES = [
  '"',
  '\\',
  '\\n',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  'é',
  '🙂',
  '\ud800',
  '\udfff',
  'a',
  ' ',
];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
);

describe('jsonString and jsonInner', () => {
  it('write what JSON.stringify writes for a string, with and without its quotes', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(jsonString(value)).toBe(JSON.stringify(value));
        expect(jsonInner(value)).toBe(JSON.stringify(value).slice(1, -1));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands back a text that needs no escape as it is', () => {
    const label = ['Verify', 'identity'].join(' ');
    expect(jsonInner(label)).toBe(label);
    expect(jsonString('')).toBe('""');
  });
});

describe('parseObject', () => {
  it('reads a JSON object and nothing else', () => {
    expect(parseObject('{"a": 1}')).toEqual({ a: 1 });
    for (const other of ['[1]', '1', '"a"', 'null', '{', '']) expect(parseObject(other)).toBeUndefined();
  });
});
