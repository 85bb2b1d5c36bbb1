import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/flowspec/placeholders.js';

/** The one replace pass `fillPlaceholders` skips when there is nothing to fill. */
function fillReference(text: string, environment: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{([A-Za-z0-9_.-]+)\}\}/g, (whole, key: string) => environment.get(key) ?? whole);
}

describe('fillPlaceholders', () => {
  it('fills as the plain replace does, with and without values, braces or not', () => {
    const piece = fc.constantFrom('{', '{{', '}}', '}', 'a', 'b.c', '$&', '$1', ' ', '-');
    const environment = fc.dictionary(fc.constantFrom('a', 'b.c', '-', 'x'), fc.constantFrom('', 'v', '$&', '{{a}}'), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), environment, (parts, values) => {
        const text = parts.join('');
        const map = new Map(Object.entries(values));
        expect(fillPlaceholders(text, map)).toBe(fillReference(text, map));
      }),
      { numRuns: 3000 },
    );
  });
});
