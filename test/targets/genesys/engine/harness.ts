import { expect } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import type { FlowGraph } from '../../../../src/ir/nodes.js';
import { createGenesysEngine } from '../../../../src/targets/genesys/engine/index.js';
import { drive } from '../../../../src/simulate/run/drive.js';
import type { CallerEntry, HttpReply, HttpRequest, Recorder, SimulationInput } from '../../../../src/targets/engine-contract.js';
import { compile, readRepoFile } from '../../../helpers/fixtures.js';
import { prompts, requests, steps } from '../../../simulate/helpers.js';

export const FLOWS = ['identity-promotion', 'international-otp', 'pin-with-summary'] as const;

export interface Compiled {
  graph: FlowGraph;
  artifacts: Artifact[];
}

/** A spec compiled for Genesys, in memory; the test fails if it does not compile. */
export async function compileGenesys(text: string, file = 'spec.yaml'): Promise<Compiled> {
  const result = await compile(text, { targets: ['genesys'] }, file);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  expect(result.graph).toBeDefined();
  return { graph: result.graph!, artifacts: result.artifacts ?? [] };
}

export function compileFlow(flow: string): Promise<Compiled> {
  return compileGenesys(readRepoFile(`flows/${flow}.yaml`), `${flow}.yaml`);
}

/** The same artifacts with one file's text changed. */
export function withArtifact(compiled: Compiled, path: string, change: (text: string) => string): Artifact[] {
  let found = false;
  const artifacts = compiled.artifacts.map((artifact) => {
    if (artifact.path !== path) return artifact;
    found = true;
    const contents = change(artifact.contents);
    expect(contents, `the change to ${path} changed nothing`).not.toBe(artifact.contents);
    return { ...artifact, contents };
  });
  expect(found, `no artifact ${path}`).toBe(true);
  return artifacts;
}

export const CALL = { ani: '+15551234567', dnis: '+18005550100', id: 'conv-1', timestamp: '2026-01-02T03:04:05Z' };

export function keys(text: string): CallerEntry {
  return { kind: 'keys', keys: text };
}
export const SILENCE: CallerEntry = { kind: 'silence' };

export function json(status: number, body: unknown): HttpReply {
  return { kind: 'response', status, body: JSON.stringify(body) };
}

export interface Outcome {
  recorder: Recorder;
  requests: HttpRequest[];
  prompts: string[];
  attributes: [string, string][];
  steps: string[];
}

/** One call: caller entries in order, replies in order (one per request; running out fails the test). */
export function call(
  compiled: Compiled,
  caller: CallerEntry[],
  replies: HttpReply[] = [],
  options: Partial<SimulationInput> = {},
): Outcome {
  const engine = createGenesysEngine(compiled.artifacts, compiled.graph);
  const queue = [...replies];
  const recorder = drive(engine, { call: CALL, caller, transfer: 'succeeds', ...options }, () => {
    const reply = queue.shift();
    if (!reply) throw new Error('the flow made more requests than the test has replies');
    return reply;
  }) as Recorder;
  expect(queue, 'replies left unused').toEqual([]);
  return {
    recorder,
    requests: requests(recorder),
    prompts: prompts(recorder),
    attributes: recorder.events.flatMap((event) => (event.kind === 'attribute' ? [[event.name, event.value] as [string, string]] : [])),
    steps: steps(recorder),
  };
}
