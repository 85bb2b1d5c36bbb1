import type { IrCondition } from '../../../ir/nodes.js';
import type { ComparisonOperator, Literal } from '../../../flowspec/types.js';
import { assertNever } from '../../../util/assert.js';
import { snippetString } from './escape.js';
import { readableName } from '../conventions.js';

/**
 * An IF `Expression` (docs/cxone.md §3 operators: `=`, `!=`, `<`, `>`, `<=`, `>=`, `&`, `|`).
 * Every comparison is guarded: an unset variable reads as "" and never compares true, as the
 * spec defines. There is no documented NOT operator, so `not` is pushed down (De Morgan).
 */
export function conditionExpression(condition: IrCondition, negated = false): string {
  switch (condition.kind) {
    case 'all':
    case 'any': {
      const joinAll = (condition.kind === 'all') !== negated;
      const parts = condition.items.map((item) => conditionExpression(item, negated));
      return parts.length === 1 ? parts[0]! : `(${parts.join(joinAll ? ' & ' : ' | ')})`;
    }
    case 'not':
      return conditionExpression(condition.item, !negated);
    case 'compare':
      return comparison(readableName(condition.subject), condition.operator, condition.operand, negated);
    default:
      return assertNever(condition);
  }
}

const NEGATED: Record<'greaterThan' | 'lessThan' | 'atLeast' | 'atMost', [string, string]> = {
  greaterThan: ['>', '<='],
  lessThan: ['<', '>='],
  atLeast: ['>=', '<'],
  atMost: ['<=', '>'],
};

function comparison(
  name: string,
  operator: ComparisonOperator,
  operand: Literal | readonly Literal[] | undefined,
  negated: boolean,
): string {
  const set = `${name} != ""`;
  const unset = `${name} = ""`;
  const guard = (test: string) => (negated ? `(${unset} | ${test})` : `(${set} & ${test})`);
  const values = (Array.isArray(operand) ? operand : [operand]) as Literal[];
  switch (operator) {
    case 'exists':
      return (operand === false) !== negated ? unset : set;
    case 'equals':
      return guard(`${name} ${negated ? '!=' : '='} ${literal(values[0]!)}`);
    case 'notEquals':
      return guard(`${name} ${negated ? '=' : '!='} ${literal(values[0]!)}`);
    case 'in': {
      const tests = values.map((value) => `${name} ${negated ? '!=' : '='} ${literal(value)}`);
      return guard(tests.length === 1 ? tests[0]! : `(${tests.join(negated ? ' & ' : ' | ')})`);
    }
    case 'greaterThan':
    case 'lessThan':
    case 'atLeast':
    case 'atMost':
      return guard(`${name} ${NEGATED[operator][negated ? 1 : 0]} ${literal(values[0]!)}`);
    default:
      return assertNever(operator);
  }
}

/** Numbers as numbers; strings and booleans as escaped Snippet strings. */
function literal(value: Literal): string {
  return typeof value === 'number' ? String(value) : snippetString(String(value));
}
