import type { FlowGraph } from '../../../ir/nodes.js';
import { stronglyConnected } from '../../../util/strongly-connected.js';
import type { EmitProblem } from '../../artifact.js';
import type { ArchyAction, FlowType } from './archy.js';

/**
 * How the spec's graph is cut into Archy tasks so that a flow file grows linearly with its steps and
 * joins and nests boundedly. A step reached on several transitions (a join) gets its own task, and
 * so does a step whose actions would nest deeper than `MAX_NESTING`; the transition becomes
 * `jumpToTask` to it (published flows reach tasks by `targetTaskRef`, UNVERIFIED for `jumpToTask`
 * itself: unverified.ts). Inside a retry's loop the same holds for the steps that never lead back
 * to the retry (the exits of an attempt): `jumpToTask` ends the task, so in the loop it is one more
 * terminating path, and the Architect core refuses a loop only when every path of it terminates
 * ("The loop path cannot be terminating", `LoopAction.validate` in npm
 * purecloud-flow-scripting-api-sdk-javascript@0.0.18, where `TaskTransferAction`, the jump, has no
 * loop rule). The steps on a path back to an enclosing retry are never cut: `loopNext` must stay
 * within the loop's own path ("This action must be within a loop path", the same core).
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
    /** Each step's strongly connected component: a step leads back to a retry it was reached from only inside the retry's component. */
    private readonly components: ReadonlyMap<string, number>,
  ) {}

  /**
   * Whether a transition to `stepId`, at this nesting and inside the loops of `loops` (retry ids),
   * jumps to its task instead of inlining it.
   */
  cuts(stepId: string, nesting: number, loops: readonly string[]): boolean {
    if (stepId === this.current || this.leadsBack(stepId, loops)) return false;
    return this.refIds.has(stepId) || this.joins.has(stepId) || nesting >= MAX_NESTING;
  }

  /** Whether `stepId`, reached inside the loops of `loops`, can lead back to one of those retries. */
  leadsBack(stepId: string, loops: readonly string[]): boolean {
    const component = this.components.get(stepId);
    return loops.some((retry) => this.components.get(retry) === component);
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

/**
 * Steps entered by more than one transition of the graph. A route's `onFailure` is entered from each
 * of its transfers; past one chain of decisions (route.ts) it counts as a join, so its path is
 * written once in a task instead of once per case.
 */
export function joinSteps(graph: FlowGraph): Set<string> {
  const incoming = new Map<string, number>();
  const count = (to: string, times = 1) => incoming.set(to, (incoming.get(to) ?? 0) + times);
  count(graph.start);
  for (const node of graph.nodes) for (const edge of node.edges) count(edge.to);
  for (const node of graph.nodes)
    if (node.kind === 'route' && node.onFailure !== undefined && node.cases.length > ROUTE_CASES_PER_CHAIN) count(node.onFailure);
  if (graph.secure) count(graph.secure.onUnavailable);
  const joins = new Set<string>();
  for (const [step, total] of incoming) if (total > 1) joins.add(step);
  return joins;
}

/** Each step's strongly connected component (iterative, util/strongly-connected.ts). */
export function stepComponents(graph: FlowGraph): Map<string, number> {
  // Filled by a loop, as index.ts `byId`: `new Map` of mapped pairs iterates them once more.
  const successors = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const targets = node.edges.map((edge) => edge.to);
    successors.set(node.id, targets);
  }
  const components = stronglyConnected(
    graph.nodes.map((node) => node.id),
    (id) => successors.get(id) ?? [],
  );
  const byStep = new Map<string, number>();
  for (const [index, members] of components.entries()) for (const step of members) byStep.set(step, index);
  return byStep;
}

/**
 * A route by value writes one `decision` per case, each in the previous one's `no` output (route.ts).
 * The chain is cut after this many: the last decision of a chain has an empty `no`, so the call falls
 * through to the next chain, laid after it in the same action list. The nesting stays bounded and
 * nothing needs a task, which matters inside a retry's loop, where `loopNext` cannot move to one.
 */
export const ROUTE_CASES_PER_CHAIN = 10;
