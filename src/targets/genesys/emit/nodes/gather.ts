import type { GatherNode } from '../../../../ir/nodes.js';
import { duration, lit, NO_VALUE, type ArchyAction, type CollectInput } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';

/**
 * docs/genesys.md §2.1: `collectInput` into the gather's variable. A terminator is written only in
 * the `range` form, the one place `terminatingDtmf` is seen, so a gather with a terminator uses that
 * form even for an exact length (min = max): an entry the terminator ends early fails, as the spec
 * says, instead of counting the terminator towards the length. The terminator is never part of the
 * result data. The min = max range is UNVERIFIED (unverified.ts).
 */
export function compileGather(node: GatherNode, context: FlowContext): ArchyAction[] {
  const variable = useVariable(context, context.variables.variable(node.variable), true, [...node.origin, 'into']);
  const collect: CollectInput = {
    name: node.id,
    inputData: { var: variable },
    digits:
      node.digits.min === node.digits.max && !node.terminator
        ? { exact: node.digits.min }
        : { range: { ...node.digits, ...(node.terminator ? { terminatingDtmf: `digit_${node.terminator}` } : {}) } },
    includeTerminatingDtmfInResultData: false,
    interDigitTimeout: node.interDigitTimeoutSeconds === undefined ? NO_VALUE : duration(node.interDigitTimeoutSeconds),
    noEntryTimeout: duration(node.timeoutSeconds),
    inputAudio: { tts: node.prompt },
    acceptJustStar: lit(false),
    acceptJustPound: lit(false),
    verificationType: 'none',
    outputs: {
      success: { actions: [sanitize(node.id, variable), ...context.follow(node.next)] },
      failure: { actions: context.follow(node.onNoInput) },
    },
  };
  return [{ collectInput: collect }];
}

/** DTMF holds only 0-9, `*` and `#`: removing `*` and `#` leaves digits (docs/genesys.md §2.6, §3.3 `Replace`). */
function sanitize(name: string, variable: string): ArchyAction {
  return {
    updateData: {
      name: `${name}: keep digits only`,
      statements: [{ string: { variable, value: { exp: `Replace(Replace(${variable}, "#", ""), "*", "")` } } }],
    },
  };
}
