import { describe, expect, it } from 'vitest';
import { CORPUS } from './string-fields/corpus.js';
import { describeSamples, PLACES, SAMPLES, samplePairs, STRINGS } from './string-fields/judge.js';

/**
 * Hostile strings in every string field of the spec schema (string-fields/judge.ts says how each
 * pair is judged). The corpus is checked against the schema itself: a string field added to the
 * schema fails here until string-fields/corpus.ts puts a string into it.
 */
describe('the string-field corpus', () => {
  it('puts a string into every string place of the schema, and names no place the schema lacks', () => {
    expect(Object.keys(CORPUS).sort()).toEqual(PLACES);
  });

  it('meets every hostile string in every configuration', () => {
    for (const [, , count, seed] of SAMPLES)
      expect(new Set(samplePairs(PLACES, STRINGS, count, seed).map(([, text]) => text)).size).toBe(STRINGS.length);
  });
});

describeSamples(0);
