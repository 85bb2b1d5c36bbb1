import { describe, expect, it } from 'vitest';
import { check, codes, positionOf, readRepoFile } from '../helpers/fixtures.js';

const EXAMPLE = readRepoFile('flows/identity-promotion.yaml');

/** The example flow declaring `tag` as its language, and what the language check said about it. */
function withLanguage(tag: string) {
  const text = EXAMPLE.replace('language: en-US\n', `language: ${tag}\n`);
  const found = check(text).filter((diagnostic) => diagnostic.code === 'spec/language');
  const value = positionOf(text, `language: ${tag}`);
  return { found, at: `spec/language@${value.line}:${value.column + 'language: '.length}` };
}

describe('the spec language check (spec/language)', () => {
  it.each(['en-US', 'en-GB', 'fr-CA', 'zh-Hant-TW', 'sr-Latn-RS'])('accepts the canonical tag %s', (tag) => {
    expect(withLanguage(tag).found).toEqual([]);
  });

  it.each([
    ['en-us', 'en-US'],
    ['EN-US', 'en-US'],
    ['fr-ca', 'fr-CA'],
    ['sr-latn-rs', 'sr-Latn-RS'],
  ])('refuses %s, at the value, naming %s in the hint', (tag, canonical) => {
    const { found, at } = withLanguage(tag);
    expect(codes(found)).toEqual([at]);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.hint).toContain(`\`${canonical}\``);
  });

  it('names the current tag of a deprecated one', () => {
    const { found, at } = withLanguage('iw-IL');
    expect(codes(found)).toEqual([at]);
    expect(found[0]!.hint).toContain('`he-IL`');
  });

  it.each(['en-US-US', 'en-GB-oed', 'de-1901-1901'])('refuses %s, which the schema pattern lets through but BCP 47 does not', (tag) => {
    const { found, at } = withLanguage(tag);
    expect(codes(found)).toEqual([at]);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.hint).toContain('`en-US`');
  });

  it.each([
    ['en', 'en-US'],
    ['fr', 'fr-FR'],
    ['zh-Hant', 'zh-Hant-TW'],
  ])('warns that %s has no region, suggesting %s', (tag, suggestion) => {
    const { found, at } = withLanguage(tag);
    expect(codes(found)).toEqual([at]);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.hint).toContain(`\`${suggestion}\``);
  });
});
