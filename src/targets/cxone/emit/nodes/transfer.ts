import type { TransferNode } from '../../../../ir/nodes.js';
import { catalogEntry } from '../../catalog/index.js';
import { TRANSFER_FAILURE_BRANCHES } from '../../facts.js';
import { caption } from '../../conventions.js';
import { action, playAction, propertyValue } from '../actions.js';
import { named, next, stepKey, type DraftAction, type DraftBranch, type MapContext } from '../draft.js';

/**
 * transfer → [PLAY] → TRANSFER (a number) or RUNSCRIPT (a flow). Neither library GUID is public, so
 * both come from the tenant catalog (`--cxone-catalog`), as CAPTURE does; without it the step is
 * reported. TRANSFER's Default branch is taken once the far end answers, after which Studio no
 * longer controls the call, so it leads to END; its failure branches lead to onFailure, or HANGUP
 * (https://help.nicecxone.com/content/studio/actions/transfer/transfer.htm). RUNSCRIPT ends this
 * script and has no failure branch (docs/cxone.md, unverified list).
 */
export function mapTransfer(node: TransferNode, ctx: MapContext): DraftAction[] {
  const actionName = node.target.kind === 'number' ? 'TRANSFER' : 'RUNSCRIPT';
  if (!catalogEntry(ctx.catalog, actionName)) return [missingAction(node, ctx, actionName)];
  const transfer = node.prompt === undefined ? stepKey(node.id) : stepKey(node.id, 'transfer');
  const actions = node.target.kind === 'number' ? dial(node, ctx, transfer) : runScript(transfer, node, node.target.flow);
  return node.prompt === undefined ? actions : [playAction(stepKey(node.id), caption(node.id), node.prompt, transfer), ...actions];
}

function dial(node: TransferNode, ctx: MapContext, key: string): DraftAction[] {
  const number = node.target.kind === 'number' ? node.target.number : undefined;
  const destination = number === undefined ? undefined : propertyValue(number);
  const done = stepKey(node.id, 'transferred');
  const failed = node.onFailure === undefined ? stepKey(node.id, 'failed') : ctx.enter(node, node.onFailure);
  const branches: DraftBranch[] = [next(done), ...TRANSFER_FAILURE_BRANCHES.map((branch) => named(branch, failed))];
  const actions = [
    action(key, 'TRANSFER', caption(node.id, 'transfer'), { Destination: destination ?? '' }, branches),
    action(done, 'END', caption(node.id, 'transferred')),
  ];
  if (node.onFailure === undefined) actions.push(action(failed, 'HANGUP', caption(node.id, 'transfer failed')));
  return actions;
}

/** Its `onFailure` and the script name are check.ts's (`checkTransfers`), reported by `validate` too. */
function runScript(key: string, node: TransferNode, flow: string): DraftAction[] {
  return [action(key, 'RUNSCRIPT', caption(node.id, 'run script'), { ScriptName: flow })];
}

function missingAction(node: TransferNode, ctx: MapContext, name: 'TRANSFER' | 'RUNSCRIPT'): DraftAction {
  ctx.report({
    code: 'target/unsupported',
    message: `CXone's ${name} action has no public library id: transfer \`${node.id}\` needs it from your tenant's action catalog.`,
    path: [...node.origin, 'to'],
    onKey: true,
    hint: `Run \`ivrflow cxone catalog fetch --action ${name}=<libraryId> --out catalog.json\` and pass \`--cxone-catalog catalog.json\`.`,
  });
  return action(stepKey(node.id), 'HANGUP', caption(node.id, 'transfer not available'));
}
