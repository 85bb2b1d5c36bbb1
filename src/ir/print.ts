import type { FlowGraph, IrPrompt } from './nodes.js';
import { literalPromptText } from './prompt.js';

/** Stable JSON of the graph (the `ir` artifact). A literal prompt is written as its text, as before spec 1.1. */
export function printIr(graph: FlowGraph): string {
  return `${JSON.stringify(graph, (key, value: unknown) => (key === 'prompt' && Array.isArray(value) ? (literalPromptText(value as IrPrompt) ?? value) : value), 2)}\n`;
}
