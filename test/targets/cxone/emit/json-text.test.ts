import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { json, JsonText, unescapedText } from '../../../../src/targets/cxone/emit/json-text.js';

/** What the script file holds for a text: JSON.stringify's escape, without the quotes. */
const reference = (text: string): string => JSON.stringify(text).slice(1, -1);

const PIECES = ['"', '\\', '\\n', '/', '{', '}', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029'];
const UNICODE = ['é', '日本語', '🙂', '\ud800', '\udfff', '\u200b', '\ufeff', 'a', ' ', 'x'];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PIECES, ...UNICODE), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
);

describe('the json template tag', () => {
  it('escapes its literal parts and its values as JSON.stringify escapes the text the template makes', () => {
    fc.assert(
      fc.property(text, text, (first, second) => {
        const escaped = json`ASSIGN "a" = ${first}\n\t// \\ ${second} "\u2028\u2029 é 🙂"`;
        expect(escaped.json).toBe(reference(`ASSIGN "a" = ${first}\n\t// \\ ${second} "\u2028\u2029 é 🙂"`));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes a JsonText value as it is, so templates nest without escaping twice', () => {
    fc.assert(
      fc.property(text, text, (inner, outer) => {
        const nested = json`{\n${json`"${inner}"`}\n${outer}}`;
        expect(nested.json).toBe(reference(`{\n"${inner}"\n${outer}}`));
      }),
      { numRuns: 1000 },
    );
  });

  it('escapes the literal parts of a call site once and reuses them, whatever the values', () => {
    const line = (value: string) => json`"${value}"\n`;
    expect(line('a\\b').json).toBe(reference('"a\\b"\n'));
    expect(line('c').json).toBe(reference('"c"\n'));
    expect(json``.json).toBe('');
  });
});

describe('unescapedText', () => {
  it('gives back the text a JsonText stands for, and a plain string as it is', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(unescapedText(new JsonText(reference(value)))).toBe(value);
        expect(unescapedText(value)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
