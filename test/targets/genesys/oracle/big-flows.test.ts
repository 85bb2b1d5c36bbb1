import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chainFlow, diamondFlow, routeCasesFlow } from '../../../../scripts/large-flows.mjs';
import { compileSpec } from '../../../../src/pipeline.js';
import { mutatedCopy, problems, runOracle, type OracleReport } from './oracle.js';

/**
 * The task layout's big shapes, judged by the Architect core (oracle.test.ts explains the oracle):
 * a 300-step chain of retries whose successful attempts leave each loop by `jumpToTask`, a route of
 * 120 cases written as flat chains of decisions, and a chain of 40 joins written as tasks. One child
 * process per flow, as for the goldens.
 */
const BIG_FLOWS = [
  { name: '300-step chain of retries', spec: chainFlow(300) },
  { name: '120-case route', spec: routeCasesFlow(120) },
  { name: '40 joins', spec: diamondFlow(40) },
];

const dirs = new Map<string, string>();
let reports: Map<string, OracleReport>;
/** The layout leans on one loop rule; a copy that breaks it must fail, or the cases prove nothing. */
let strayLoopNext: string;

/** The generated Genesys files of a spec, written where the oracle reads them. */
async function genesysFolder(name: string, spec: string): Promise<string> {
  const result = await compileSpec(`${name}.yaml`, Buffer.from(spec), { targets: ['genesys'] });
  expect(result.artifacts, result.diagnostics.map((diagnostic) => diagnostic.message).join('\n')).toBeDefined();
  const root = mkdtempSync(join(tmpdir(), 'ivrflow-oracle-big-'));
  for (const artifact of result.artifacts!.filter((candidate) => candidate.target === 'genesys')) {
    const path = join(root, artifact.path.replace(/^genesys\//, ''));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, artifact.contents);
  }
  return root;
}

beforeAll(async () => {
  for (const { name, spec } of BIG_FLOWS) dirs.set(name, await genesysFolder(name, spec));
  // A `loopNext` moved into a task, out of every loop: why the path back to a retry is never cut.
  strayLoopNext = mutatedCopy(dirs.get(BIG_FLOWS[0]!.name)!, 'inbound-call.yaml', (text) =>
    text.replace(/(refId: step-[^\n]+\n\s+actions:\n)(\s+)- /, '$1$2- loopNext:\n$2    name: stray\n$2- '),
  );
  reports = await runOracle([...dirs.values(), strayLoopNext]);
}, 600_000);

describe('the Architect core accepts the task layout of big flows', () => {
  it.each(BIG_FLOWS)('$name', ({ name }) => {
    const report = reports.get(dirs.get(name)!)!;
    expect(report.flows.map((flow) => flow.file)).toEqual(['inbound-call.yaml']);
    expect(problems(report)).toEqual([]);
  });

  it('refuses a loopNext outside a loop, the rule that keeps the path back to a retry in its loop', () => {
    expect(problems(reports.get(strayLoopNext)!).join('\n')).toMatch(/must be within a loop path/);
  });

  it('the cases hold what they are about: jumps out of loops, tasks, short decision chains', async () => {
    const chain = await inboundFlow(chainFlow(300));
    expect(chain.tasks.length).toBeGreaterThan(10);
    expect(jumpsInsideLoops(chain.tasks)).toBeGreaterThan(0);
    const route = await inboundFlow(routeCasesFlow(120));
    expect(route.tasks[0]!.task.actions.filter((action) => 'decision' in action)).toHaveLength(12);
  });
});

type Action = Record<string, { outputs?: Record<string, { actions: Action[] }> }>;

async function inboundFlow(spec: string): Promise<{ tasks: { task: { actions: Action[] } }[] }> {
  const result = await compileSpec('big.yaml', Buffer.from(spec), { targets: ['genesys'] });
  const text = result.artifacts!.find((artifact) => artifact.path === 'genesys/inbound-call.yaml')!.contents;
  return (parse(text) as { inboundCall: { tasks: { task: { actions: Action[] } }[] } }).inboundCall;
}

/** How many `jumpToTask` actions sit inside a loop's output, walked without recursion. */
function jumpsInsideLoops(tasks: readonly { task: { actions: Action[] } }[]): number {
  let jumps = 0;
  const pending = tasks.map(({ task }) => ({ actions: task.actions, inLoop: false }));
  for (let item = pending.pop(); item !== undefined; item = pending.pop())
    for (const action of item.actions) {
      const [kind, body] = Object.entries(action)[0]!;
      if (kind === 'jumpToTask' && item.inLoop) jumps += 1;
      for (const output of Object.values(body.outputs ?? {}))
        pending.push({ actions: output.actions, inLoop: item.inLoop || kind === 'loop' });
    }
  return jumps;
}
