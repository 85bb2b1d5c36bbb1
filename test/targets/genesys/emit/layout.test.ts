import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { artifactOfKind, flowBody, genesysArtifacts, parseEmitted, type Tree } from './archy-helpers.js';

/**
 * Task layout (docs/genesys.md "Spec construct → Archy construct"): a chain of conditions whose
 * every `else` joins one shared step used to be inlined on every path and nested one level deeper
 * per step, so the file grew quadratically and deep chains overflowed the stack. Joins and deep
 * steps are tasks now: size is linear in steps and nesting is bounded.
 */
function chain(length: number): string {
  const steps: Record<string, unknown> = {};
  for (let index = 0; index < length; index += 1)
    steps[`check${index}`] = {
      type: 'condition',
      if: { ref: 'tier', equals: `tier${index}` },
      then: index + 1 < length ? `check${index + 1}` : 'toAgent',
      else: 'sorry',
    };
  steps['sorry'] = { type: 'play', prompt: 'Sorry.', next: 'toAgent' };
  steps['toAgent'] = { type: 'route', queue: 'general', onFailure: 'goodbye' };
  steps['goodbye'] = { type: 'disconnect' };
  return stringify({
    ivrflow: 1,
    name: 'Long chain',
    language: 'en-US',
    start: 'check0',
    variables: { tier: { type: 'string', initial: 'gold' } },
    queues: { general: {} },
    targets: { genesys: { queues: { general: 'General' } } },
    steps,
  });
}

/** The deepest `actions:` nesting of any task, walked without recursion. */
function deepestNesting(flow: Tree): number {
  const tasks = flowBody(flow)['tasks'] as { task: Tree }[];
  let deepest = 0;
  const stack: { actions: Tree[]; depth: number }[] = tasks.map(({ task }) => ({ actions: task['actions'] as Tree[], depth: 1 }));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    deepest = Math.max(deepest, item.depth);
    for (const action of item.actions) {
      const body = Object.values(action)[0] as Tree;
      const outputs = (body['outputs'] ?? {}) as Record<string, { actions: Tree[] }>;
      for (const output of Object.values(outputs)) stack.push({ actions: output.actions, depth: item.depth + 1 });
    }
  }
  return deepest;
}

async function inbound(length: number): Promise<{ text: string; flow: Tree }> {
  const text = artifactOfKind(await genesysArtifacts(chain(length)), 'inboundCall').contents;
  return { text, flow: parseEmitted(text) };
}

describe('Genesys task layout', () => {
  it('writes a join once, as a task every path jumps to', async () => {
    const { flow } = await inbound(20);
    const tasks = (flowBody(flow)['tasks'] as { task: Tree }[]).map(({ task }) => task['name']);
    expect(tasks.filter((name) => name === 'sorry')).toHaveLength(1);
    expect(JSON.stringify(flow).match(/"jumpToTask"/g)!.length).toBeGreaterThanOrEqual(20);
  });

  it('grows linearly with the steps and keeps nesting bounded', async () => {
    const small = await inbound(150);
    const large = await inbound(600);
    expect(large.text.length / small.text.length).toBeLessThan(4.5);
    expect(deepestNesting(large.flow)).toBeLessThanOrEqual(deepestNesting(small.flow));
    expect(deepestNesting(large.flow)).toBeLessThan(40);
  }, 60_000);
});
