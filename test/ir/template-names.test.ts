import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateNames } from '../../src/ir/guard.js';

describe('templateNames', () => {
  it('finds nothing in a text without `{` or `$`, which the guard therefore skips', () => {
    const piece = fc.constantFrom('{', '}', '$', '$!', 'pin', '_x', ' ', '.', '{{', 'a.b', '\\u00e9', '1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        if (!text.includes('{') && !text.includes('$')) expect(templateNames(text)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the names of each template syntax', () => {
    expect(templateNames('say {pin} and {{ otp }} then ${code} or $!entry')).toEqual(['pin', 'otp', 'code', 'entry']);
  });
});
