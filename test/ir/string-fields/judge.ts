import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { RuleConfig, RuleSetting } from '../../../src/lint/config.js';
import { RULES } from '../../../src/lint/rules/index.js';
import { parseTenantCatalog } from '../../../src/targets/cxone/catalog/index.js';
import { compile, readRepoFile } from '../../helpers/fixtures.js';
import { TENANT_CATALOG_FILE } from '../../simulate/helpers.js';
import { HOSTILE, HOSTILE_MORE } from '../hostile-strings.js';
import { isPlainPropertyText } from '../../../src/targets/cxone/emit/escape.js';
import { BENIGN, BENIGN_ESCAPED, CORPUS, placeText, type Placement } from './corpus.js';
import { decodeArtifact, canonical, replaced, withoutPlaceholderLists } from './decode.js';
import { stringPlaces } from './schema-strings.js';

/**
 * Every string place of the spec schema (read from the schema, schema-strings.ts) with hostile
 * strings in it (corpus.ts puts each one there in base-flow.yaml). Each pair is either refused,
 * with an error at the literal (or at a place a renamed name reaches), every error positioned and
 * with a hint, and no artifact; or it compiles to artifacts that decode (decode.ts: YAML 1.1 and
 * 1.2, Architect expressions, Velocity, JSON, Snippet) to exactly the trees of the same flow with
 * a harmless word in the place, the word replaced by the string.
 *
 * The full product (137 places, about 80 strings, six rule configurations) takes minutes, so each
 * configuration runs every place with a few strings, chosen by a fixed seed so that every string
 * is met in every configuration and the configurations meet different pairs. A failure names the
 * place and the string; the seed makes it reproducible.
 */
export const SEED = 0x5eed19;
const STRINGS_PER_PLACE = { wide: 3, narrow: 1 };
export const STRINGS = [...HOSTILE, ...HOSTILE_MORE];
const PLACEHOLDER = /\{\{[A-Za-z0-9_.-]+\}\}/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

const REASON = 'the string-field corpus';
const off = (ids: readonly string[]): RuleConfig => new Map<string, RuleSetting>(ids.map((id) => [id, { level: 'off', reason: REASON }]));
const SECURITY_RULES = RULES.filter((rule) => rule.protectsCredential).map((rule) => rule.id);
const CONFIGURATIONS: [string, RuleConfig | undefined, number][] = [
  ['the default rules', undefined, STRINGS_PER_PLACE.wide],
  ['every rule off', off(RULES.map((rule) => rule.id)), STRINGS_PER_PLACE.wide],
  ...SECURITY_RULES.map((id): [string, RuleConfig, number] => [`${id} off`, off([id]), STRINGS_PER_PLACE.narrow]),
];
/** Each configuration's sample, from its own seed. */
export const SAMPLES = CONFIGURATIONS.map(([configuration, rules, count], index) => [configuration, rules, count, SEED + index] as const);

/** For each place, `count` strings: a seeded shuffle of the strings dealt round the places, so each string is dealt once before any twice. */
export function samplePairs(places: readonly string[], strings: readonly string[], count: number, seed: number): [string, string][] {
  const indexes = [...strings.keys()];
  const [order] = fc.sample(fc.shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length }), { numRuns: 1, seed });
  return places.flatMap((place, placeIndex) =>
    Array.from({ length: count }, (_, round): [string, string] => [
      place,
      strings[order![(placeIndex * count + round) % indexes.length]!]!,
    ]),
  );
}

const catalog = parseTenantCatalog(readRepoFile(TENANT_CATALOG_FILE), TENANT_CATALOG_FILE);
/** Both targets, with the tenant catalog fixture: CXone's transfer actions have no public library id. */
const options = (rules: RuleConfig | undefined) => ({
  targets: ['genesys', 'cxone'] as const,
  cxoneCatalog: catalog.ok ? catalog.entries : [],
  ...(rules ? { rules } : {}),
});

const pathOf = (diagnostic: Diagnostic) => diagnostic.path.join('.');
const within = (path: string, places: readonly string[]) => places.some((at) => path === at || path.startsWith(`${at}.`));

