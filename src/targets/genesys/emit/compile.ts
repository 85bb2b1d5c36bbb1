import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import type { FlowNode } from '../../../ir/nodes.js';
import { assertNever } from '../../../util/assert.js';
import { IVRFLOW_MAX_STEP_COPIES } from '../facts.js';
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

/**
 * Steps nested inside one another on a path back to an enclosing retry. Such a path must stay inside
 * the retry's Archy loop (tasks.ts), so it cannot be cut into tasks and nests one level per step.
 * Past this depth the flow is refused with a diagnostic rather than written: the emitter and the
 * YAML writer recurse per level. Paths that leave the retry are cut into tasks and never reach it.
 */
export const MAX_INLINED_DEPTH = 64;

/**
 * The actions for a transition to `stepId`. Archy nests actions in a tree and the spec is a graph:
 * a join, or a step nested too deep, becomes a task of its own reached by `jumpToTask` (tasks.ts);
 * on a path back to an enclosing retry a step reached on two paths is inlined on both. Cycles run
 * only through retries, which become loops.
 */
export function followStep(stepId: string, context: FlowContext): ArchyAction[] {
  const node = nodeById(context, stepId);
  if (node.kind === 'retry' && context.loops.includes(stepId)) return backToRetry(node, context);
  if (context.tasks.cuts(stepId, context.nesting, context.loops)) return [context.tasks.jumpTo(stepId)];
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
  if (++context.actionCount > IVRFLOW_MAX_STEP_COPIES) {
    if (context.actionCount === IVRFLOW_MAX_STEP_COPIES + 1)
      context.problems.push({
        code: 'target/limit',
        message: `The Genesys ${context.flowType} flow would write more than ${IVRFLOW_MAX_STEP_COPIES} steps (ivrflow's limit, not Genesys's): steps reached on several paths back to a retry are written once on each path, inside its loop.`,
        path: node.origin,
        onKey: true,
        hint: 'Join the paths after the attempt has succeeded or given up, outside the retry, or split the flow.',
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
      message: `Step \`${node.id}\` is ${MAX_INLINED_DEPTH} steps deep on a path back to ${retry === undefined ? 'a retry' : `retry \`${retry}\``} in the Genesys ${context.flowType} flow; ivrflow nests at most ${MAX_INLINED_DEPTH} steps inside one Archy loop (its limit, not Genesys's).`,
      path: node.origin,
      onKey: true,
      hint: "A path from a retry's body back to the retry stays inside its loop: shorten it (move steps before the retry, or after the attempt succeeds).",
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
