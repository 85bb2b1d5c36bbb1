import type { TransferNode } from '../../../../ir/nodes.js';
import { disconnect, exp, lit, type ArchyAction, type ArchyOutput } from '../archy.js';
import type { FlowContext } from '../context.js';
import { readableExpression } from '../expression.js';
import { TRANSFER_TO_NUMBER_ACTION } from '../../unverified.js';
import { promptAudio } from './play.js';

/**
 * A transfer out of the flow (docs/genesys.md §2.14): `transferToNumber` with the number as a
 * literal or an expression, or `transferToFlow` by the flow's name, the prompt as pre-transfer
 * audio (left out when there is none, as in route.ts). When the transfer fails the spec's
 * onFailure runs, or the call ends. Inside the secure flow the spec has no onFailure (transfers there
 * are blind: https://help.mypurecloud.com/articles/transfer-flow-action/), so the path is a disconnect.
 */
export function compileTransfer(node: TransferNode, context: FlowContext): ArchyAction[] {
  const audio = node.prompt === undefined ? {} : { preTransferAudio: promptAudio(node.prompt, context, node.origin) };
  const outputs = { failure: failurePath(node, context) };
  if (node.target.kind === 'flow')
    return [{ transferToFlow: { name: node.id, targetFlow: { name: node.target.flow }, ...audio, outputs } }];
  const number = node.target.number;
  const path = [...node.origin, 'to', 'number'];
  const targetNumber = number.kind === 'literal' ? lit(String(number.value)) : exp(readableExpression(number, context, path));
  return [{ [TRANSFER_TO_NUMBER_ACTION]: { name: node.id, targetNumber, ...audio, outputs } }];
}

function failurePath(node: TransferNode, context: FlowContext): ArchyOutput {
  return { actions: node.onFailure === undefined ? [disconnect(`${node.id}: transfer failed`)] : context.follow(node.onFailure) };
}
