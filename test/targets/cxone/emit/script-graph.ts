import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CompileOptions } from '../../../../src/pipeline.js';
import { compileSpec } from '../../../../src/pipeline.js';
import { ROOT } from '../../../helpers/fixtures.js';

/** A saved CXone script, read back as a reviewer would: actions by id with named properties. */
export interface ScriptAction {
  id: number;
  name: string;
  libraryId: string;
  label: string;
  action: Record<string, unknown>;
  properties: { name: string; value: unknown }[];
  branches: { to: number; label: string; type: string; index: number }[];
}

export interface Script {
  header: Record<string, unknown>;
  actions: Map<number, ScriptAction>;
}

export const FLOWS = ['identity-promotion', 'international-otp', 'pin-with-summary'] as const;
export const TENANT_CATALOG = join(ROOT, 'test/cases/cxone-tenant-catalog/catalog.json');

export async function compileFlowScript(flow: string, options: CompileOptions = {}): Promise<Script> {
  return compileTextScript(readFileSync(join(ROOT, 'flows', `${flow}.yaml`), 'utf8'), options, `${flow}.yaml`);
}

/**
 * The script as a structure: unfilled placeholders are kept, as `ivrflow test` keeps them, so the
 * tests can see where each lands; deploy-readiness.test.ts covers what `generate` says about them.
 */
export async function compileTextScript(text: string, options: CompileOptions = {}, file = 'spec.yaml'): Promise<Script> {
  const result = await compileSpec(file, Buffer.from(text), { targets: ['cxone'], placeholders: 'keep', ...options });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const artifact = result.artifacts?.find((candidate) => candidate.target === 'cxone');
  expect(artifact?.kind).toBe('script');
  return parseScript(artifact!.contents);
}

export function parseScript(contents: string): Script {
  const { scriptContent } = JSON.parse(contents) as {
    scriptContent: {
      header: Record<string, unknown>;
      actions: Record<string, Record<string, unknown>>;
      properties: Record<string, Record<string, { name: string; value: unknown }>>;
      branches: Record<string, ScriptAction['branches']>;
    };
  };
  const actions = new Map<number, ScriptAction>();
  for (const [key, action] of Object.entries(scriptContent.actions)) {
    const properties = Object.entries(scriptContent.properties[key] ?? {})
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, property]) => property);
    actions.set(Number(key), {
      id: Number(key),
      name: String(action.name),
      libraryId: String(action.libraryId),
      label: String(action.label),
      action,
      properties,
      branches: scriptContent.branches[key] ?? [],
    });
  }
  return { header: scriptContent.header, actions };
}

export function property(action: ScriptAction, name: string): unknown {
  return action.properties.find((candidate) => candidate.name === name)?.value;
}

export function actionsNamed(script: Script, name: string): ScriptAction[] {
  return [...script.actions.values()].filter((action) => action.name === name);
}

/** Ids reachable from `from`, never passing through an action for which `stop` is true. */
export function reachableFrom(script: Script, from: number, stop: (action: ScriptAction) => boolean = () => false): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const action = script.actions.get(queue.shift()!)!;
    for (const branch of action.branches) {
      const target = script.actions.get(branch.to);
      if (!target || seen.has(branch.to) || stop(target)) continue;
      seen.add(branch.to);
      queue.push(branch.to);
    }
  }
  return seen;
}

export function snippetCode(script: Script): string[] {
  return actionsNamed(script, 'SNIPPET').map((action) => String(property(action, 'Data')));
}
