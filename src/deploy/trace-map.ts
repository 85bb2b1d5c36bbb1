import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { FlowGraph } from '../ir/nodes.js';

/**
 * The spec step a platform message is about, when the message names one. Both emitters name vendor
 * actions after the step id (Genesys action `name: <step>` or `<step>: …`; CXone captions start with
 * the step too), so the longest step id that appears in the text as a whole word is the step. None
 * found: undefined, and the caller points at the flow as a whole.
 */
export function stepNamedIn(text: string, graph: FlowGraph): SpecPath | undefined {
  let best: { id: string; origin: SpecPath } | undefined;
  for (const node of graph.nodes) {
    if (best !== undefined && best.id.length >= node.id.length) continue;
    if (wholeWord(node.id).test(text)) best = { id: node.id, origin: node.origin };
  }
  return best?.origin;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (id: string): RegExp => new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(id)}($|[^A-Za-z0-9_-])`);
