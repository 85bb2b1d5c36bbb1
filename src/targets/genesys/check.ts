import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { checkFlowVariableReads } from './cross-flow.js';
import { checkStringLiterals } from './literals.js';
import { checkLoopsWithoutRetry } from './loops.js';
import { isSecureDataAction } from './conventions.js';
import {
  COLLECT_DIGITS,
  COLLECT_NO_ENTRY_TIMEOUT_SECONDS as NO_ENTRY_TIMEOUT,
  DATA_ACTION_STATUS_REACHES_FLOW,
  DATA_ACTION_TIMEOUT_SECONDS as DATA_ACTION_TIMEOUT,
} from './facts.js';

/**
 * Genesys limits the spec schema does not know, reported once at the spec value that breaks them,
 * and every other report about the spec itself: values the secure flow
 * cannot see, text a string literal cannot carry, loops Archy cannot write, secure data actions called
 * outside the secure flow. The target
 * registry runs this for `validate` and `generate` alike; the emitter trusts it
 * (test/registry/emitter-diagnostics.test.ts).
 */
export function checkGenesys(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  problems.push(
    ...checkFlowVariableReads(graph),
    ...checkStringLiterals(graph),
    ...checkLoopsWithoutRetry(graph),
    ...secureDataActionCalls(graph),
  );
  for (const endpoint of graph.endpoints) {
    const seconds = endpoint.timeoutSeconds;
    if (seconds < DATA_ACTION_TIMEOUT.min || seconds > DATA_ACTION_TIMEOUT.max) {
      problems.push({
        code: 'target/limit',
        message: `Timeout ${seconds} s of endpoint \`${endpoint.id}\` is outside the Genesys data action range of ${DATA_ACTION_TIMEOUT.min} to ${DATA_ACTION_TIMEOUT.max} s.`,
        path: [...endpoint.origin, 'timeoutSeconds'],
        hint: `Use a value from ${DATA_ACTION_TIMEOUT.min} to ${DATA_ACTION_TIMEOUT.max}.`,
      });
    }
    if (endpoint.successStatuses !== undefined && !DATA_ACTION_STATUS_REACHES_FLOW) {
      problems.push({
        code: 'target/unsupported',
        message: `Endpoint \`${endpoint.id}\` lists its success statuses; a Genesys data action succeeds on any 2xx and gives the flow no status code to tell them apart.`,
        path: [...endpoint.origin, 'response', 'successStatuses'],
        hint: 'Use `response: none` (any 2xx is success), have the endpoint answer a field to check under `response.fields` with `success`, or compile for CXone alone (`--target cxone`; `ivrflow test --engines spec,cxone`).',
      });
    }
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'gather') continue;
    if (node.digits.max > COLLECT_DIGITS.max) {
      problems.push({
        code: 'target/limit',
        message: `Gather \`${node.id}\` accepts ${node.digits.max} digits; Genesys collects at most ${COLLECT_DIGITS.max}.`,
        path: [...node.origin, 'digits'],
        hint: `Use at most ${COLLECT_DIGITS.max} digits.`,
      });
    }
    if (node.timeoutSeconds < NO_ENTRY_TIMEOUT.min || node.timeoutSeconds > NO_ENTRY_TIMEOUT.max) {
      problems.push({
        code: 'target/limit',
        message: `No-input timeout ${node.timeoutSeconds} s of gather \`${node.id}\` is outside the Genesys range of ${NO_ENTRY_TIMEOUT.min} to ${NO_ENTRY_TIMEOUT.max} s.`,
        path: [...node.origin, 'timeoutSeconds'],
        hint: `Use a value from ${NO_ENTRY_TIMEOUT.min} to ${NO_ENTRY_TIMEOUT.max}.`,
      });
    }
  }
  return problems;
}

/** A secure data action is called only by Call Secure Data, which exists only in secure flows (conventions.ts). */
function secureDataActionCalls(graph: FlowGraph): EmitProblem[] {
  const secureActions = new Set(graph.endpoints.filter(isSecureDataAction).map((endpoint) => endpoint.id));
  return graph.nodes.flatMap((node): EmitProblem[] =>
    node.kind === 'http' && !node.secure && secureActions.has(node.endpoint)
      ? [
          {
            code: 'target/unsupported',
            message: `Endpoint \`${node.endpoint}\` is a secure data action, which Genesys calls only from a secure call flow (Call Secure Data).`,
            path: node.origin,
            hint: 'Call the credential verifier from a step at or after `secure.entry`.',
          },
        ]
      : [],
  );
}
