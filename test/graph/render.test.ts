import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/pipeline.js';
import { renderGraph, type GraphFormat } from '../../src/graph/render.js';
import type { FlowGraph } from '../../src/ir/nodes.js';
import { mutateFlow, readRepoFile, REPO_INCLUDES } from '../helpers/fixtures.js';
import { AGREEMENT_FLOWS } from '../simulate/helpers.js';

/**
 * The diagrams are judged by the published parsers: Mermaid's own (`mermaid.parse` and its flowchart
 * database, under jsdom) and `dotparser` (the Graphviz DOT grammar as a PEG).
 */

interface MermaidApi {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: MermaidFlowDb }> };
}
interface MermaidFlowDb {
  getVertices(): Map<string, { text?: string }>;
  getEdges(): { start: string; end: string; text: string }[];
  getSubGraphs(): { id: string; nodes: string[] }[];
}
interface DotStatement {
  type: string;
  id?: string | number;
  node_id?: { id: string };
  children?: DotStatement[];
  edge_list?: { id: string }[];
  attr_list?: { id: string; eq: string }[];
}

let mermaid: MermaidApi;
let parseDot: (text: string) => DotStatement[];

beforeAll(async () => {
  // Mermaid's DOMPurify needs a window and a document.
  const dom = new JSDOM('');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = ((await import('mermaid')) as unknown as { default: MermaidApi }).default;
  parseDot = ((await import('dotparser')) as unknown as { default: typeof parseDot }).default;
}, 60_000);

function graphOf(text: string, file = 'spec.yaml'): FlowGraph {
  const checked = checkSpec(file, Buffer.from(text), { readInclude: REPO_INCLUDES });
  expect(checked.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return checked.graph!;
}

const flowText = (name: string): string => readRepoFile(`flows/${name}.yaml`);

async function mermaidShape(text: string): Promise<MermaidFlowDb> {
  await mermaid.parse(text);
  return (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
}

function dotStatements(text: string): DotStatement[] {
  const [graph] = parseDot(text);
  const flatten = (statements: readonly DotStatement[]): DotStatement[] =>
    statements.flatMap((statement) => [statement, ...flatten(statement.children ?? [])]);
  return flatten(graph!.children ?? []);
}

const HOSTILE = 'Say "hi" [x] {y} (z) #1; a|b <b>c</b> & `d` \\N end\n--> %% -- subgraph';

function hostileFlow(): string {
  return mutateFlow('identity-promotion', { name: HOSTILE, 'steps.greeting.prompt': HOSTILE, 'steps.collectOtp.prompt': HOSTILE });
}

describe('graph', () => {
  it.each(['mermaid', 'dot'] as GraphFormat[])('matches the reviewed %s golden of identity-promotion', async (format) => {
    const text = renderGraph(graphOf(flowText('identity-promotion')), format);
    await expect(text).toMatchFileSnapshot(`golden/identity-promotion.${format === 'mermaid' ? 'mmd' : 'dot'}`);
    expect(renderGraph(graphOf(flowText('identity-promotion')), format)).toBe(text);
  });

  it.each(AGREEMENT_FLOWS.map((file) => [file]))(
    'Mermaid parses %s with one box per step and one labelled edge per transition',
    async (file) => {
      const graph = graphOf(readRepoFile(file), file);
      const db = await mermaidShape(renderGraph(graph, 'mermaid'));
      expect(db.getVertices().size).toBe(graph.nodes.length + 1);
      const transitions = graph.nodes.flatMap((node) => node.edges.map((edge) => edge.name));
      const labels = db.getEdges().map((edge) => edge.text);
      for (const name of transitions) expect(labels.map(decodeMermaid)).toContain(name);
      expect(labels.length).toBe(transitions.length + 1 + (graph.secure ? 1 : 0));
      const secure = db.getSubGraphs();
      expect(secure.length).toBe(graph.secure ? 1 : 0);
      if (graph.secure) expect(secure[0]!.nodes.length).toBe(graph.secure.steps.length);
    },
  );

  it.each(AGREEMENT_FLOWS.map((file) => [file]))('dotparser parses %s with every transition as a labelled edge', (file) => {
    const graph = graphOf(readRepoFile(file), file);
    const statements = dotStatements(renderGraph(graph, 'dot'));
    const edges = statements.filter((statement) => statement.type === 'edge_stmt');
    for (const node of graph.nodes)
      for (const edge of node.edges)
        expect(
          edges.some(
            (statement) =>
              statement.edge_list![0]!.id === node.id &&
              statement.edge_list![1]!.id === edge.to &&
              statement.attr_list!.some((attr) => attr.id === 'label' && attr.eq === edge.name),
          ),
          `${node.id} -> ${edge.to}`,
        ).toBe(true);
    const cluster = statements.find((statement) => statement.type === 'subgraph');
    expect(cluster?.id).toBe(graph.secure ? 'cluster_secure' : undefined);
  });

  it('marks a sensitive step in both formats', async () => {
    const graph = graphOf(flowText('identity-promotion'));
    const db = await mermaidShape(renderGraph(graph, 'mermaid'));
    const collect = [...db.getVertices().values()].find((vertex) => vertex.text?.startsWith('collectOtp'));
    expect(collect?.text).toContain('🔒 sensitive');
    const dot = dotStatements(renderGraph(graph, 'dot')).find(
      (statement) => statement.type === 'node_stmt' && statement.node_id?.id === 'collectOtp',
    );
    expect(dot?.attr_list?.find((attr) => attr.id === 'label')?.eq).toContain('🔒 sensitive');
  });

  it('hostile prompts and flow names still parse, and DOT reads them back as written', async () => {
    const graph = graphOf(hostileFlow());
    const db = await mermaidShape(renderGraph(graph, 'mermaid'));
    expect(db.getVertices().size).toBe(graph.nodes.length + 1);
    expect(db.getEdges().length).toBe(graph.nodes.flatMap((node) => node.edges).length + 2);
    const [dot] = parseDot(renderGraph(graph, 'dot'));
    expect(String(dot!.id)).toContain('Say "hi" [x] {y} (z) #1; a|b');
    const greeting = dotStatements(renderGraph(graph, 'dot')).find((statement) => statement.node_id?.id === 'greeting');
    expect(greeting?.attr_list?.find((attr) => attr.id === 'label')?.eq).toContain('Say "hi" [x] {y} (z) #1; a|b <b>c</b> & `d`');
  });
});

/** Mermaid keeps an entity code in its database as written, or as its own `ﬂ°…¶ß` stand-in; either decodes to the character. */
function decodeMermaid(text: string): string {
  return text.replace(/(?:#|ﬂ°°?)(\d+)(?:;|¶ß)/gu, (_, code: string) => String.fromCodePoint(Number(code)));
}
