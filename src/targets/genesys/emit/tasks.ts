import type { FlowGraph } from '../../../ir/nodes.js';
import type { EmitProblem } from '../../artifact.js';
import type { ArchyAction, FlowType } from './archy.js';

/**
 * How the spec's graph is cut into Archy tasks so that a flow file grows linearly with its steps and
 * joins and nests boundedly. A step reached on several transitions (a join) gets its own task, and
 * so does a step whose actions would nest deeper than `MAX_NESTING`; the transition becomes
 * `jumpToTask` to it (published flows reach tasks by `targetTaskRef`, UNVERIFIED for `jumpToTask`
 * itself: unverified.ts). Inside a retry's loop nothing is cut: `loopNext` must stay within the
 * loop's own path ("This action must be within a loop path", the Architect core).
 */
export const MAX_NESTING = 12;

export class TaskLayout {
  private readonly refIds = new Map<string, string>();
  private readonly pending: string[] = [];
  /** Task root (undefined: the start task) → the task roots it jumps to, to find cycles. */
  private readonly jumps = new Map<string | undefined, Set<string>>();
  /** The root step of the task being built; undefined while building the start task. */
  current: string | undefined;

  constructor(
    private readonly flowType: FlowType,
    private readonly joins: ReadonlySet<string>,
  ) {}

  /** Whether a transition to `stepId`, at this nesting, jumps to its task instead of inlining it. */
  cuts(stepId: string, nesting: number, inLoop: boolean): boolean {
    if (inLoop || stepId === this.current) return false;
    return this.refIds.has(stepId) || this.joins.has(stepId) || nesting >= MAX_NESTING;
  }

  jumpTo(stepId: string): ArchyAction {
    let refId = this.refIds.get(stepId);
    if (refId === undefined) {
      refId = `step-${stepId}`;
      this.refIds.set(stepId, refId);
      this.pending.push(stepId);
    }
    const targets = this.jumps.get(this.current) ?? new Set<string>();
    targets.add(stepId);
    this.jumps.set(this.current, targets);
    return { jumpToTask: { name: `${stepId}: go to task`, targetTaskRef: `/${this.flowType}/tasks/task[${refId}]` } };
  }

  /** The next task to build, in the order they were first jumped to (deterministic output). */
  next(): { stepId: string; refId: string } | undefined {
    const stepId = this.pending.shift();
    return stepId === undefined ? undefined : { stepId, refId: this.refIds.get(stepId)! };
  }

  /**
   * Tasks that jump to each other in a circle with no retry between them run forever; inlining used
   * to catch that as a path reaching its own step. Iterative, so no input size can exhaust the stack.
   */
  cycleProblems(origin: (stepId: string) => readonly (string | number)[]): EmitProblem[] {
    const state = new Map<string, 'open' | 'done'>();
    for (const root of this.refIds.keys()) {
      if (state.has(root)) continue;
      const stack: { step: string; targets: string[] }[] = [{ step: root, targets: [...(this.jumps.get(root) ?? [])] }];
      state.set(root, 'open');
      while (stack.length > 0) {
        const top = stack.at(-1)!;
        const target = top.targets.pop();
        if (target === undefined) {
          state.set(top.step, 'done');
          stack.pop();
          continue;
        }
        if (state.get(target) === 'open')
          return [
            {
              code: 'target/unsupported',
              message: `Step \`${target}\` is reached again on its own path without a retry; the Genesys flow would never end.`,
              path: origin(target),
              hint: 'Go back through a `retry` step, which compiles to a loop.',
            },
          ];
        if (state.has(target)) continue;
        state.set(target, 'open');
        stack.push({ step: target, targets: [...(this.jumps.get(target) ?? [])] });
      }
    }
    return [];
  }
}

/** Steps entered by more than one transition of the graph. */
export function joinSteps(graph: FlowGraph): Set<string> {
  const incoming = new Map<string, number>();
  const count = (to: string) => incoming.set(to, (incoming.get(to) ?? 0) + 1);
  count(graph.start);
  for (const node of graph.nodes) for (const edge of node.edges) count(edge.to);
  if (graph.secure) count(graph.secure.onUnavailable);
  return new Set([...incoming].filter(([, total]) => total > 1).map(([step]) => step));
}
