import type { SpecPath } from '../diagnostics/diagnostic.js';
import { assertNever } from '../util/assert.js';
import type { FlowGraph, FlowNode, IrCondition, IrReadable, IrValue } from './nodes.js';
import { promptValues } from './prompt.js';

/** A value a node reads at run time, with the spec path of the `ref` (or prompt string) that names it. */
export interface NodeRead {
  value: IrReadable;
  path: SpecPath;
}

/** The flow value a read or write is about: a variable, or an http result (all its fields). */
export function valueKey(value: IrReadable): string | undefined {
  if (value.kind === 'variable') return `variable:${value.name}`;
  if (value.kind === 'result') return `result:${value.result}`;
  return undefined;
}

/** The keys (`valueKey`) of the values a node sets. */
export function nodeWrites(node: FlowNode): string[] {
  switch (node.kind) {
    case 'gather':
      return [`variable:${node.variable}`];
    case 'http':
      return [`result:${node.result}`];
    case 'assign':
      return node.assignments.map(({ variable }) => `variable:${variable}`);
    case 'play':
    case 'condition':
    case 'setAttributes':
    case 'retry':
    case 'route':
    case 'menu':
    case 'transfer':
    case 'disconnect':
      return [];
    default:
      return assertNever(node);
  }
}

/** Every value the node reads: its prompt, its condition, what it assigns or sends (an http step: its endpoint's request). */
export function nodeReads(node: FlowNode, graph: FlowGraph): NodeRead[] {
  const reads: NodeRead[] = [];
  const add = (value: IrValue, path: SpecPath) => {
    if (value.kind !== 'literal') reads.push({ value, path });
  };
  if ('prompt' in node && node.prompt !== undefined)
    for (const { value, at } of promptValues(node.prompt)) add(value, [...node.origin, ...at]);
  switch (node.kind) {
    case 'http': {
      const endpoint = graph.endpoints.find((candidate) => candidate.id === node.endpoint);
      if (!endpoint) break;
      for (const { field, value } of endpoint.body) add(value, [...endpoint.origin, 'body', field, 'ref']);
      for (const part of ['path', 'query'] as const)
        for (const { name, value } of endpoint[part]) add(value, [...endpoint.origin, part, name, 'ref']);
      break;
    }
    case 'assign':
      for (const { variable, value } of node.assignments) add(value, [...node.origin, 'set', variable, 'ref']);
      break;
    case 'setAttributes':
      for (const { name, value } of node.attributes) add(value, [...node.origin, 'attributes', name, 'ref']);
      break;
    case 'condition':
      reads.push(...conditionReads(node.condition, [...node.origin, 'if']));
      break;
    case 'route':
      if (node.by) add(node.by, [...node.origin, 'by', 'ref']);
      break;
    case 'transfer':
      if (node.target.kind === 'number') add(node.target.number, [...node.origin, 'to', 'number', 'ref']);
      break;
    case 'play':
    case 'gather':
    case 'retry':
    case 'menu':
    case 'disconnect':
      break;
    default:
      return assertNever(node);
  }
  return reads;
}

/** Iterative: conditions nest as deep as the spec's limits allow. */
function conditionReads(condition: IrCondition, path: SpecPath): NodeRead[] {
  const reads: NodeRead[] = [];
  const pending: { condition: IrCondition; path: SpecPath }[] = [{ condition, path }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.condition;
    if (current.kind === 'compare') reads.push({ value: current.subject, path: [...item.path, 'ref'] });
    else if (current.kind === 'not') pending.push({ condition: current.item, path: [...item.path, 'not'] });
    else current.items.forEach((child, index) => pending.push({ condition: child, path: [...item.path, current.kind, index] }));
  }
  return reads;
}
