import type { RetryNode } from '../../../../ir/nodes.js';
import { lit, type ArchyAction } from '../archy.js';
import { useVariable, type FlowContext } from '../context.js';

/**
 * A bounded retry is a `loop` of maxAttempts passes (docs/genesys.md §2.8). A transition back to
 * the retry from inside its body is `loopNext` (§9.2); when the passes run out, the actions after
 * the loop run: the exhausted path. Paths that leave the body end in a transfer or a hang-up.
 */
export function compileRetry(node: RetryNode, context: FlowContext): ArchyAction[] {
  const counter = useVariable(context, context.variables.retryCounter(node.id), true, node.origin);
  context.loops.push(node.id);
  const body = context.follow(node.body);
  context.loops.pop();
  const loop: ArchyAction = {
    loop: { name: node.id, loopCount: lit(node.maxAttempts), currentIndex: { var: counter }, outputs: { loop: { actions: body } } },
  };
  return [loop, ...context.follow(node.onExhausted)];
}

/** The transition back to an enclosing retry: the next pass of its loop. */
export function loopNext(retryId: string): ArchyAction {
  return { loopNext: { name: `${retryId}: next attempt` } };
}
