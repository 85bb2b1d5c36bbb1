import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import type { FlowNode } from '../../../ir/nodes.js';
import { assertNever } from '../../../util/assert.js';
import { disconnect, type ArchyAction } from './archy.js';
import { nodeById, type FlowContext } from './context.js';
import { compileCondition } from './nodes/condition.js';
import { compileGather } from './nodes/gather.js';
import { compileHttp } from './nodes/http.js';
import { compileRetry, loopNext } from './nodes/retry.js';
import { compileRoute } from './nodes/route.js';
import { compileMenu } from './nodes/menu.js';
import { compileTransfer } from './nodes/transfer.js';
import { compileAssign } from './nodes/assign.js';
import { compileDisconnect } from './nodes/disconnect.js';
import { compilePlay } from './nodes/play.js';
import { compileSetAttributes } from './nodes/set-attributes.js';

/** Inlining inside loops copies a shared step once per path to it; beyond this many actions per file, stop. */
export const MAX_ACTIONS_PER_FLOW = 2000;

/**
 * Steps nested inside one another within a task. Outside loops the layout cuts at MAX_NESTING; inside
 * a retry's loop it cannot (tasks.ts), so a long path after a retry's body nests one level per step.
 * Past this depth the flow is refused with a diagnostic rather than written: the YAML writer
 * recurses per level and a path of a few hundred steps would exhaust the stack (a 1,000-step chain
 * of retries did).
 */
export const MAX_INLINED_DEPTH = 64;

/**
 * The actions for a transition to `stepId`. Archy nests actions in a tree and the spec is a graph:
 * a join, or a step nested too deep, becomes a task of its own reached by `jumpToTask` (tasks.ts);
 * inside a retry's loop a step reached on two paths is inlined on both. Cycles run only through
 * retries, which become loops.
 */
export function followStep(stepId: string, context: FlowContext): ArchyAction[] {
  const node = nodeById(context, stepId);
  if (node.kind === 'retry' && context.loops.includes(stepId)) return backToRetry(node, context);
  if (context.tasks.cuts(stepId, context.nesting, context.loops.length > 0)) return [context.tasks.jumpTo(stepId)];
  return compileStep(node, context);
}

/** A step's own actions, inlined where the transition is (or as the body of its task). */
export function compileStep(node: FlowNode, context: FlowContext): ArchyAction[] {
  const stepId = node.id;
  if (context.expanding.includes(stepId)) {
    context.problems.push({
      code: 'target/unsupported',
      message: `Step \`${stepId}\` is reached again on its own path without a retry; Archy flows are trees.`,
      path: transitionPath(context, stepId),
      hint: 'Go back through a `retry` step, which compiles to a loop.',
    });
    return [disconnect(`${stepId}: cycle`)];
  }
  if (++context.actionCount > MAX_ACTIONS_PER_FLOW) {
    if (context.actionCount === MAX_ACTIONS_PER_FLOW + 1)
      context.problems.push({
        code: 'target/limit',
        message: `Inlining shared steps makes the ${context.flowType} flow larger than ${MAX_ACTIONS_PER_FLOW} actions.`,
        path: node.origin,
        onKey: true,
        hint: 'Reduce the number of paths that lead to the same steps.',
      });
    return [disconnect(`${stepId}: too large`)];
  }
  if (context.nesting >= MAX_INLINED_DEPTH) return [tooDeep(node, context)];
  context.expanding.push(stepId);
  context.nesting += 1;
  const actions = compileNode(node, context);
  context.nesting -= 1;
  context.expanding.pop();
  return actions;
}

/** Reported once per flow file: every deeper step would repeat it. */
function tooDeep(node: FlowNode, context: FlowContext): ArchyAction {
  if (!context.tooDeepReported) {
    context.tooDeepReported = true;
    const retry = context.loops.at(-1);
    context.problems.push({
      code: 'target/limit',
      message: `Step \`${node.id}\` would nest ${MAX_INLINED_DEPTH} steps deep in the ${context.flowType} flow${retry === undefined ? '' : `, inside the loop of retry \`${retry}\``}; ivrflow writes at most ${MAX_INLINED_DEPTH}.`,
      path: node.origin,
      onKey: true,
      hint: 'Inside a retry every step after a successful attempt nests in its loop: end the attempt sooner (route or hang up), or split the flow.',
    });
  }
  return disconnect(`${node.id}: too deep`);
}

/** `loopNext` only continues the innermost loop (docs/genesys.md §9.2). */
function backToRetry(node: FlowNode, context: FlowContext): ArchyAction[] {
  if (context.loops.at(-1) === node.id) {
    context.repeatedRetries.add(node.id);
    return [loopNext(node.id)];
  }
  context.problems.push({
    code: 'target/unsupported',
    message: `A step inside another retry goes back to retry \`${node.id}\`; Archy continues only the innermost loop.`,
    path: transitionPath(context, node.id),
    hint: 'Leave the inner retry through its `onExhausted` path first.',
  });
  return [disconnect(`${node.id}: unsupported jump`)];
}

/** The spec key of the transition being followed: on the step whose subtree is being built. */
function transitionPath(context: FlowContext, to: string): SpecPath {
  const from = context.expanding.at(-1);
  if (from === undefined) return nodeById(context, to).origin;
  const source = nodeById(context, from);
  const edge = source.edges.find((candidate) => candidate.to === to);
  return edge ? [...source.origin, edge.name] : source.origin;
}

function compileNode(node: FlowNode, context: FlowContext): ArchyAction[] {
  switch (node.kind) {
    case 'play':
      return compilePlay(node, context);
    case 'gather':
      return compileGather(node, context);
    case 'http':
      return compileHttp(node, context);
    case 'condition':
      return compileCondition(node, context);
    case 'assign':
      return compileAssign(node, context);
    case 'setAttributes':
      return compileSetAttributes(node, context);
    case 'retry':
      return compileRetry(node, context);
    case 'route':
      return compileRoute(node, context);
    case 'menu':
      return compileMenu(node, context);
    case 'transfer':
      return compileTransfer(node, context);
    case 'disconnect':
      return compileDisconnect(node, context);
    default:
      return assertNever(node);
  }
}
