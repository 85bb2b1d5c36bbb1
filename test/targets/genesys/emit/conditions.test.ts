import { describe, expect, it } from 'vitest';
import { mutateFlow } from '../../../helpers/fixtures.js';
import { actionsOf, artifactOfKind, evaluateCondition, genesysArtifacts, NOT_SET, parseEmitted, type FlowValue } from './archy-helpers.js';

/** The compiled expression of `checkAccount` in pin-with-summary, with its `if` replaced. */
async function compiled(condition: unknown): Promise<string> {
  const artifacts = await genesysArtifacts(mutateFlow('pin-with-summary', { 'steps.checkAccount.if': condition }));
  const decision = actionsOf(parseEmitted(artifactOfKind(artifacts, 'secureCall').contents), 'decision').find(
    (action) => action['name'] === 'checkAccount',
  )!;
  return (decision['condition'] as { exp: string }).exp;
}

const status = (value: FlowValue): Record<string, FlowValue> => ({ 'Flow.auth_account_status': value });
const priority = (value: FlowValue): Record<string, FlowValue> => ({ 'Flow.auth_routing_priority': value });

/** [condition, variables, expected]: every comparison but `exists` is false on an unset value. */
const CASES: [string, unknown, Record<string, FlowValue>, boolean][] = [
  ['equals, unset', { ref: 'auth.account_status', equals: 'active' }, status(NOT_SET), false],
  ['equals, empty', { ref: 'auth.account_status', equals: '' }, status(''), false],
  ['equals, match', { ref: 'auth.account_status', equals: 'active' }, status('active'), true],
  ['notEquals, unset', { ref: 'auth.account_status', notEquals: 'active' }, status(NOT_SET), false],
  ['notEquals, other', { ref: 'auth.account_status', notEquals: 'active' }, status('closed'), true],
  ['notEquals, same', { ref: 'auth.account_status', notEquals: 'active' }, status('active'), false],
  ['in, unset', { ref: 'auth.account_status', in: ['active', 'past_due'] }, status(NOT_SET), false],
  ['in, last', { ref: 'auth.account_status', in: ['active', 'past_due'] }, status('past_due'), true],
  ['in, none', { ref: 'auth.account_status', in: ['active', 'past_due'] }, status('closed'), false],
  ['exists, unset', { ref: 'auth.account_status', exists: true }, status(NOT_SET), false],
  ['exists, set', { ref: 'auth.account_status', exists: true }, status('x'), true],
  ['exists false, unset', { ref: 'auth.account_status', exists: false }, status(NOT_SET), true],
  ['exists false, set', { ref: 'auth.account_status', exists: false }, status('x'), false],
  ['number exists false, unset', { ref: 'auth.routing_priority', exists: false }, priority(NOT_SET), true],
  ['greaterThan, unset', { ref: 'auth.routing_priority', greaterThan: 5 }, priority(NOT_SET), false],
  ['greaterThan, above', { ref: 'auth.routing_priority', greaterThan: 5 }, priority(6), true],
  ['greaterThan, equal', { ref: 'auth.routing_priority', greaterThan: 5 }, priority(5), false],
  ['lessThan, unset', { ref: 'auth.routing_priority', lessThan: 5 }, priority(NOT_SET), false],
  ['lessThan, below', { ref: 'auth.routing_priority', lessThan: 5 }, priority(0), true],
  ['atLeast, equal', { ref: 'auth.routing_priority', atLeast: 5 }, priority(5), true],
  ['atMost, unset', { ref: 'auth.routing_priority', atMost: 5 }, priority(NOT_SET), false],
  ['atMost, above', { ref: 'auth.routing_priority', atMost: 5 }, priority(6), false],
  ['not, unset', { not: { ref: 'auth.account_status', equals: 'active' } }, status(NOT_SET), true],
  [
    'all, one unset',
    {
      all: [
        { ref: 'auth.account_status', equals: 'active' },
        { ref: 'auth.routing_priority', atLeast: 1 },
      ],
    },
    { ...status('active'), ...priority(NOT_SET) },
    false,
  ],
  [
    'all, both',
    {
      all: [
        { ref: 'auth.account_status', equals: 'active' },
        { ref: 'auth.routing_priority', atLeast: 1 },
      ],
    },
    { ...status('active'), ...priority(2) },
    true,
  ],
  [
    'any, second',
    {
      any: [
        { ref: 'auth.account_status', equals: 'active' },
        { ref: 'auth.routing_priority', atLeast: 1 },
      ],
    },
    { ...status(NOT_SET), ...priority(2) },
    true,
  ],
  [
    'any, none',
    {
      any: [
        { ref: 'auth.account_status', equals: 'active' },
        { ref: 'auth.routing_priority', atLeast: 1 },
      ],
    },
    { ...status(NOT_SET), ...priority(NOT_SET) },
    false,
  ],
];

describe('compiled conditions', () => {
  it.each(CASES)('%s', async (_name, condition, variables, expected) => {
    expect(evaluateCondition(await compiled(condition), variables)).toBe(expected);
  });

  it('guards the success check of every http step', async () => {
    const artifacts = await genesysArtifacts(mutateFlow('pin-with-summary', {}));
    const checks = actionsOf(parseEmitted(artifactOfKind(artifacts, 'secureCall').contents), 'decision').filter((action) =>
      String(action['name']).endsWith('success?'),
    );
    for (const check of checks) {
      const expression = (check['condition'] as { exp: string }).exp;
      expect(evaluateCondition(expression, {})).toBe(false);
      expect(evaluateCondition(expression, { 'Flow.auth_status': '', 'Flow.summary_status': '' })).toBe(false);
    }
    expect(checks.length).toBeGreaterThan(1);
  });
});
