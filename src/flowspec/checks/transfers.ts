import { isRefProblem } from '../flow-index.js';
import type { TransferStepSpec } from '../types.js';
import type { CheckContext } from './context.js';

/**
 * E.164: a `+`, a country code that does not start with 0, at most 15 digits in all
 * (https://www.itu.int/rec/T-REC-E.164). Both platforms dial it as written; anything else is a
 * number the carrier may read differently, or not at all.
 */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** A transfer dials a valid number, and a transfer inside the secure section has no failure path. */
export function checkTransfers(context: CheckContext): void {
  for (const [id, step] of context.index.stepsOfType('transfer')) {
    checkNumber(context, id, step);
    checkBlindInSecureSection(context, id, step);
  }
}

function checkNumber({ index, sink }: CheckContext, id: string, step: TransferStepSpec): void {
  if (!('number' in step.to)) return;
  const number = step.to.number;
  const path = ['steps', id, 'to', 'number'];
  if (typeof number === 'string') {
    if (E164.test(number)) return;
    sink.report({
      code: 'transfer/invalid-number',
      message: `Transfer \`${id}\` dials \`${number}\`, which is not an E.164 number.`,
      path,
      hint: 'Write the number as + then the country code and the number, digits only: `+18005550100`.',
    });
    return;
  }
  const resolved = index.resolveRef(number.ref);
  if (isRefProblem(resolved) || resolved.type === 'string') return;
  sink.report({
    code: 'type/mismatch',
    message: `Transfer \`${id}\` dials \`${number.ref}\`, which is ${resolved.type}; a number to dial is a string.`,
    path: [...path, 'ref'],
    hint: 'Declare the variable as `type: string` holding an E.164 number such as `+18005550100`.',
  });
}

/**
 * Inside the secure section every transfer is blind: Genesys replaces the failure path of a
 * transfer in a secure flow with a disconnect (https://help.mypurecloud.com/articles/transfer-flow-action/),
 * so a failure path there would be dead code that reads as handled.
 */
function checkBlindInSecureSection({ index, sink }: CheckContext, id: string, step: TransferStepSpec): void {
  if (step.onFailure === undefined || !index.secureSteps.has(id)) return;
  sink.report({
    code: 'secure/transfer-failure-path',
    message: `Transfer \`${id}\` is inside the secure section, where transfers are blind: \`onFailure\` could never run.`,
    path: ['steps', id, 'onFailure'],
    onKey: true,
    hint: 'Delete `onFailure`: when a transfer inside the secure section fails, the platform ends the call.',
  });
}
