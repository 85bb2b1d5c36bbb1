import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { CheckContext } from './context.js';

/**
 * Placeholder names that something other than the spec's author fills, and what fills them. A spec
 * that writes one in its own text would have that value put there: `{{secret_middlewareToken}}` in
 * an endpoint URL or a prompt becomes the bearer token once the CXone deployment fills it
 * (docs/cxone.md), and ivrflow's own CXone engine does the same. Matched without regard to case or
 * spaces inside the braces, so `{{ Secret_X }}` cannot slip past a deploy step that is lenient.
 */
const RESERVED_PLACEHOLDERS: readonly { pattern: RegExp; filledBy: string }[] = [
  { pattern: /\{\{\s*(secret_[^{}]*?)\s*\}\}/gi, filledBy: 'the deploy step fills `secret_*` placeholders with secrets' },
  {
    pattern: /\{\{\s*(genesys_integration)\s*\}\}/gi,
    filledBy: 'ivrflow writes it for the Genesys integration when `targets.genesys.integration` is not set',
  },
];

/** No spec text, anywhere (URLs, bodies, headers, attributes, prompts, targets, keys), may use a reserved placeholder. */
export function checkReservedPlaceholders({ spec, sink }: CheckContext): void {
  for (const text of specTexts(spec)) {
    for (const { pattern, filledBy } of RESERVED_PLACEHOLDERS) {
      for (const match of text.value.matchAll(pattern)) {
        sink.report({
          code: 'secure/reserved-placeholder',
          message: `\`${match[0]}\` is a reserved placeholder: ${filledBy}, so this text would receive that value.`,
          path: text.path,
          ...(text.isKey ? { onKey: true } : {}),
          hint: 'Refer to a secret with `auth: { bearer: <secret> }` on the endpoint; name your own placeholders otherwise.',
        });
      }
    }
  }
}

interface SpecText {
  value: string;
  path: SpecPath;
  isKey: boolean;
}

/** Every string of the spec with its path, keys included; iterative, so no nesting depth can exhaust the stack. */
function specTexts(spec: unknown): SpecText[] {
  const texts: SpecText[] = [];
  const pending: { value: unknown; path: SpecPath }[] = [{ value: spec, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') texts.push({ value, path, isKey: false });
    else if (Array.isArray(value)) value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('{{')) texts.push({ value: key, path: [...path, key], isKey: true });
        pending.push({ value: child, path: [...path, key] });
      }
  }
  return texts;
}
