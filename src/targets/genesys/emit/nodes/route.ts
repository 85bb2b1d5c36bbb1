import type { RouteNode, RouteTarget } from '../../../../ir/nodes.js';
import { promptAudio } from './play.js';
import { disconnect, exp, lit, NO_VALUE, type ArchyAction, type ArchyValue, type TransferToAcd } from '../archy.js';
import { ROUTE_CASES_PER_CHAIN } from '../tasks.js';
import { LITERAL_PRIORITY_MAX } from '../../facts.js';
import type { FlowContext } from '../context.js';
import { equalsExpression, readableExpression, stringLiteral } from '../expression.js';

/**
 * A route by value is a chain of `decision`s, one per case in spec order, ending in the default
 * (docs/genesys.md §2.4; `switch` is seen only in message and bot flows, §9.2). Each case nests in
 * the previous one's `no` output, so a long chain is cut every ROUTE_CASES_PER_CHAIN cases: the
 * chains are laid one after another, and a chain's last `no` is empty, so a call no case of it
 * matched falls through to the next. Every `yes` ends in a transfer whose failure path ends the call
 * or the attempt, so nothing runs after a match.
 */
export function compileRoute(node: RouteNode, context: FlowContext): ArchyAction[] {
  const by = node.by;
  if (!by) return [transfer(node, node.id, node.fallback, [...node.origin, 'queue'], context)];
  const chains: ArchyAction[] = [];
  for (let first = 0; first < node.cases.length; first += ROUTE_CASES_PER_CHAIN) {
    const cases = node.cases.slice(first, first + ROUTE_CASES_PER_CHAIN);
    const last = first + ROUTE_CASES_PER_CHAIN >= node.cases.length;
    const otherwise = last ? [transfer(node, `${node.id}: default`, node.fallback, [...node.origin, 'default'], context)] : [];
    chains.push(...decisionChain(node, by, cases, otherwise, context));
  }
  return chains;
}

function decisionChain(
  node: RouteNode,
  by: NonNullable<RouteNode['by']>,
  cases: RouteNode['cases'],
  otherwise: ArchyAction[],
  context: FlowContext,
): ArchyAction[] {
  return cases.reduceRight<ArchyAction[]>((no, { match, target }) => {
    const path = [...node.origin, 'cases', match];
    const condition = by.type === 'string' ? equalsExpression(by, match, context, path) : textMatch(by, match, context, path);
    return [
      {
        decision: {
          name: `${node.id}: ${match}?`,
          condition: exp(condition),
          outputs: { yes: { actions: [transfer(node, `${node.id}: ${match}`, target, path, context)] }, no: { actions: no } },
        },
      },
    ];
  }, otherwise);
}

/**
 * A literal priority is 0 to 10 in the Architect core (its priority facet; "The value 50 must be less
 * than or equal to 10"); Genesys documents expression mode for more: "to create a priority of 100,
 * type 10 + 90" (https://help.mypurecloud.com/articles/set-up-a-transfer-to-acd-action/). The core
 * checks a lone constant expression against the same facet, so the documented sum is written.
 */
export function priority(value: number): ArchyValue {
  return value <= LITERAL_PRIORITY_MAX ? lit(value) : exp(`${LITERAL_PRIORITY_MAX} + ${value - LITERAL_PRIORITY_MAX}`);
}

/** Case keys are text; a number or boolean is compared through its text form, guarded by `IsSet`. */
function textMatch(by: NonNullable<RouteNode['by']>, match: string, context: FlowContext, path: readonly (string | number)[]): string {
  const subject = readableExpression(by, context, path);
  return `If(IsSet(${subject}), ToString(${subject}) == ${stringLiteral(match, context, path)}, false)`;
}

/**
 * docs/genesys.md §2.10: `transferToAcd` by queue name, with priority, skills by name and the
 * prompt as pre-transfer audio (left out when there is none; the failure audio is always left out,
 * as published flows do). When the transfer fails the spec's onFailure runs, or the call ends. In a
 * secure call flow Genesys makes every transfer blind and replaces this path (§9.1).
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
    priority: priority(target.priority),
    preferredAgents: NO_VALUE,
    languageSkill: NO_VALUE,
    acdSkills: target.skills.length === 0 ? NO_VALUE : target.skills.map((skill) => ({ acdSkill: lit({ name: skill }) })),
    directAgent: NO_VALUE,
    // Undefined when there is no prompt: the YAML writers leave the key out.
    preTransferAudio: node.prompt === undefined ? undefined : promptAudio(node.prompt, context, node.origin),
    failureOutputs: { errorType: NO_VALUE, errorMessage: NO_VALUE },
    outputs: {
      failure: { actions: node.onFailure === undefined ? [disconnect(`${node.id}: transfer failed`)] : context.follow(node.onFailure) },
    },
  };
  return { transferToAcd: action };
}
