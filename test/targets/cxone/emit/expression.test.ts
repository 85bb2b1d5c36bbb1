import { describe, expect, it } from 'vitest';
import type { IrCondition, IrReadable } from '../../../../src/ir/nodes.js';
import { conditionExpression } from '../../../../src/targets/cxone/emit/expression.js';

const tier: IrReadable = { kind: 'result', result: 'auth', field: 'tier', step: 'verify', endpoint: 'verify', type: 'string' };
const tries: IrReadable = { kind: 'variable', name: 'tries', type: 'integer', sensitive: false };
const compare = (
  operator: Extract<IrCondition, { kind: 'compare' }>['operator'],
  subject: IrReadable,
  operand: Extract<IrCondition, { kind: 'compare' }>['operand'],
): IrCondition => ({ kind: 'compare', operator, subject, operand });

describe('IF expressions', () => {
  it.each([
    [compare('equals', tier, 'gold'), '(auth_tier != "" & auth_tier = "gold")'],
    [compare('notEquals', tier, 'gold'), '(auth_tier != "" & auth_tier != "gold")'],
    [compare('in', tier, ['gold', 'platinum']), '(auth_tier != "" & (auth_tier = "gold" | auth_tier = "platinum"))'],
    [compare('exists', tier, true), 'auth_tier != ""'],
    [compare('exists', tier, false), 'auth_tier = ""'],
    [compare('atLeast', tries, 3), '(tries != "" & tries >= 3)'],
    [compare('equals', { kind: 'call', field: 'ani', type: 'string' }, '+1"555{x}'), '(ANI != "" & ANI = $"+1\\"555\\{x}")'],
  ])('guards every comparison: %j', (condition, expected) => {
    expect(conditionExpression(condition)).toBe(expected);
  });

  it('pushes not inward, so a missing value makes a negated comparison true', () => {
    expect(conditionExpression({ kind: 'not', item: compare('equals', tier, 'gold') })).toBe('(auth_tier = "" | auth_tier != "gold")');
    expect(conditionExpression({ kind: 'not', item: compare('greaterThan', tries, 2) })).toBe('(tries = "" | tries <= 2)');
    expect(
      conditionExpression({ kind: 'not', item: { kind: 'all', items: [compare('exists', tier, true), compare('lessThan', tries, 3)] } }),
    ).toBe('(auth_tier = "" | (tries = "" | tries >= 3))');
    expect(conditionExpression({ kind: 'not', item: { kind: 'not', item: compare('in', tier, ['a']) } })).toBe(
      '(auth_tier != "" & auth_tier = "a")',
    );
  });

  it('joins all with & and any with |', () => {
    expect(conditionExpression({ kind: 'any', items: [compare('exists', tier, true), compare('atMost', tries, 1)] })).toBe(
      '(auth_tier != "" | (tries != "" & tries <= 1))',
    );
  });
});
