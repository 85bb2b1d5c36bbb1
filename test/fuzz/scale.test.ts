/**
 * Large generated flows (scripts/large-flows.mjs): long chains of retries, chains of joins, a long
 * path after a retry's attempt, routes with hundreds of cases. Each one compiles for both targets and
 * never crashes; it runs on the three engines, which agree; the Genesys YAML grows linearly and nests
 * no deeper for five times the steps or cases. The Genesys YAML writer once overflowed its stack
 * (RangeError) on the 1,000-step chain and on 900 route cases, and then refused both.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainFlow, diamondFlow, joinFlow, pathAfterRetry, playChain, routeCasesFlow } from '../../scripts/large-flows.mjs';
import type { Artifact, TargetName } from '../../src/targets/artifact.js';
import { compileSpec, type CompileResult } from '../../src/pipeline.js';
import { createEngine } from '../../src/simulate/engines.js';
import { randomCalls } from '../../src/simulate/random-calls.js';
import { judgeContext, runScenario } from '../../src/simulate/run/run-scenarios.js';
import type { EngineName } from '../../src/targets/engine-contract.js';
import { stringify } from 'yaml';
import { MAX_INLINED_DEPTH } from '../../src/targets/genesys/emit/compile.js';
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

/** The Genesys inbound flow of a generated spec, which must compile with no error. */
async function genesysOf(text: string): Promise<{ result: CompileResult; file: Artifact }> {
  const result = await compileText(text, ['genesys']);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return { result, file: genesysFlowFile(result) };
}

/**
 * Five times the size: at most 6 times the bytes (linear, not quadratic) and no deeper nesting.
 * `npm run bench` measures the same from 1,000 to 5,000 steps; the suite keeps to sizes it runs quickly.
 */
async function growsLinearly(make: (size: number) => string, small: number): Promise<CompileResult> {
  const before = await genesysOf(make(small));
  const after = await genesysOf(make(small * 5));
  const ratio = after.file.contents.length / before.file.contents.length;
  expect(ratio, `${before.file.contents.length} -> ${after.file.contents.length} bytes`).toBeLessThanOrEqual(6);
  expect(ratio).toBeGreaterThan(3);
  expect(indentationDepth(after.file)).toBe(indentationDepth(before.file));
  return after.result;
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

describe('large flows', { timeout: 180_000 }, () => {
  it('a chain of joins: both targets compile, the engines agree, and the Genesys YAML nests no deeper for twice the steps', async () => {
    const small = await compileText(diamondFlow(50));
    const large = await compileText(diamondFlow(100));
    expect(indentationDepth(genesysFlowFile(large))).toBe(indentationDepth(genesysFlowFile(small)));
    await enginesAgree(large, ['genesys', 'cxone']);
  });

  it('a chain of 200 to 1,000 steps of retries: Genesys output grows linearly, nests no deeper, and the engines agree', async () => {
    const large = await growsLinearly(chainFlow, 200);
    await enginesAgree(large, ['genesys']);
    const cxone = await compileText(chainFlow(1000), ['cxone']);
    expect(cxone.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    await enginesAgree(cxone, ['cxone']);
  });

  it('a path of 200 to 1,000 plays after a retry, and a plain chain of plays: linear, bounded, the engines agree', async () => {
    await enginesAgree(await growsLinearly(pathAfterRetry, 200), ['genesys']);
    await enginesAgree(await growsLinearly(playChain, 200), ['genesys']);
  });

  it('200 to 1,000 steps of joins: linear and bounded on Genesys', async () => {
    await enginesAgree(await growsLinearly(joinFlow, 200), ['genesys']);
  });

  it('180 to 900 route cases: Genesys output grows linearly and nests no deeper; every engine routes alike', async () => {
    const large = await growsLinearly(routeCasesFlow, 180);
    await enginesAgree(large, ['genesys']);
    const cxone = await compileText(routeCasesFlow(900), ['cxone']);
    expect(cxone.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    await enginesAgree(cxone, ['cxone']);
  });

  it('generate on the 1,000-step chain from the CLI: exit 0, both targets written', async () => {
    const work = tempDir();
    mkdirSync(join(work, 'flows'));
    writeFileSync(join(work, 'flows', 'chain.yaml'), chainFlow(1000));
    const run = await ivrflow(['generate', 'flows/chain.yaml', '--out', 'out'], { cwd: work });
    expect(run.exitCode, `${run.stdout}${run.stderr}`).toBe(0);
    const written = readdirSync(join(work, 'out'), { recursive: true }).map(String);
    expect(written).toEqual(
      expect.arrayContaining([expect.stringMatching(/genesys\/inbound-call\.yaml$/), expect.stringMatching(/cxone\//)]),
    );
  });

  it('a path back to a retry longer than one Archy loop holds: a positioned target/limit naming the retry, never a crash', async () => {
    const steps: Record<string, unknown> = { ask: { type: 'retry', maxAttempts: 3, body: 'play0', onExhausted: 'hangUp' } };
    for (let index = 0; index < MAX_INLINED_DEPTH + 10; index++)
      steps[`play${index}`] = {
        type: 'play',
        prompt: `Message ${index}.`,
        next: index < MAX_INLINED_DEPTH + 9 ? `play${index + 1}` : 'ask',
      };
    steps['hangUp'] = { type: 'disconnect' };
    const text = stringify({ ivrflow: 1, name: 'Long attempt', language: 'en-US', start: 'ask', queues: { general: {} }, steps });
    const genesys = await compileText(text, ['genesys']);
    onlyErrorIsTargetLimit(genesys);
    expect(genesys.diagnostics.find((diagnostic) => diagnostic.code === 'target/limit')!.message).toContain('path back to retry `ask`');
  });
});
