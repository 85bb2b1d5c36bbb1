import type { FlowGraph } from '../../../ir/nodes.js';
import type { EmitProblem } from '../../artifact.js';

/**
 * `header.busNo` when `targets.cxone.busNo` is not set: a placeholder the upload step replaces with
 * the access token's `icBUId` claim, as outboundani/cxone-mcp does (src/cxone.js `session()`,
 * src/tools.js `deploy_script`). Never omitted: NICE's post_scripts schema lists busNo as required.
 */
export const BUS_NO_PLACEHOLDER = '{{cxone_busNo}}';

/** The value of `header.busNo`: the configured number, or the placeholder (with one note saying who fills it). */
export function busNumber(graph: FlowGraph, report: (problem: EmitProblem) => void): number | string {
  const configured = graph.targets.cxone?.busNo;
  if (typeof configured === 'number') return configured;
  if (typeof configured === 'string') {
    if (/^[0-9]+$/.test(configured)) return Number(configured);
    // A placeholder still here is reported by checkUnfilledPlaceholders; anything else by check.ts (busNumberProblems).
    return configured;
  }
  report({
    code: 'target/missing-name',
    severity: 'info',
    message: `\`targets.cxone.busNo\` is not set; the script's \`header.busNo\` is \`${BUS_NO_PLACEHOLDER}\`, which the upload step fills from the access token's icBUId.`,
    path: graph.targets.cxone === undefined ? [] : ['targets', 'cxone'],
    onKey: graph.targets.cxone !== undefined,
    hint: 'Set `targets.cxone.busNo: <business unit number>` (or a `{{placeholder}}` that --env fills) to write it at generate time.',
  });
  return BUS_NO_PLACEHOLDER;
}
