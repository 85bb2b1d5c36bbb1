import type { FlowGraph, FlowNode } from './nodes.js';
import { literalPromptText } from './prompt.js';

/**
 * Stable JSON of the graph (the `ir` artifact). A literal prompt is written as its text, as before
 * spec 1.1. Prompts are fields of nodes only (nodes.ts), so the nodes that have one are copied with
 * the text in its place before `JSON.stringify`: a replacer function would be called for every key
 * of the graph and kept the dump off V8's fast serializer.
 */
export function printIr(graph: FlowGraph): string {
  return `${JSON.stringify({ ...graph, nodes: graph.nodes.map(withLiteralPromptText) }, null, 2)}\n`;
}

function withLiteralPromptText(node: FlowNode): object {
  if (!('prompt' in node) || node.prompt === undefined) return node;
  const text = literalPromptText(node.prompt);
  return text === undefined ? node : { ...node, prompt: text };
}
