/**
 * The IR dump (src/ir/print.ts) against the replacer it replaced, which turned every `prompt` key
 * anywhere in the graph holding a literal prompt into its text: same bytes on every example flow and
 * golden case, so copying only the nodes' prompts misses none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowGraph, IrPrompt } from '../../src/ir/nodes.js';
import { printIr } from '../../src/ir/print.js';
import { literalPromptText } from '../../src/ir/prompt.js';
import { checkSpec } from '../../src/pipeline.js';
import { REPO_INCLUDES, ROOT } from '../helpers/fixtures.js';

function printedWithReplacer(graph: FlowGraph): string {
  return `${JSON.stringify(graph, (key, value: unknown) => (key === 'prompt' && Array.isArray(value) ? (literalPromptText(value as IrPrompt) ?? value) : value), 2)}\n`;
}

function specFiles(): string[] {
  const flows = readdirSync(join(ROOT, 'flows'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(ROOT, 'flows', name));
  const cases = readdirSync(join(ROOT, 'test/cases'))
    .map((name) => join(ROOT, 'test/cases', name, 'spec.yaml'))
    .filter((path) => existsSync(path));
  return [...flows, ...cases];
}

describe('printIr', () => {
  it('writes what the replacer wrote, on every example flow and golden case', () => {
    let graphs = 0;
    let literal = 0;
    let other = 0;
    for (const file of specFiles()) {
      const { graph } = checkSpec(file, readFileSync(file), { readInclude: REPO_INCLUDES });
      if (!graph) continue;
      graphs += 1;
      for (const node of graph.nodes)
        if ('prompt' in node && node.prompt !== undefined) {
          if (literalPromptText(node.prompt) === undefined) other += 1;
          else literal += 1;
        }
      expect(printIr(graph), file).toBe(printedWithReplacer(graph));
    }
    // Not vacuous: many graphs, with prompts written as text and prompts kept as parts.
    expect(graphs).toBeGreaterThanOrEqual(15);
    expect(literal).toBeGreaterThan(10);
    expect(other).toBeGreaterThan(0);
  });

  it('leaves the graph it prints unchanged', () => {
    const file = join(ROOT, 'flows/identity-promotion.yaml');
    const { graph } = checkSpec(file, readFileSync(file), { readInclude: REPO_INCLUDES });
    const before = structuredClone(graph);
    printIr(graph!);
    expect(graph).toEqual(before);
  });
});
