import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { Literal } from '../../flowspec/types.js';
import type { FlowGraph, FlowNode, IrCondition, IrPrompt } from '../../ir/nodes.js';
import { literalPromptText } from '../../ir/prompt.js';
import type { EmitProblem } from '../artifact.js';
import {
  ARCHY_STRING_UNESCAPABLE,
  COLLECT_DIGITS,
  COLLECT_NO_ENTRY_TIMEOUT_SECONDS as NO_ENTRY_TIMEOUT,
  DATA_ACTION_STATUS_REACHES_FLOW,
  DATA_ACTION_TIMEOUT_SECONDS as DATA_ACTION_TIMEOUT,
} from './facts.js';

/**
 * Genesys limits the spec schema does not know, reported once at the spec value that breaks them.
 * The target registry runs this for `validate` and `generate` alike; the emitter trusts it.
 */
export function checkGenesys(graph: FlowGraph): EmitProblem[] {
  const problems: EmitProblem[] = [];
  for (const endpoint of graph.endpoints) {
    const seconds = endpoint.timeoutSeconds;
    if (seconds < DATA_ACTION_TIMEOUT.min || seconds > DATA_ACTION_TIMEOUT.max) {
      problems.push({
        code: 'target/limit',
        message: `Timeout ${seconds} s of endpoint \`${endpoint.id}\` is outside the Genesys data action range of ${DATA_ACTION_TIMEOUT.min} to ${DATA_ACTION_TIMEOUT.max} s.`,
        path: [...endpoint.origin, 'timeoutSeconds'],
        hint: `Use a value from ${DATA_ACTION_TIMEOUT.min} to ${DATA_ACTION_TIMEOUT.max}.`,
      });
    }
    if (endpoint.successStatuses !== undefined && !DATA_ACTION_STATUS_REACHES_FLOW) {
      problems.push({
        code: 'target/unsupported',
        message: `Endpoint \`${endpoint.id}\` lists its success statuses; a Genesys data action succeeds on any 2xx and gives the flow no status code to tell them apart.`,
        path: [...endpoint.origin, 'response', 'successStatuses'],
        hint: 'Use `response: none` (any 2xx is success), have the endpoint answer a field to check under `response.fields` with `success`, or compile for CXone alone (`--target cxone`; `ivrflow test --engines spec,cxone`).',
      });
    }
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'gather') continue;
    if (node.digits.max > COLLECT_DIGITS.max) {
      problems.push({
        code: 'target/limit',
        message: `Gather \`${node.id}\` accepts ${node.digits.max} digits; Genesys collects at most ${COLLECT_DIGITS.max}.`,
        path: [...node.origin, 'digits'],
        hint: `Use at most ${COLLECT_DIGITS.max} digits.`,
      });
    }
    if (node.timeoutSeconds < NO_ENTRY_TIMEOUT.min || node.timeoutSeconds > NO_ENTRY_TIMEOUT.max) {
      problems.push({
        code: 'target/limit',
        message: `No-input timeout ${node.timeoutSeconds} s of gather \`${node.id}\` is outside the Genesys range of ${NO_ENTRY_TIMEOUT.min} to ${NO_ENTRY_TIMEOUT.max} s.`,
        path: [...node.origin, 'timeoutSeconds'],
        hint: `Use a value from ${NO_ENTRY_TIMEOUT.min} to ${NO_ENTRY_TIMEOUT.max}.`,
      });
    }
  }
  problems.push(...unescapableLiterals(graph));
  return problems;
}

export function unescapableProblem(text: string, path: SpecPath): EmitProblem {
  return {
    code: 'target/unescapable',
    message: `\`${JSON.stringify(text).slice(1, -1)}\` holds a line break or control character, which an Architect string literal cannot carry.`,
    path,
    hint: 'Remove line breaks, tabs and control characters from values the flow compares or looks up.',
  };
}

/**
 * The strings the emitter writes as Architect string literals (emit/expression.ts `stringLiteral`):
 * a response's success value, route cases, menu keys, condition operands and the text around a
 * value a prompt speaks. A literal prompt is written as `tts:` YAML, which carries any text.
 */
function unescapableLiterals(graph: FlowGraph): EmitProblem[] {
  const found: { text: string; path: SpecPath }[] = [];
  for (const endpoint of graph.endpoints) {
    const equals = endpoint.success?.equals;
    if (typeof equals === 'string') found.push({ text: equals, path: [...endpoint.origin, 'response', 'success', 'equals'] });
  }
  for (const node of graph.nodes) found.push(...nodeLiterals(node));
  return found.filter(({ text }) => ARCHY_STRING_UNESCAPABLE.test(text)).map(({ text, path }) => unescapableProblem(text, path));
}

function nodeLiterals(node: FlowNode): { text: string; path: SpecPath }[] {
  const found = 'prompt' in node && node.prompt ? promptLiterals(node.prompt, node.origin) : [];
  if (node.kind === 'route' && node.by)
    found.push(...node.cases.map(({ match }) => ({ text: match, path: [...node.origin, 'cases', match] })));
  if (node.kind === 'menu') found.push(...node.choices.map(({ key }) => ({ text: key, path: [...node.origin, 'choices'] })));
  if (node.kind === 'condition') found.push(...conditionLiterals(node.condition, [...node.origin, 'if']));
  return found;
}

function promptLiterals(prompt: IrPrompt, origin: SpecPath): { text: string; path: SpecPath }[] {
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
function conditionLiterals(condition: IrCondition, at: SpecPath): { text: string; path: SpecPath }[] {
  const found: { text: string; path: SpecPath }[] = [];
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
