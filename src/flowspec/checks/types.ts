import { assertNever } from '../../util/assert.js';
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { isRefProblem } from '../flow-index.js';
import { forEachComparison } from '../ref-uses.js';
import {
  isRefValue,
  responseFieldType,
  responseSuccessOf,
  type ComparisonOperator,
  type Literal,
  type Value,
  type ValueType,
} from '../types.js';
import type { CheckContext } from './context.js';

/** Values meet the types declared for the variables and response fields they touch. */
export function checkTypes(context: CheckContext): void {
  checkDeclaredValues(context);
  checkSteps(context);
}

function checkDeclaredValues({ spec, sink }: CheckContext): void {
  for (const [name, variable] of Object.entries(spec.variables ?? {})) {
    if (variable.initial !== undefined && !fitsType(variable.initial, variable.type))
      mismatch(sink, ['variables', name, 'initial'], `The initial value of \`${name}\``, variable.initial, variable.type);
  }
  for (const [name, endpoint] of Object.entries(spec.endpoints ?? {})) {
    const success = responseSuccessOf(endpoint);
    const type = success ? responseFieldType(endpoint, success.field) : undefined;
    if (success && type && !fitsType(success.equals, type))
      mismatch(
        sink,
        ['endpoints', name, 'response', 'success', 'equals'],
        `The success value of \`${success.field}\``,
        success.equals,
        type,
      );
  }
}

function checkSteps(context: CheckContext): void {
  const { spec, index, sink } = context;
  for (const [id, step] of index.stepEntries) {
    const base = ['steps', id];
    switch (step.type) {
      case 'gather': {
        const type = spec.variables?.[step.into]?.type;
        if (type && type !== 'string')
          sink.report({
            code: 'type/mismatch',
            message: `Gather \`${id}\` stores digits into \`${step.into}\`, which is ${type}.`,
            path: [...base, 'into'],
            hint: 'Declare the variable as `type: string`: digits keep their leading zeros.',
          });
        if (typeof step.digits === 'object' && step.digits.min > step.digits.max)
          sink.report({
            code: 'type/mismatch',
            message: `Gather \`${id}\` has \`min\` ${step.digits.min} above \`max\` ${step.digits.max}.`,
            path: [...base, 'digits'],
            hint: '`min` is the fewest digits the caller may key and `max` the most: swap them.',
          });
        break;
      }
      case 'assign':
        for (const [variable, value] of Object.entries(step.set)) {
          const type = spec.variables?.[variable]?.type;
          if (type) checkValueFits(context, value, type, [...base, 'set', variable], `The value for \`${variable}\``);
        }
        break;
      case 'condition':
        forEachComparison(step.if, [...base, 'if'], (comparison, path) => {
          const resolved = index.resolveRef(comparison.ref);
          if (isRefProblem(resolved)) return;
          const operator = (Object.keys(comparison).find((key) => key !== 'ref') ?? 'exists') as ComparisonOperator;
          checkComparison(context, resolved.type, comparison.ref, operator, comparison[operator], [...path, operator]);
        });
        break;
      case 'play':
      case 'http':
      case 'retry':
      case 'route':
      case 'setAttributes':
      case 'menu':
      case 'transfer':
      case 'disconnect':
        // Nothing typed (a transfer's number is checked in transfers.ts) to compare: attributes take any value, the rest hold no values. A new kind must say so here.
        break;
      default:
        assertNever(step);
    }
  }
}

function checkComparison(
  context: CheckContext,
  type: ValueType,
  ref: string,
  operator: ComparisonOperator,
  operand: Literal | Literal[] | undefined,
  path: SpecPath,
): void {
  switch (operator) {
    case 'exists':
      return;
    case 'greaterThan':
    case 'lessThan':
    case 'atLeast':
    case 'atMost':
      if (type !== 'integer' && type !== 'number')
        context.sink.report({
          code: 'type/mismatch',
          message: `\`${ref}\` is ${type}; \`${operator}\` compares numbers.`,
          path,
          hint: 'Use `equals` or `in` for text, or declare the field as integer or number.',
        });
      return;
    case 'in':
      (operand as Literal[]).forEach((item, index) => {
        if (!fitsType(item, type)) mismatch(context.sink, [...path, index], `\`${ref}\``, item, type);
      });
      return;
    case 'equals':
    case 'notEquals':
      if (!fitsType(operand, type)) mismatch(context.sink, path, `\`${ref}\``, operand as Literal, type);
      return;
  }
}

function checkValueFits(context: CheckContext, value: Value, type: ValueType, path: SpecPath, subject: string): void {
  if (!isRefValue(value)) {
    if (!fitsType(value, type)) mismatch(context.sink, path, subject, value, type);
    return;
  }
  const resolved = context.index.resolveRef(value.ref);
  if (isRefProblem(resolved) || typesCompatible(resolved.type, type)) return;
  context.sink.report({
    code: 'type/mismatch',
    message: `${subject} is \`${value.ref}\`, which is ${resolved.type}, but the variable is ${type}.`,
    path: [...path, 'ref'],
    hint: `Read a ${type} value here, or declare the variable as \`type: ${resolved.type}\`.`,
  });
}

function typesCompatible(from: ValueType, to: ValueType): boolean {
  return from === to || (from === 'integer' && to === 'number');
}

/** Whether a value (a YAML literal, a JSON answer) fits a declared type. Strict: `"2"` is not an integer. */
export function fitsType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return assertNever(type);
  }
}

function mismatch(sink: CheckContext['sink'], path: SpecPath, subject: string, value: Literal, type: ValueType): void {
  const shown = typeof value === 'string' ? `the text "${value}"` : `${typeof value} ${String(value)}`;
  const hint =
    typeof value === 'string' && type !== 'string'
      ? 'Remove the quotes around the value.'
      : type === 'string'
        ? 'Quote the value to make it text.'
        : `Write a ${type} value.`;
  sink.report({ code: 'type/mismatch', message: `${subject} is ${type}, but the value is ${shown}.`, path, hint });
}
