import type { DiagnosticSink } from '../source.js';
import { forEachSpecString, type SpecCursor } from '../spec-strings.js';
import type { CheckContext } from './context.js';

/**
 * Placeholder names that something other than the spec's author fills, and what fills them. A spec
 * that writes one in its own text would have that value put there: `{{secret_middlewareToken}}` in
 * an endpoint URL or a prompt becomes the bearer token once the CXone deployment fills it
 * (docs/cxone.md), and ivrflow's own CXone engine does the same. Matched without regard to case or
 * spaces inside the braces, so `{{ Secret_X }}` cannot slip past a deploy step that is lenient.
 */
export const RESERVED_PLACEHOLDERS: readonly { pattern: RegExp; filledBy: string }[] = [
  { pattern: /\{\{\s*(secret_[^{}]*?)\s*\}\}/gi, filledBy: 'the deploy step fills `secret_*` placeholders with secrets' },
  {
    pattern: /\{\{\s*(genesys_integration)\s*\}\}/gi,
    filledBy: 'ivrflow writes it for the Genesys integration when `targets.genesys.integration` is not set',
  },
];

/**
 * Where any of the patterns above could match: one test for the many texts with placeholders of
 * their own (URLs, queue names) instead of a match iterator per pattern. Must stay as wide as the
 * patterns: test/flowspec/spec-text.test.ts compares with the patterns alone.
 */
export const ANY_RESERVED = /\{\{\s*(?:secret_|genesys_integration)/i;

/** No spec text, anywhere (URLs, bodies, headers, attributes, prompts, targets, keys), may use a reserved placeholder. */
export function checkReservedPlaceholders({ spec, sink }: CheckContext): void {
  forEachSpecString(spec, (text, isKey, at) => reportReservedPlaceholders(text, isKey, at, sink));
}

/** One string of the walk above; `checkSpecStrings` (spec-text.ts) runs it in the walk it shares. */
export function reportReservedPlaceholders(text: string, isKey: boolean, at: SpecCursor, sink: DiagnosticSink): void {
  if (!text.includes('{{') || !ANY_RESERVED.test(text)) return;
  for (const { pattern, filledBy } of RESERVED_PLACEHOLDERS) {
    for (const match of text.matchAll(pattern)) {
      sink.report({
        code: 'secure/reserved-placeholder',
        message: `\`${match[0]}\` is a reserved placeholder: ${filledBy}, so this text would receive that value.`,
        path: at.path(),
        ...(isKey ? { onKey: true } : {}),
        hint: 'Refer to a secret with `auth: { bearer: <secret> }` on the endpoint; name your own placeholders otherwise.',
      });
    }
  }
}
