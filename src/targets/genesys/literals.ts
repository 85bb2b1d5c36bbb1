import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { Literal } from '../../flowspec/types.js';
import type { FlowGraph, FlowNode, IrCondition, IrPrompt } from '../../ir/nodes.js';
import { literalPromptText } from '../../ir/prompt.js';
import type { EmitProblem } from '../artifact.js';
import { ARCHY_STRING_UNESCAPABLE } from './facts.js';

type SpecText = { text: string; path: SpecPath };

/** The report for a text the emitter would write as an Architect string literal but cannot (facts.ts). */
export function unescapableLiteral(text: string, path: SpecPath): EmitProblem | undefined {
  if (!ARCHY_STRING_UNESCAPABLE.test(text)) return undefined;
  return {
    code: 'target/unescapable',
    message: `\`${JSON.stringify(text).slice(1, -1)}\` holds a line break or control character, which an Architect string literal cannot carry.`,
    path,
    hint: 'Remove line breaks, tabs and control characters from values the flow compares or looks up.',
  };
}

/**
 * Every spec text the emitter writes as an Architect string literal (emit/expression.ts
 * `stringLiteral`), each at the value itself: a response's success value, route cases, menu keys,
 * condition operands and the text around a value a prompt speaks. A literal prompt is written as
 * `tts:` YAML, which carries any text.
 */
export function checkStringLiterals(graph: FlowGraph): EmitProblem[] {
  const found: SpecText[] = [];
  for (const endpoint of graph.endpoints) {
    const equals = endpoint.success?.equals;
    if (typeof equals === 'string') found.push({ text: equals, path: [...endpoint.origin, 'response', 'success', 'equals'] });
  }
  for (const node of graph.nodes) found.push(...nodeLiterals(node));
  return found.flatMap(({ text, path }) => unescapableLiteral(text, path) ?? []);
}

function nodeLiterals(node: FlowNode): SpecText[] {
  const found = 'prompt' in node && node.prompt ? promptLiterals(node.prompt, node.origin) : [];
  if (node.kind === 'route' && node.by)
    found.push(...node.cases.map(({ match }) => ({ text: match, path: [...node.origin, 'cases', match] })));
  if (node.kind === 'menu') found.push(...node.choices.map(({ key }) => ({ text: key, path: [...node.origin, 'choices'] })));
  if (node.kind === 'condition') found.push(...conditionLiterals(node.condition, [...node.origin, 'if']));
  return found;
}

function promptLiterals(prompt: IrPrompt, origin: SpecPath): SpecText[] {
  if (literalPromptText(prompt) !== undefined) return [];
  return prompt.flatMap((part) =>
    part.kind === 'tts'
      ? part.pieces.flatMap((piece) => (piece.kind === 'text' ? [{ text: piece.text, path: [...origin, ...part.at] }] : []))
      : [],
  );
}

/**
 * The string operands of a condition, each at its spec path (`if.any.0.equals`, `if.in.1`); an
 * explicit stack, as conditions nest as deep as the input allows.
 */
function conditionLiterals(condition: IrCondition, at: SpecPath): SpecText[] {
  const found: SpecText[] = [];
  const stack: { current: IrCondition; path: SpecPath }[] = [{ current: condition, path: at }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { current, path } = item;
    if (current.kind === 'all' || current.kind === 'any')
      stack.push(...current.items.map((child, index) => ({ current: child, path: [...path, current.kind, index] })));
    else if (current.kind === 'not') stack.push({ current: current.item, path: [...path, 'not'] });
    else if (Array.isArray(current.operand))
      (current.operand as readonly Literal[]).forEach((operand, index) => {
        if (typeof operand === 'string') found.push({ text: operand, path: [...path, current.operator, index] });
      });
    else if (typeof current.operand === 'string') found.push({ text: current.operand, path: [...path, current.operator] });
  }
  return found;
}
