import { isTerminal } from '../transitions.js';
import type { CheckContext } from './context.js';

/** The step graph is usable: every step is reached, every path can end, every retry can stop. */
export function checkGraph(context: CheckContext): void {
  checkUnreachable(context);
  checkEveryPathCanEnd(context);
  checkRetries(context);
}

function checkUnreachable({ spec, index, sink }: CheckContext): void {
  if (!index.steps.has(spec.start)) return;
  const covered = new Set<string>();
  for (const id of index.steps.keys()) {
    if (index.reachable.has(id) || covered.has(id)) continue;
    const region = index.reachableFrom(id, index.reachable);
    for (const member of region) covered.add(member);
    const others = region.size - 1;
    const also = others > 0 ? ` (nor are the ${others} step${others === 1 ? '' : 's'} it leads to)` : '';
    sink.report({
      code: 'graph/unreachable-step',
      message: `Step \`${id}\` is never reached from \`${spec.start}\`${also}.`,
      path: ['steps', id],
      onKey: true,
      hint: 'Link it from another step, or delete it.',
    });
  }
}

/** Report where the caller enters a region of steps from which no route or disconnect can be reached. */
function checkEveryPathCanEnd({ spec, index, sink }: CheckContext): void {
  const canEnd = stepsThatCanEnd(index);
  const stuck = [...index.reachable].filter((id) => !canEnd.has(id));
  const stuckSet = new Set(stuck);
  for (const id of stuck) {
    const enteredFromOutside =
      id === spec.start || (index.predecessors.get(id) ?? []).some((from) => !stuckSet.has(from) && index.reachable.has(from));
    if (!enteredFromOutside) continue;
    sink.report({
      code: 'graph/no-end',
      message: `No path from step \`${id}\` reaches a route or a disconnect: the caller would loop forever.`,
      path: ['steps', id],
      onKey: true,
      hint: 'Give the loop a way out, or bound it with a retry step.',
    });
  }
}

function stepsThatCanEnd(index: CheckContext['index']): Set<string> {
  const { predecessors } = index;
  const canEnd = new Set<string>();
  const pending: string[] = [];
  for (const [id, step] of index.stepEntries) if (isTerminal(step)) pending.push(id);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (canEnd.has(id)) continue;
    canEnd.add(id);
    for (const from of predecessors.get(id) ?? []) pending.push(from);
  }
  return canEnd;
}

function checkRetries({ index, sink }: CheckContext): void {
  for (const [id, step] of index.stepsOfType('retry')) {
    if (!index.steps.has(step.onExhausted)) continue;
    // The exhausted path leads back into the retry exactly when it lies on a loop through it.
    if (step.onExhausted === id || index.sameLoop(step.onExhausted, id)) {
      sink.report({
        code: 'graph/retry-exhausted-loops',
        message: `The exhausted path of retry \`${id}\` leads back into the retry, so it is never really exhausted.`,
        path: ['steps', id, 'onExhausted'],
        hint: 'Send the exhausted path to a route or a disconnect.',
      });
    }
    const attempt = index.steps.has(step.body) && step.body !== id;
    if (attempt && index.retryLoops.get(id)?.repeatsFrom.length === 0) {
      sink.report({
        code: 'graph/retry-never-repeats',
        severity: 'warning',
        message: `No step of retry \`${id}\` leads back to it, so it never makes a second attempt.`,
        path: ['steps', id, 'body'],
        hint: `Send the failure path of the attempt to \`${id}\`.`,
      });
    }
  }
}