/**
 * The harmless word to compare `text` with. Studio writes a plain literal as an ASSIGN action and
 * one it must escape as a Snippet, so a string that needs escaping is compared with a word that
 * does too (a backslash: no format reads it as anything but itself once escaped).
 */
const wordFor = (placement: Placement, text: string) => (isPlainPropertyText(text) ? (placement.benign ?? BENIGN) : BENIGN_ESCAPED);

const cleanTrees = new Map<string, Promise<unknown[]>>();
/** The decoded artifacts of the place holding a harmless word, once per place, word and configuration. */
function benignTrees(
  place: string,
  placement: Placement,
  word: string,
  configuration: string,
  rules: RuleConfig | undefined,
): Promise<unknown[]> {
  const key = `${configuration}\u0000${place}\u0000${word}`;
  if (!cleanTrees.has(key))
    cleanTrees.set(
      key,
      (async () => {
        const placed = placeText(placement, word);
        const result = await compile(placed.text, options(rules));
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        expect(
          errors.map((error) => `${error.code} ${pathOf(error)}`),
          `${place} with its harmless word`,
        ).toEqual([]);
        return sortedArtifacts(result.artifacts!).map(decodeArtifact);
      })(),
    );
  return cleanTrees.get(key)!;
}

const sortedArtifacts = <T extends { target: string; kind: string }>(artifacts: readonly T[]) =>
  [...artifacts].sort((a, b) => `${a.target}/${a.kind}`.localeCompare(`${b.target}/${b.kind}`));

async function judge(place: string, text: string, configuration: string, rules: RuleConfig | undefined): Promise<void> {
  const placement = CORPUS[place]!;
  const placed = placeText(placement, text);
  const result = await compile(placed.text, options(rules));
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    expect(result.artifacts).toBeUndefined();
    const described = errors.map((error) => `${error.code} at ${pathOf(error)}`).join('; ');
    expect(
      errors.some((error) => within(pathOf(error), placed.at)),
      `${described}: none at ${placed.at.join(' | ')}`,
    ).toBe(true);
    for (const error of errors) {
      expect(error.span?.start.line, `${error.code} has a position`).toBeGreaterThan(0);
      expect(error.hint, `${error.code} has a hint`).toBeTruthy();
    }
    return;
  }
  expect(CONTROL.test(text), 'a control character other than tab, line feed and carriage return, or a Unicode separator, is refused').toBe(
    false,
  );
  const word = wordFor(placement, text);
  const benign = await benignTrees(place, placement, word, configuration, rules);
  const hostile = sortedArtifacts(result.artifacts!);
  expect(hostile.map((artifact) => `${artifact.target}/${artifact.kind}`)).toHaveLength(benign.length);
  // A `{{name}}` in a value that takes placeholders is one: the options file and the IR list it.
  const placeholders = PLACEHOLDER.test(text) ? withoutPlaceholderLists : (tree: unknown) => tree;
  for (const [index, artifact] of hostile.entries())
    expect(placeholders(canonical(decodeArtifact(artifact))), `${artifact.path} decodes to the literal`).toEqual(
      placeholders(replaced(benign[index], word, placed.expected)),
    );
}

export const PLACES = stringPlaces(JSON.parse(readRepoFile('schemas/ivrflow.schema.json')) as never);

/**
 * The configurations' samples, half of them (by index parity), so that two test files share the
 * work between vitest's workers.
 */
export function describeSamples(half: 0 | 1): void {
  describe.each(SAMPLES.filter((_, index) => index % 2 === half))(
    'hostile strings in every string field under %s',
    (configuration, rules, count, seed) => {
      const pairs = samplePairs(PLACES, STRINGS, count, seed);
      it.each(pairs.map(([place, text]) => [place, JSON.stringify(text).slice(0, 60), text]))(
        '%s holding %s arrives exactly, or is refused there',
        async (place, _, text) => judge(place, text, configuration, rules),
      );
    },
  );
}
