import type { FlowGraph, FlowNode } from '../ir/nodes.js';
import type { IrPrompt } from '../ir/nodes.js';
import { promptCaption } from '../ir/prompt.js';
import { assertNever } from '../util/assert.js';

/** The diagram languages `ivrflow graph` writes. */
export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}

/** One box of the diagram, read from any IR node: nothing here knows a step kind, so a new kind renders as it is. */
interface Box {
  id: string;
  lines: string[];
  secure: boolean;
  sensitive: boolean;
}

interface Arrow {
  from: string;
  to: string;
  label: string;
  /** The secure section's way out when the platform cannot enter it: not a step's own transition. */
  dashed: boolean;
}

const LOCK = '\u{1F512}';
const PROMPT_CHARACTERS = 60;
const SECURE_TITLE = `${LOCK} secure section`;

/** Render the step graph of a checked flow. Same graph, same bytes. */
export function renderGraph(graph: FlowGraph, format: GraphFormat): string {
  const boxes = graph.nodes.map(boxOf);
  const arrows = arrowsOf(graph);
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph.start, boxes, arrows);
    case 'dot':
      return renderDot(graph.name, graph.start, boxes, arrows);
    default:
      return assertNever(format);
  }
}

function boxOf(node: FlowNode): Box {
  const sensitive = 'sensitive' in node && node.sensitive;
  const prompt = promptText(node);
  return {
    id: node.id,
    lines: [node.id, sensitive ? `${node.kind} ${LOCK} sensitive` : node.kind, ...(prompt === undefined ? [] : [prompt])],
    secure: node.secure,
    sensitive,
  };
}

/** The prompt of a step that has a literal one, on one line and shortened: a review aid, not the script. */
function promptText(node: FlowNode): string | undefined {
  const prompt = 'prompt' in node ? (node as { prompt?: IrPrompt }).prompt : undefined;
  if (prompt === undefined) return undefined;
  const oneLine = promptCaption(prompt).replace(/\s+/g, ' ').trim();
  return oneLine.length > PROMPT_CHARACTERS ? `${[...oneLine].slice(0, PROMPT_CHARACTERS).join('')}…` : oneLine;
}

function arrowsOf(graph: FlowGraph): Arrow[] {
  const arrows = graph.nodes.flatMap((node) => node.edges.map((edge) => ({ from: node.id, to: edge.to, label: edge.name, dashed: false })));
  if (graph.secure) arrows.push({ from: graph.secure.entry, to: graph.secure.onUnavailable, label: 'onUnavailable', dashed: true });
  return arrows;
}

// Mermaid: node ids are generated (s0, s1, … in spec order) so no step id can meet a keyword such as `end`;
// every label is a quoted string with entity codes for the characters that end or change it
// (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters).

const MERMAID_START = 'start';

function renderMermaid(start: string, boxes: readonly Box[], arrows: readonly Arrow[]): string {
  const ids = new Map(boxes.map((box, index) => [box.id, `s${index}`]));
  const idOf = (step: string): string => ids.get(step) ?? MERMAID_START;
  const declare = (box: Box): string => `${idOf(box.id)}["${box.lines.map(mermaidText).join('<br/>')}"]`;
  const secure = boxes.filter((box) => box.secure);
  const lines = ['flowchart TD', `  ${MERMAID_START}(["start"])`];
  lines.push(...boxes.filter((box) => !box.secure).map((box) => `  ${declare(box)}`));
  if (secure.length > 0)
    lines.push(`  subgraph secure["${mermaidText(SECURE_TITLE)}"]`, ...secure.map((box) => `    ${declare(box)}`), '  end');
  lines.push(`  ${MERMAID_START} --> ${idOf(start)}`);
  for (const arrow of arrows)
    lines.push(`  ${idOf(arrow.from)} ${arrow.dashed ? '-.->' : '-->'}|"${mermaidText(arrow.label)}"| ${idOf(arrow.to)}`);
  const sensitive = boxes.filter((box) => box.sensitive).map((box) => idOf(box.id));
  if (sensitive.length > 0) lines.push('  classDef sensitive stroke:#b00020,stroke-width:3px', `  class ${sensitive.join(',')} sensitive`);
  return `${lines.join('\n')}\n`;
}

const MERMAID_ENTITIES: Record<string, string> = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };

/** A spec string inside a quoted Mermaid label: the characters that end it or start markup become entity codes. */
export function mermaidText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/["#<>&`]/g, (character) => MERMAID_ENTITIES[character]!);
}

// DOT: every id and label is a quoted string (https://graphviz.org/doc/info/lang.html); the start
// node's id begins with `_`, which no step id can.

const DOT_START = '_start';

function renderDot(name: string, start: string, boxes: readonly Box[], arrows: readonly Arrow[]): string {
  const declare = (box: Box): string =>
    `${dotString(box.id)} [label=${dotString(box.lines.join('\n'))}${box.sensitive ? ', style="bold,filled", fillcolor="#fde2e2", color="#b00020"' : ''}];`;
  const secure = boxes.filter((box) => box.secure);
  const lines = [`digraph ${dotString(name)} {`, '  node [shape=box];', `  ${dotString(DOT_START)} [label="start", shape=oval];`];
  lines.push(...boxes.filter((box) => !box.secure).map((box) => `  ${declare(box)}`));
  if (secure.length > 0)
    lines.push(
      `  subgraph "cluster_secure" {`,
      `    label=${dotString(SECURE_TITLE)};`,
      '    style=dashed;',
      ...secure.map((box) => `    ${declare(box)}`),
      '  }',
    );
  lines.push(`  ${dotString(DOT_START)} -> ${dotString(start)};`);
  for (const arrow of arrows)
    lines.push(
      `  ${dotString(arrow.from)} -> ${dotString(arrow.to)} [label=${dotString(arrow.label)}${arrow.dashed ? ', style=dashed' : ''}];`,
    );
  return `${lines.join('\n')}\n}\n`;
}

/** A quoted DOT string: backslashes and quotes escaped, so a label's `\N` or `\L` is never expanded; line breaks as `\n`. */
export function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')}"`;
}
