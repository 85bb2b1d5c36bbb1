/**
 * The placeholders of each Genesys artifact, found in one pass (src/targets/genesys/emit/placeholders.ts),
 * against what the emitter asked before: `contents.includes('{{key}}')` per key and artifact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import { PlaceholderUses, tokenKeys } from '../../../../src/targets/genesys/emit/placeholders.js';

const piece = fc.constantFrom('{', '}', '{{', '}}', 'a', 'b', 'a.b', '-', ' ', '\n', '"', ':', '{{a}}', '{{{a}}}', '{{a}}}', '{{}}', 'é');
const text = fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join(''));
const key = fc.oneof(fc.constantFrom('a', 'b', 'a.b', 'ab', '', '{a', 'a}', '}', ' a', 'a b', 'é'), fc.string({ maxLength: 3 }));

function artifact(path: string, contents: string): Artifact {
  return { path, contents, target: 'genesys', kind: 'dataAction' };
}

describe('the placeholders of the Genesys artifacts', () => {
  it('are found in each text exactly where `includes` finds them, for any key', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), fc.array(key, { maxLength: 6 }), (texts, keys) => {
        const uses = new PlaceholderUses();
        const artifacts = texts.map((contents, index) => artifact(`f${index}`, contents));
        for (const each of artifacts) uses.add(each);
        for (const candidate of [...keys, ...texts.flatMap((contents) => [...tokenKeys(contents)])]) {
          const expected = artifacts.filter((each) => each.contents.includes(`{{${candidate}}}`));
          expect(uses.users(candidate), JSON.stringify({ texts, candidate })).toEqual(expected);
          expect(uses.isUsed(candidate)).toBe(expected.length > 0);
        }
      }),
      { numRuns: 5_000, seed: 20_261_203 },
    );
  });

  it('name each key once, in a text without any as an empty set', () => {
    expect([...tokenKeys('{{a}} {{b}} {{a}} {{{c}}} {{d}')]).toEqual(['a', 'b', 'c']);
    expect(tokenKeys('no placeholder {here}').size).toBe(0);
  });
});
