import type { RouteNode, RouteTarget } from '../../../../ir/nodes.js';
import { action, playAction } from '../actions.js';
import { catalogEntry } from '../../catalog/index.js';
import { matchCase, named, next, stepKey, type DraftAction, type DraftBranch, type MapContext } from '../draft.js';
import { skillValue } from '../../skills.js';
import { caption, readableName } from '../../conventions.js';
import { findErrorBranch } from '../../catalog/rest-api-roles.js';

/** REQAGENT defaults when the spec says nothing (docs/cxone.md §2, §6.4: Acceleration 1/min, MaxPriority 1000). */
export const DEFAULT_ACCELERATION = 1;
export const DEFAULT_MAX_PRIORITY = 1000;

/**
 * route → [PLAY] → [CASE on `by`] → REQAGENT per target (PriorityManagement Custom, the spec's
 * priority) → MUSIC hold loop (docs/cxone.md §6.4; MCP: an unwired REQAGENT Default warns).
 */
export function mapRoute(node: RouteNode, ctx: MapContext): DraftAction[] {
  const targets: { key: string; target: RouteTarget; path: (string | number)[] }[] = node.cases.map((item, position) => ({
    key: stepKey(node.id, `queue:${position}`),
    target: item.target,
    path: ['cases', item.match],
  }));
  const fallback = { key: stepKey(node.id, 'queue:default'), target: node.fallback, path: node.by === undefined ? [] : ['default'] };
  const select = node.by === undefined ? fallback.key : stepKey(node.id, 'select');
  const actions: DraftAction[] = [];
  if (node.prompt !== undefined) actions.push(playAction(stepKey(node.id), caption(node.id), node.prompt, select));
  if (node.by !== undefined) {
    const key = node.prompt === undefined ? stepKey(node.id) : select;
    actions.push(
      action(key, 'CASE', caption(node.id, 'by value'), { Variable: readableName(node.by) }, [
        next(fallback.key),
        ...node.cases.map((item, position) => matchCase(item.match, targets[position]!.key)),
      ]),
    );
  }
  const all = [...targets, fallback];
  const entryKey = node.prompt === undefined && node.by === undefined ? stepKey(node.id) : undefined;
  for (const [position, item] of all.entries()) {
    const key = entryKey !== undefined && item === fallback ? entryKey : item.key;
    actions.push(...queueActions(node, ctx, key, item.target, position));
  }
  reportUnwiredFailure(node, ctx);
  return actions;
}

function queueActions(node: RouteNode, ctx: MapContext, key: string, target: RouteTarget, position: number): DraftAction[] {
  const hold = `${key}:hold`;
  const failure = findErrorBranch(catalogEntry(ctx.catalog, 'REQAGENT')!);
  const branches: DraftBranch[] = [next(hold)];
  if (failure !== undefined && node.onFailure !== undefined) branches.push(named(failure, ctx.enter(node, node.onFailure)));
  const properties = {
    Skill: skillValue(ctx.graph, target.queue),
    PriorityManagement: 'Custom',
    InitialPriority: String(target.priority),
    Acceleration: String(DEFAULT_ACCELERATION),
    MaxPriority: String(DEFAULT_MAX_PRIORITY),
  };
  const which = node.by === undefined ? '' : position < node.cases.length ? `, case ${node.cases[position]!.match}` : ', default';
  const label = caption(node.id, `queue ${target.queue}${which}`);
  return [
    action(key, 'REQAGENT', label, properties, branches),
    action(hold, 'MUSIC', caption(node.id, `hold ${target.queue}`), {}, [next(hold)]),
  ];
}

/** Depends on the tenant catalog, so only the emitter knows; ignored `skills` are check.ts's. */
function reportUnwiredFailure(node: RouteNode, ctx: MapContext): void {
  if (node.onFailure !== undefined && findErrorBranch(catalogEntry(ctx.catalog, 'REQAGENT')!) === undefined) {
    ctx.report({
      code: 'target/unsupported',
      severity: 'info',
      message: `CXone REQAGENT has no documented failure branch, so \`onFailure\` is not wired in the script; the caller waits in queue with hold music.`,
      path: [...node.origin, 'onFailure'],
      hint: 'A tenant catalog (--cxone-catalog) whose REQAGENT entry has an `Error` or `OnError` branch wires it.',
    });
  }
}
