import type { HttpNode, IrEndpoint } from '../../../../ir/nodes.js';
import { recordOf } from '../../../../util/own.js';
import { duration, exp, NO_VALUE, type ArchyAction, type ArchyValue, type CallData } from '../archy.js';
import { endpointById, useVariable, type FlowContext } from '../context.js';
import { isSecureDataAction } from '../../conventions.js';
import { urlInputs } from '../velocity.js';
import { equalsExpression, readableExpression } from '../expression.js';

/**
 * docs/genesys.md §2.3, §4.1: `callData` against the endpoint's data action. `success` is a 2xx
 * answer; the spec's success check then runs as a guarded decision (onSuccess / onFailure).
 * `failure` (non-2xx, network error, the data action's own timeout) and `timeout` (the flow's) are
 * both "no usable answer": onTimeout.
 */
export function compileHttp(node: HttpNode, context: FlowContext): ArchyAction[] {
  const endpoint = endpointById(context, node.endpoint);
  const action = context.names.dataActions.get(endpoint.id) ?? endpoint.id;
  const callData: CallData = {
    name: node.id,
    processingPrompt: NO_VALUE,
    timeout: duration(endpoint.timeoutSeconds),
    category: {
      [context.names.integration]: {
        dataAction: { [action]: { inputs: inputs(node, endpoint, context), successOutputs: successOutputs(node, endpoint, context) } },
      },
    },
    outputs: {
      success: { actions: successActions(node, endpoint, context) },
      failure: { actions: context.follow(node.onTimeout) },
      timeout: { actions: context.follow(node.onTimeout) },
    },
  };
  if (!isSecureDataAction(endpoint)) return [{ callData }];
  // check.ts reports this before emitting (secureDataActionCalls); the report here is the backstop.
  if (context.flowType !== 'secureCall')
    context.problems.push({
      code: 'target/unsupported',
      message: `Endpoint \`${endpoint.id}\` is a secure data action, which Genesys calls only from a secure call flow (Call Secure Data).`,
      path: node.origin,
      hint: 'Call the credential verifier from a step at or after `secure.entry`.',
    });
  return [{ callDataSecure: callData }];
}

/**
 * Inputs are the body fields read at run time; literal fields live in the request template. Only
 * the verifier is ever sent a sensitive one: the IR guard (src/ir/guard.ts) has checked it.
 */
function inputs(node: HttpNode, endpoint: IrEndpoint, context: FlowContext): Record<string, ArchyValue> {
  const entries: [string, ArchyValue][] = [];
  for (const { field, value } of endpoint.body) {
    if (value.kind === 'literal') continue;
    const path = [...endpoint.origin, 'body', field];
    entries.push([field, exp(readableExpression(value, context, path))]);
  }
  for (const { field, value, part, name } of urlInputs(endpoint))
    entries.push([field, exp(readableExpression(value, context, [...endpoint.origin, part, name]))]);
  return recordOf(
    entries,
    ([field]) => field,
    ([, value]) => value,
  );
}

function successOutputs(node: HttpNode, endpoint: IrEndpoint, context: FlowContext): Record<string, ArchyValue> {
  return recordOf(
    endpoint.responseFields,
    (field) => field.name,
    (field) => ({ var: useVariable(context, context.variables.result(node.result, field.name), true, node.origin) }),
  );
}

function successActions(node: HttpNode, endpoint: IrEndpoint, context: FlowContext): ArchyAction[] {
  const check = endpoint.success;
  if (!check) return context.follow(node.onSuccess);
  const type = endpoint.responseFields.find((field) => field.name === check.field)?.type ?? 'string';
  const subject = { kind: 'result', result: node.result, field: check.field, step: node.id, endpoint: endpoint.id, type } as const;
  const success = [...endpoint.origin, 'response', 'success'];
  const condition = equalsExpression(subject, check.equals, context, success, [...success, 'equals']);
  return [
    {
      decision: {
        name: `${node.id}: success?`,
        condition: exp(condition),
        outputs: { yes: { actions: context.follow(node.onSuccess) }, no: { actions: context.follow(node.onFailure) } },
      },
    },
  ];
}
