import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { placeholderKeys } from '../../flowspec/environment.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { routedQueues } from './skills.js';
import { calledEndpoints } from './called-endpoints.js';

/**
 * The placeholders ivrflow itself writes into a CXone script for the upload step to fill, and
 * from what (docs/cxone.md, *Upload*). Every other `{{placeholder}}` must be filled by `--env`:
 * CXone has no substitution step of its own, and inside Snippet code or a property a leftover
 * `{{key}}` is read as a `{key}` variable substitution, so it fails as garbage, not as an error.
 */
export const UPLOAD_FILLED_PLACEHOLDERS = [
  { placeholder: '{{secret_<secret>}}', filledWith: "the bearer token, read from the upload step's environment at upload time" },
  {
    placeholder: '{{cxone_busNo}}',
    filledWith: "`header.busNo`, from the access token's icBUId claim (only when `targets.cxone.busNo` is not set)",
  },
] as const;

interface PlaceholderSite {
  text: string;
  path: SpecPath;
  /** What the leftover placeholder would do there, for `key`. */
  effect: (key: string) => string;
}

const substituted = (where: string) => (key: string) => `CXone would read it in the ${where} as the variable \`{${key}}\``;

/** Every user placeholder still unfilled where the script would carry it: URLs, skills, the business unit, the script name. */
export function checkUnfilledPlaceholders(graph: FlowGraph): EmitProblem[] {
  return placeholderSites(graph).flatMap((site) =>
    [...new Set(placeholderKeys(site.text))].map((key): EmitProblem => ({
      code: 'target/unfilled-placeholder',
      message: `\`{{${key}}}\` is not filled, and ${site.effect(key)}.`,
      path: site.path,
      hint: `Fill it with \`--env <file>\` (\`${key}: <value>\`); only ${UPLOAD_FILLED_PLACEHOLDERS.map((item) => `\`${item.placeholder}\``).join(' and ')} are left for the upload step.`,
    })),
  );
}

/**
 * The sites whose text holds a `{{` (placeholderKeys finds nothing in any other), so a flow whose
 * values are filled, as with `--env`, builds no spec paths and never lists its routed queues.
 */
function placeholderSites(graph: FlowGraph): PlaceholderSite[] {
  const cxone = graph.targets.cxone ?? {};
  const sites: PlaceholderSite[] = [];
  for (const endpoint of calledEndpoints(graph))
    if (mayHold(endpoint.url)) sites.push({ text: endpoint.url, path: [...endpoint.origin, 'url'], effect: substituted('request URL') });
  if (Object.values(cxone.skills ?? {}).some(mayHold))
    for (const queue of routedQueues(graph).keys()) {
      const skill = cxone.skills?.[queue];
      if (mayHold(skill)) sites.push({ text: skill, path: ['targets', 'cxone', 'skills', queue], effect: substituted('REQAGENT Skill') });
    }
  if (mayHold(cxone.busNo))
    sites.push({
      text: cxone.busNo,
      path: ['targets', 'cxone', 'busNo'],
      effect: () => 'the script header needs the business unit as a number',
    });
  if (mayHold(cxone.scriptName))
    sites.push({
      text: cxone.scriptName,
      path: ['targets', 'cxone', 'scriptName'],
      effect: () => 'the script would be saved under that literal name',
    });
  return sites;
}

/** A string that could hold a placeholder. */
function mayHold(text: unknown): text is string {
  return typeof text === 'string' && text.includes('{{');
}
