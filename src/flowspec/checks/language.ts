import { memoizeByString } from '../../util/memo.js';
import type { CheckContext } from './context.js';

const PATH = ['language'];

/**
 * The prompt language is a BCP 47 tag in its canonical form (`Intl.getCanonicalLocales`), so that
 * every target reads it the same way. A tag without a region is only a warning: Genesys lists every
 * flow language with a region or a script (docs/genesys.md, "the flow") and CXone picks a TTS voice
 * by accent (docs/cxone.md, "What is UNCONFIRMED"), so neither can tell which voice `en` means.
 */
export function checkLanguage({ spec, sink }: CheckContext): void {
  const written = spec.language;
  const canonical = canonicalTag(written);
  if (canonical === undefined) {
    sink.report({
      code: 'spec/language',
      message: `\`${written}\` is not a BCP 47 language tag.`,
      path: PATH,
      hint: 'Write the language, then its region: `en-US`, `en-GB`, `fr-CA`.',
    });
  } else if (canonical !== written) {
    sink.report({
      code: 'spec/language',
      message: `\`${written}\` is not the canonical form of its language tag.`,
      path: PATH,
      hint:
        canonical.toLowerCase() === written.toLowerCase()
          ? `Write \`${canonical}\`: the language in lower case, a script capitalised, the region in upper case.`
          : `Write \`${canonical}\`, the current tag for this language.`,
    });
  } else if (!hasRegion(canonical)) {
    sink.report({
      code: 'spec/language',
      severity: 'warning',
      message: `\`${written}\` names no region; text-to-speech voices are chosen per region.`,
      path: PATH,
      hint: `Add the region the prompts are spoken in, such as \`${withLikelyRegion(canonical)}\`.`,
    });
  }
}

/** Remembered: `Intl` is slow to build a locale, and a batch of flows names one or two languages. */
const canonicalTag = memoizeByString((tag): string | undefined => {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
});

const hasRegion = memoizeByString((canonical) => new Intl.Locale(canonical).region !== undefined);

/** `en` → `en-US`: the region CLDR's likely-subtags data gives the language. */
function withLikelyRegion(tag: string): string {
  const region = new Intl.Locale(tag).maximize().region;
  return region === undefined ? 'en-US' : `${tag}-${region}`;
}
