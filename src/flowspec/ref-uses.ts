import type { SpecPath } from '../diagnostics/diagnostic.js';
import { isRefValue, type ConditionSpec, type FlowSpec } from './types.js';
import { assertNever } from '../util/assert.js';
import { promptRefs } from './prompts.js';
import { memoizeForLast } from '../util/memo.js';

/** Where a ref is read; the taint analysis treats each kind as a different sink. */
export type RefUse =
  | { kind: 'requestBody'; ref: string; path: SpecPath; endpoint: string; field: string }
  | { kind: 'urlParameter'; ref: string; path: SpecPath; endpoint: string; field: string; part: 'path' | 'query' }
  | { kind: 'assign'; ref: string; path: SpecPath; step: string; variable: string }
  | { kind: 'attribute'; ref: string; path: SpecPath; step: string; attribute: string }
  | { kind: 'condition'; ref: string; path: SpecPath; step: string }
  | { kind: 'routeBy'; ref: string; path: SpecPath; step: string }
  /** The number a transfer dials (spec 1.1): it leaves the platform, so a sensitive value must never reach it. */
  | { kind: 'transferNumber'; ref: string; path: SpecPath; step: string }
  | { kind: 'prompt'; ref: string; path: SpecPath; step: string }
  | { kind: 'export'; ref: string; path: SpecPath };

/**
 * Every ref the spec reads, in document order, with the path of its `ref` value. Collected once
 * per spec: the reference check, the taint analysis and several rules each walk them.
 */
export const collectRefUses: (spec: FlowSpec) => readonly RefUse[] = memoizeForLast(findRefUses);

function findRefUses(spec: FlowSpec): RefUse[] {
  const uses: RefUse[] = [];
  for (const [endpoint, definition] of Object.entries(spec.endpoints ?? {})) {
    for (const [field, value] of Object.entries(definition.body ?? {}))
      if (isRefValue(value))
        uses.push({ kind: 'requestBody', ref: value.ref, path: ['endpoints', endpoint, 'body', field, 'ref'], endpoint, field });
    for (const part of ['path', 'query'] as const)
      for (const [field, value] of Object.entries(definition[part] ?? {}))
        if (isRefValue(value))
          uses.push({ kind: 'urlParameter', ref: value.ref, path: ['endpoints', endpoint, part, field, 'ref'], endpoint, field, part });
  }
  for (const [step, definition] of Object.entries(spec.steps)) {
    if ('prompt' in definition && definition.prompt !== undefined)
      for (const { ref, path } of promptRefs(definition.prompt)) uses.push({ kind: 'prompt', ref, path: ['steps', step, ...path], step });
    // Each path is built only for a value that is a ref: most assigned and attribute values are literals.
    switch (definition.type) {
      case 'assign':
        for (const [variable, value] of Object.entries(definition.set))
          if (isRefValue(value))
            uses.push({ kind: 'assign', ref: value.ref, path: ['steps', step, 'set', variable, 'ref'], step, variable });
        break;
      case 'setAttributes':
        for (const [attribute, value] of Object.entries(definition.attributes))
          if (isRefValue(value))
            uses.push({ kind: 'attribute', ref: value.ref, path: ['steps', step, 'attributes', attribute, 'ref'], step, attribute });
        break;
      case 'condition':
        forEachComparison(definition.if, ['steps', step, 'if'], (comparison, path) =>
          uses.push({ kind: 'condition', ref: comparison.ref, path: [...path, 'ref'], step }),
        );
        break;
      case 'route':
        if (definition.by) uses.push({ kind: 'routeBy', ref: definition.by.ref, path: ['steps', step, 'by', 'ref'], step });
        break;
      case 'transfer':
        if ('number' in definition.to && typeof definition.to.number === 'object')
          uses.push({ kind: 'transferNumber', ref: definition.to.number.ref, path: ['steps', step, 'to', 'number', 'ref'], step });
        break;
      case 'play':
      case 'gather':
      case 'http':
      case 'retry':
      case 'menu':
      case 'disconnect':
        // No refs but their prompts' (above): their reads are in the endpoint bodies or in none. A new kind must say so here.
        break;
      default:
        return assertNever(definition);
    }
  }
  (spec.secure?.exports ?? []).forEach((ref, index) => uses.push({ kind: 'export', ref, path: ['secure', 'exports', index] }));
  return uses;
}

/** Visit the comparisons of a condition tree with their paths. */
export function forEachComparison(
  condition: ConditionSpec,
  path: SpecPath,
  visit: (comparison: Extract<ConditionSpec, { ref: string }>, path: SpecPath) => void,
): void {
  if ('all' in condition) condition.all.forEach((item, index) => forEachComparison(item, [...path, 'all', index], visit));
  else if ('any' in condition) condition.any.forEach((item, index) => forEachComparison(item, [...path, 'any', index], visit));
  else if ('not' in condition) forEachComparison(condition.not, [...path, 'not'], visit);
  else visit(condition, path);
}
