import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import type { IrCondition, IrReadable, IrValue } from '../../../ir/nodes.js';
import type { Literal } from '../../../flowspec/types.js';
import { assertNever, invariant } from '../../../util/assert.js';
import { useVariable, type FlowContext } from './context.js';
import { CALL_FIELD_EXPRESSIONS } from '../conventions.js';
import { unescapableLiteral } from '../literals.js';

/**
 * An Architect string literal (facts.ts). A value it cannot carry is reported by check.ts before
 * emitting; the report here is the backstop.
 */
export function stringLiteral(text: string, context: FlowContext, path: SpecPath): string {
  const problem = unescapableLiteral(text, path);
  if (problem) context.problems.push(problem);
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

export function literalExpression(value: Literal, context: FlowContext, path: SpecPath): string {
  return typeof value === 'string' ? stringLiteral(value, context, path) : String(value);
}

/** docs/genesys.md §3.2: `Flow.` variables and read-only `Call.` built-ins. */
export function readableExpression(value: IrReadable, context: FlowContext, path: SpecPath): string {
  if (value.kind === 'call') return CALL_FIELD_EXPRESSIONS[value.field];
  const variable = context.variables.readable(value);
  // The message only when it fails: written out on every read it was a tenth of building a flow file.
  if (variable === undefined) invariant(false, `no Architect variable for ${JSON.stringify(value)}`);
  return useVariable(context, variable, false, path);
}

export function valueExpression(value: IrValue, context: FlowContext, path: SpecPath): string {
  return value.kind === 'literal' ? literalExpression(value.value, context, path) : readableExpression(value, context, path);
}

/** A readable as text for an attribute: guarded, so an unset number becomes "" (docs/genesys.md §2.7, §3.3). */
export function textExpression(value: IrReadable, context: FlowContext, path: SpecPath): string {
  const subject = readableExpression(value, context, path);
  return value.type === 'string' ? subject : `If(IsSet(${subject}), ToString(${subject}), "")`;
}

/**
 * A spec condition as one Architect expression in which every comparison is false on an unset value
 * (docs/genesys.md §2.4, §3.3: `If(IsNotSetOrEmpty(x), false, ...)`). Only `If`, `IsSet`,
 * `IsNotSetOrEmpty` and comparison operators are used: whether `and`/`or` short-circuit is UNVERIFIED.
 */
export function conditionExpression(condition: IrCondition, context: FlowContext, path: SpecPath): string {
  switch (condition.kind) {
    case 'compare':
      if (condition.operator === 'exists') return existsExpression(condition.subject, condition.operand !== false, context, path);
      return guarded(condition.subject, (subject) => comparison(subject, condition, context, path), context, path);
    case 'all':
      return foldRight(
        condition.items.map((item, index) => conditionExpression(item, context, [...path, 'all', index])),
        (head, rest) => `If(${head}, ${rest}, false)`,
      );
    case 'any':
      return foldRight(
        condition.items.map((item, index) => conditionExpression(item, context, [...path, 'any', index])),
        (head, rest) => `If(${head}, true, ${rest})`,
      );
    case 'not':
      return `If(${conditionExpression(condition.item, context, [...path, 'not'])}, false, true)`;
    default:
      return assertNever(condition);
  }
}

/**
 * `subject == value`, guarded: false when the subject is unset (or an empty string). `literalPath`
 * is where the value is written, for a diagnostic about it.
 */
export function equalsExpression(subject: IrReadable, value: Literal, context: FlowContext, path: SpecPath, literalPath = path): string {
  return guarded(subject, (text) => `${text} == ${literalExpression(value, context, literalPath)}`, context, path);
}

/** `exists: true` is the one comparison that is about the unset value itself. */
function existsExpression(subject: IrReadable, exists: boolean, context: FlowContext, path: SpecPath): string {
  const text = readableExpression(subject, context, path);
  return subject.type === 'string' ? `If(IsNotSetOrEmpty(${text}), ${!exists}, ${exists})` : `If(IsSet(${text}), ${exists}, ${!exists})`;
}

function guarded(subject: IrReadable, compare: (subject: string) => string, context: FlowContext, path: SpecPath): string {
  const text = readableExpression(subject, context, path);
  return subject.type === 'string'
    ? `If(IsNotSetOrEmpty(${text}), false, ${compare(text)})`
    : `If(IsSet(${text}), ${compare(text)}, false)`;
}

function comparison(subject: string, condition: Extract<IrCondition, { kind: 'compare' }>, context: FlowContext, path: SpecPath): string {
  const operand = condition.operand;
  // A comparison's operand is written under its operator's key (`equals: …`, `in: [...]`).
  const literalPath = [...path, condition.operator];
  const one = (value: Literal | readonly Literal[] | undefined) =>
    literalExpression(Array.isArray(value) ? (value[0] as Literal) : (value as Literal), context, literalPath);
  switch (condition.operator) {
    case 'exists':
      return 'true';
    case 'equals':
      return `${subject} == ${one(operand)}`;
    case 'notEquals':
      return `If(${subject} == ${one(operand)}, false, true)`;
    case 'in':
      return foldRight(
        (Array.isArray(operand) ? (operand as readonly Literal[]) : [operand as Literal]).map(
          (item, index) => `${subject} == ${literalExpression(item, context, [...literalPath, index])}`,
        ),
        (head, rest) => `If(${head}, true, ${rest})`,
      );
    case 'greaterThan':
      return `${subject} > ${one(operand)}`;
    case 'lessThan':
      return `${subject} < ${one(operand)}`;
    case 'atLeast':
      return `${subject} >= ${one(operand)}`;
    case 'atMost':
      return `${subject} <= ${one(operand)}`;
    default:
      return assertNever(condition.operator);
  }
}

function foldRight(items: readonly string[], join: (head: string, rest: string) => string): string {
  return items.reduceRight((rest, head) => join(head, rest));
}
