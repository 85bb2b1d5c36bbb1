import type { GatherNode } from '../../../../ir/nodes.js';
import { promptAudio } from './play.js';
import { duration, exp, lit, NO_VALUE, type ArchyAction, type CollectInput } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';

/**
 * docs/genesys.md §2.1: `collectInput` into the gather's variable. An exact length is
 * `digits: {exact: n}`: the Architect core refuses a range whose min equals its max ("If you want an
 * exact number of input digits, call setDigitsExact"), and exact mode has no terminator, so the entry
 * completes at the n-th key. A range keeps the spec's terminator (`terminatingDtmf`, seen only there),
 * never part of the result data. On success the digits are sanitized and, for an exact length, their
 * count checked: if a `#` or `*` counted towards the n keys (`12345#`), the code left is short and the
 * call takes the no-input path instead of reaching the endpoint.
 */
export function compileGather(node: GatherNode, context: FlowContext): ArchyAction[] {
  const variable = useVariable(context, context.variables.variable(node.variable), true, [...node.origin, 'into']);
  const exact = node.digits.min === node.digits.max;
  const onNoInput = () => context.follow(node.onNoInput);
  const collect: CollectInput = {
    name: node.id,
    inputData: { var: variable },
    digits: exact
      ? { exact: node.digits.min }
      : { range: { ...node.digits, ...(node.terminator ? { terminatingDtmf: `digit_${node.terminator}` } : {}) } },
    includeTerminatingDtmfInResultData: false,
    interDigitTimeout: node.interDigitTimeoutSeconds === undefined ? NO_VALUE : duration(node.interDigitTimeoutSeconds),
    noEntryTimeout: duration(node.timeoutSeconds),
    inputAudio: promptAudio(node.prompt, context, node.origin),
    acceptJustStar: lit(false),
    acceptJustPound: lit(false),
    verificationType: 'none',
    outputs: {
      success: {
        actions: [sanitize(node.id, variable), ...(exact ? [lengthCheck(node, variable, context, onNoInput)] : context.follow(node.next))],
      },
      failure: { actions: onNoInput() },
    },
  };
  return [{ collectInput: collect }];
}

/** The sanitized code has exactly the spec's length, or the entry counts as no input. */
function lengthCheck(node: GatherNode, variable: string, context: FlowContext, onNoInput: () => ArchyAction[]): ArchyAction {
  return {
    decision: {
      name: `${node.id}: ${node.digits.min} digits?`,
      condition: exp(`Length(${variable}) == ${node.digits.min}`),
      outputs: { yes: { actions: context.follow(node.next) }, no: { actions: onNoInput() } },
    },
  };
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
