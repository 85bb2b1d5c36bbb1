import type { SpecPath } from '../diagnostics/diagnostic.js';

/** A spec path as the user reads it: `steps.collectOtp.digits`, or "the spec" for the root. */
export function describePath(path: SpecPath): string {
  if (path.length === 0) return 'the spec';
  return `\`${path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('')}\``;
}
