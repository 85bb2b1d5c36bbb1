import type { RouteNode, RouteTarget } from '../../../../ir/nodes.js';
import { disconnect, exp, lit, NO_VALUE, type ArchyAction, type TransferToAcd } from '../archy.js';
import type { FlowContext } from '../context.js';
import { equalsExpression, readableExpression, stringLiteral } from '../expression.js';

/**
 * A route by value is a chain of `decision`s, one per case in spec order, ending in the default
 * (docs/genesys.md §2.4; `switch` is seen only in message and bot flows, §9.2).
 */
export function compileRoute(node: RouteNode, context: FlowContext): ArchyAction[] {
  const by = node.by;
  if (!by) return [transfer(node, node.id, node.fallback, [...node.origin, 'queue'], context)];
  return node.cases.reduceRight<ArchyAction[]>(
    (otherwise, { match, target }) => {
      const path = [...node.origin, 'cases', match];
      const condition = by.type === 'string' ? equalsExpression(by, match, context, path) : textMatch(by, match, context, path);
      return [
        {
          decision: {
            name: `${node.id}: ${match}?`,
            condition: exp(condition),
            outputs: { yes: { actions: [transfer(node, `${node.id}: ${match}`, target, path, context)] }, no: { actions: otherwise } },
          },
        },
      ];
    },
    [transfer(node, `${node.id}: default`, node.fallback, [...node.origin, 'default'], context)],
  );
}

/** Case keys are text; a number or boolean is compared through its text form, guarded by `IsSet`. */
function textMatch(by: NonNullable<RouteNode['by']>, match: string, context: FlowContext, path: readonly (string | number)[]): string {
  const subject = readableExpression(by, context, path);
  return `If(IsSet(${subject}), ToString(${subject}) == ${stringLiteral(match, context, path)}, false)`;
}

/**
 * docs/genesys.md §2.10: `transferToAcd` by queue name, with priority, skills (`FindSkill`) and the
 * prompt as pre-transfer audio. When the transfer fails the spec's onFailure runs, or the call ends.
 * In a secure call flow Genesys makes every transfer blind and replaces this path (§9.1).
 */
function transfer(
  node: RouteNode,
  name: string,
  target: RouteTarget,
  path: readonly (string | number)[],
  context: FlowContext,
): ArchyAction {
  const queueName = context.names.queues.get(target.queue) ?? target.queue;
  const action: TransferToAcd = {
    name,
    targetQueue: lit({ name: queueName }),
    priority: lit(target.priority),
    preferredAgents: NO_VALUE,
    languageSkill: NO_VALUE,
    acdSkills:
      target.skills.length === 0
        ? NO_VALUE
        : target.skills.map((skill) => ({ acdSkill: exp(`FindSkill(${stringLiteral(skill, context, [...path, 'skills'])})`) })),
    directAgent: NO_VALUE,
    preTransferAudio: node.prompt === undefined ? NO_VALUE : { tts: node.prompt },
    failureTransferAudio: NO_VALUE,
    failureOutputs: { errorType: NO_VALUE, errorMessage: NO_VALUE },
    outputs: {
      failure: { actions: node.onFailure === undefined ? [disconnect(`${node.id}: transfer failed`)] : context.follow(node.onFailure) },
    },
  };
  return { transferToAcd: action };
}
