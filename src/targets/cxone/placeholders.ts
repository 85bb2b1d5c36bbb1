import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { placeholderKeys } from '../../flowspec/environment.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { routedQueues } from './skills.js';

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

function placeholderSites(graph: FlowGraph): PlaceholderSite[] {
  const cxone = graph.targets.cxone ?? {};
  const called = new Set(graph.nodes.flatMap((node) => (node.kind === 'http' ? [node.endpoint] : [])));
  const sites: PlaceholderSite[] = graph.endpoints
    .filter((endpoint) => called.has(endpoint.id))
    .map((endpoint) => ({ text: endpoint.url, path: [...endpoint.origin, 'url'], effect: substituted('request URL') }));
  for (const queue of routedQueues(graph).keys()) {
    const skill = cxone.skills?.[queue];
    if (typeof skill === 'string')
      sites.push({ text: skill, path: ['targets', 'cxone', 'skills', queue], effect: substituted('REQAGENT Skill') });
  }
  if (typeof cxone.busNo === 'string')
    sites.push({
      text: cxone.busNo,
      path: ['targets', 'cxone', 'busNo'],
      effect: () => 'the script header needs the business unit as a number',
    });
  if (cxone.scriptName !== undefined)
    sites.push({
      text: cxone.scriptName,
      path: ['targets', 'cxone', 'scriptName'],
      effect: () => 'the script would be saved under that literal name',
    });
  return sites;
}
