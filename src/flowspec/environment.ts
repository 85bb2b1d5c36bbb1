import type { SpecPath } from '../diagnostics/diagnostic.js';
import { checkFilledUrls } from './checks/endpoint-urls.js';
import type { FlowIndex } from './flow-index.js';
import { placeholderKeys } from './placeholders.js';
import { forEachSpecString } from './spec-strings.js';
import type { DiagnosticSink } from './source.js';
import type { FlowSpec } from './types.js';
import type { TargetName } from './targets.js';
import { memoizeForLast } from '../util/memo.js';

export { fillPlaceholders, placeholderKeys } from './placeholders.js';

export interface PlaceholderUse {
  key: string;
  path: SpecPath;
}

/**
 * Placeholders are recognised only where environment-specific names live: endpoint URLs and the
 * `targets` section. Prompts and other text are never rewritten, so a prompt may say `{{` verbatim.
 * Found once per spec: the environment check and the lowering each ask.
 */
export const findPlaceholders: (spec: FlowSpec) => readonly PlaceholderUse[] = memoizeForLast(collectPlaceholders);

function collectPlaceholders(spec: FlowSpec): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const [id, endpoint] of Object.entries(spec.endpoints ?? {})) collect(endpoint.url, ['endpoints', id, 'url'], uses);
  forEachSpecString(spec.targets, (text, isKey, at) => {
    if (!isKey && text.includes('{{')) collect(text, ['targets', ...at.path()], uses);
  });
  return uses;
}

/**
 * With an environment file, every placeholder must have a value (a half-filled flow is not
 * deployable), and every URL it completes is judged as it will be deployed.
 * Only the placeholders that the chosen targets read count: a CXone-only team's environment file
 * need not name the Genesys queues in `targets.genesys`.
 */
export function checkEnvironment(
  index: FlowIndex,
  environment: ReadonlyMap<string, string>,
  sink: DiagnosticSink,
  targets?: readonly TargetName[],
): void {
  for (const use of findPlaceholders(index.spec)) {
    if (environment.has(use.key) || !readBy(use.path, targets)) continue;
    sink.report({
      code: 'env/missing-value',
      message: `The environment file has no value for \`{{${use.key}}}\`.`,
      path: use.path,
      hint: `Add \`${use.key}: <value>\` to the environment file.`,
    });
  }
  checkFilledUrls(index, environment, sink);
}

/** Endpoint URLs are read by every target; `targets.<vendor>` settings only by that vendor. */
function readBy(path: SpecPath, targets: readonly TargetName[] | undefined): boolean {
  if (targets === undefined || path[0] !== 'targets') return true;
  return (targets as readonly (string | number | undefined)[]).includes(path[1]);
}

function collect(text: string, path: SpecPath, uses: PlaceholderUse[]): void {
  for (const key of placeholderKeys(text)) uses.push({ key, path });
}
