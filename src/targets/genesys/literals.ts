import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph, IrCondition } from '../../ir/nodes.js';
import { literalPromptText } from '../../ir/prompt.js';
import type { EmitProblem } from '../artifact.js';
import { UNESCAPABLE_IN_STRING_LITERAL } from './facts.js';

/** The report for a text the emitter would write as an Architect string literal but cannot (facts.ts). */
export function unescapableLiteral(text: string, path: SpecPath): EmitProblem | undefined {
  if (!UNESCAPABLE_IN_STRING_LITERAL.test(text)) return undefined;
  return {
    code: 'target/unescapable',
    message: `\`${JSON.stringify(text).slice(1, -1)}\` holds a line break or control character, which an Architect string literal cannot carry.`,
    path,
    hint: 'Remove line breaks, tabs and control characters from values the flow compares or looks up.',
  };
}

/**
 * Every spec text the emitter writes as a string literal, at the path it reports: compared values
 * (conditions, route cases, the success check) and the text of a prompt that speaks a value (a
 * literal prompt is written as plain `tts`, which carries any text).
 */
export function checkStringLiterals(graph: FlowGraph): EmitProblem[] {
  const texts: { text: string; path: SpecPath }[] = [];
  for (const endpoint of graph.endpoints)
    if (typeof endpoint.success?.equals === 'string')
      texts.push({ text: endpoint.success.equals, path: [...endpoint.origin, 'response', 'success'] });
  for (const node of graph.nodes) {
    if ('prompt' in node && node.prompt !== undefined && literalPromptText(node.prompt) === undefined)
      for (const part of node.prompt)
        if (part.kind === 'tts')
          for (const piece of part.pieces) if (piece.kind === 'text') texts.push({ text: piece.text, path: [...node.origin, ...part.at] });
    if (node.kind === 'condition') texts.push(...conditionTexts(node.condition, [...node.origin, 'if']));
    if (node.kind === 'route' && node.by !== undefined)
      for (const { match } of node.cases) texts.push({ text: match, path: [...node.origin, 'cases', match] });
  }
  return texts.flatMap(({ text, path }) => unescapableLiteral(text, path) ?? []);
}

function conditionTexts(condition: IrCondition, path: SpecPath): { text: string; path: SpecPath }[] {
  const texts: { text: string; path: SpecPath }[] = [];
  const pending = [condition];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (current.kind === 'not') pending.push(current.item);
    else if (current.kind !== 'compare') pending.push(...current.items);
    else for (const operand of [current.operand].flat()) if (typeof operand === 'string') texts.push({ text: operand, path });
  }
  return texts;
}
