/**
 * Large generated flows (scripts/large-flows.mjs): long chains of retries, chains of joins, routes
 * with hundreds of cases. Each one compiles for both targets, or is refused with a positioned
 * `target/limit`, and never crashes; what compiles runs on the three engines, which agree; the
 * Genesys YAML nests no deeper for twice the steps. Before the limits, the Genesys YAML writer
 * overflowed its stack (RangeError) on the 1,000-step chain and on 900 route cases.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainFlow, diamondFlow, routeCasesFlow } from '../../scripts/large-flows.mjs';
import type { Artifact, TargetName } from '../../src/targets/artifact.js';
import { compileSpec, type CompileResult } from '../../src/pipeline.js';
import { MAX_INLINED_DEPTH } from '../../src/targets/genesys/emit/compile.js';
import { MAX_ROUTE_CASES } from '../../src/targets/genesys/emit/nodes/route.js';
import { createEngine } from '../../src/simulate/engines.js';
import { randomCalls } from '../../src/simulate/random-calls.js';
import { judgeContext, runScenario } from '../../src/simulate/run/run-scenarios.js';
import type { EngineName } from '../../src/targets/engine-contract.js';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { diagnosticProblems } from './invariants.js';

async function compileText(text: string, targets?: TargetName[]): Promise<CompileResult> {
  return compileSpec('large.yaml', Buffer.from(text), targets ? { targets } : {});
}

/** The deepest indentation of a YAML file, in columns: how deeply its actions nest. */
function indentationDepth(artifact: Artifact): number {
  let deepest = 0;
  for (const line of artifact.contents.split('\n')) deepest = Math.max(deepest, line.length - line.trimStart().length);
  return deepest;
}

function genesysFlowFile(result: CompileResult): Artifact {
  const file = result.artifacts?.find((artifact) => artifact.path === 'genesys/inbound-call.yaml');
  expect(file, result.diagnostics.map((diagnostic) => diagnostic.message).join('\n')).toBeDefined();
  return file!;
}

/** A few random calls on the reference engine and each target's: no engine fails or disagrees. */
async function enginesAgree(result: CompileResult, targets: readonly TargetName[]): Promise<void> {
  const flow = { graph: result.graph!, artifacts: result.artifacts! };
  const engines = [];
  for (const name of ['spec', ...targets] as EngineName[]) engines.push(await createEngine(name, flow));
  const context = judgeContext(flow);
  for (const scenario of randomCalls(flow.graph, 3, 2026)) expect((await runScenario(engines, scenario, context)).failures).toEqual([]);
}

function onlyErrorIsTargetLimit(result: CompileResult): void {
  expect(result.artifacts).toBeUndefined();
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  expect(errors.map((error) => error.code)).toEqual(['target/limit']);
  expect(diagnosticProblems(result.diagnostics)).toEqual([]);
}

describe('large flows', () => {
  it('a chain of joins: both targets compile, the engines agree, and the Genesys YAML nests no deeper for twice the steps', async () => {
    const small = await compileText(diamondFlow(50));
    const large = await compileText(diamondFlow(100));
    expect(indentationDepth(genesysFlowFile(large))).toBe(indentationDepth(genesysFlowFile(small)));
    await enginesAgree(large, ['genesys', 'cxone']);
  });

  it('a 1,000-step chain of retries: CXone compiles and runs; Genesys refuses it at the step too deep, never crashing', async () => {
    const text = chainFlow(1000);
    const cxone = await compileText(text, ['cxone']);
    expect(cxone.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    await enginesAgree(cxone, ['cxone']);
    const genesys = await compileText(text, ['genesys']);
    onlyErrorIsTargetLimit(genesys);
    expect(genesys.diagnostics.find((diagnostic) => diagnostic.code === 'target/limit')!.message).toContain(
      `${MAX_INLINED_DEPTH} steps deep`,
    );
  });

  it('900 route cases: CXone compiles and runs; Genesys refuses them at `cases`; within its limit Genesys compiles them', async () => {
    const cxone = await compileText(routeCasesFlow(900), ['cxone']);
    expect(cxone.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    await enginesAgree(cxone, ['cxone']);
    const refused = await compileText(routeCasesFlow(900), ['genesys']);
    onlyErrorIsTargetLimit(refused);
    expect(refused.diagnostics.find((diagnostic) => diagnostic.code === 'target/limit')!.span!.start.line).toBeGreaterThan(1);
    const allowed = await compileText(routeCasesFlow(MAX_ROUTE_CASES), ['genesys']);
    await enginesAgree(allowed, ['genesys']);
  });

  it('generate on the 1,000-step chain from the CLI: exit 1 with a positioned target/limit for both targets, no stack trace, nothing written', async () => {
    const work = tempDir();
    mkdirSync(join(work, 'flows'));
    writeFileSync(join(work, 'flows', 'chain.yaml'), chainFlow(1000));
    const run = await ivrflow(['generate', 'flows/chain.yaml', '--out', 'out'], { cwd: work });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/flows\/chain\.yaml:\d+:\d+|^\s+\d+:\d+\s+error/m);
    expect(run.stdout).toContain('target/limit');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(existsSync(join(work, 'out')) ? readdirSync(join(work, 'out')) : []).toEqual([]);
  });
});
