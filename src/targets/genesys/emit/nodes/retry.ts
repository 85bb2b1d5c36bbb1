import type { RetryNode } from '../../../../ir/nodes.js';
import { lit, type ArchyAction } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';

/**
 * A bounded retry is a `loop` of maxAttempts passes (docs/genesys.md §2.8). A transition back to
 * the retry from inside its body is `loopNext` (§9.2); when the passes run out, the actions after
 * the loop run: the exhausted path. Paths that leave the body end in a transfer or a hang-up. A body
 * that never comes back runs once, after its counter is set, without a loop: the Architect core refuses a loop whose every
 * path terminates ("The loop path cannot be terminating"), and its exhausted path is unreachable.
 */
export function compileRetry(node: RetryNode, context: FlowContext): ArchyAction[] {
  context.loops.push(node.id);
  const body = context.follow(node.body);
  context.loops.pop();
  const counter = useVariable(context, context.variables.retryCounter(node.id), true, node.origin);
  if (!context.repeatedRetries.has(node.id)) return [onlyAttempt(node.id, counter), ...body];
  const loop: ArchyAction = {
    loop: { name: node.id, loopCount: lit(node.maxAttempts), currentIndex: { var: counter }, outputs: { loop: { actions: body } } },
  };
  return [loop, ...context.follow(node.onExhausted)];
}

/** The attempt counter of a retry that runs once, set as a loop's first pass would set it. */
function onlyAttempt(retryId: string, counter: string): ArchyAction {
  return { updateData: { name: retryId, statements: [{ integer: { variable: counter, value: lit(0) } }] } };
}

/** The transition back to an enclosing retry: the next pass of its loop. */
export function loopNext(retryId: string): ArchyAction {
  return { loopNext: { name: `${retryId}: next attempt` } };
}
