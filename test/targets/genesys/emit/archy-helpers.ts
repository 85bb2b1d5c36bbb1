import { evaluate, parseExpression } from '../../../../src/targets/genesys/engine/expression.js';
import { booleanValue, integerValue, NOT_SET, stringValue, type ArchValue } from '../../../../src/targets/genesys/engine/values.js';
import { parseTemplate, renderTemplate } from '../../../../src/targets/genesys/engine/velocity.js';
import { isAlias, parse, parseDocument, visit } from 'yaml';
import { expect } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import { compile, readRepoFile } from '../../../helpers/fixtures.js';

export type Tree = Record<string, unknown>;

/** Compile a spec for the genesys target; fails the test when it does not compile. */
export async function genesysArtifacts(text: string, file = 'spec.yaml'): Promise<Artifact[]> {
  const result = await compile(text, { targets: ['genesys'] }, file);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return (result.artifacts ?? []).filter((artifact) => artifact.target === 'genesys');
}

export function flowSpec(name: string): string {
  return readRepoFile(`flows/${name}.yaml`);
}

export function artifactOfKind(artifacts: readonly Artifact[], kind: string): Artifact {
  const found = artifacts.find((artifact) => artifact.kind === kind);
  expect(found, `no ${kind} artifact`).toBeDefined();
  return found!;
}

/**
 * Parse emitted YAML the way every consumer might: YAML 1.2 and YAML 1.1 must read the same data,
 * and the file must not use anchors or aliases.
 */
export function parseEmitted(text: string): Tree {
  const strict = parse(text) as Tree;
  expect(parse(text, { version: '1.1' })).toEqual(strict);
  let aliases = 0;
  visit(parseDocument(text), { Alias: () => void aliases++ });
  expect(aliases).toBe(0);
  expect(isAlias(strict)).toBe(false);
  return strict;
}

/** Every action of a task tree, depth first, as `[key, body]`. */
export function allActions(actions: unknown): [string, Tree][] {
  const found: [string, Tree][] = [];
  for (const action of (actions as Tree[]) ?? []) {
    const [key, body] = Object.entries(action)[0] as [string, Tree];
    found.push([key, body]);
    const outputs = (body['outputs'] ?? {}) as Record<string, { actions: unknown }>;
    for (const output of Object.values(outputs)) found.push(...allActions(output.actions));
  }
  return found;
}

export function actionsOf(flow: Tree, kind: string): Tree[] {
  return allActions(taskActions(flow))
    .filter(([key]) => key === kind)
    .map(([, body]) => body);
}

export function flowBody(flow: Tree): Tree {
  return Object.values(flow)[0] as Tree;
}

export function taskActions(flow: Tree): unknown {
  const tasks = flowBody(flow)['tasks'] as { task: Tree }[];
  return tasks[0]!.task['actions'];
}

/** Every string in a tree with the key path that holds it. */
export function stringsIn(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, [...path, String(index)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => stringsIn(child, [...path, key]));
  return [];
}

/** Decode the string literals of an Architect expression (backslash escapes `"` and `\`). */
export function expressionLiterals(expression: string): string[] {
  return [...expression.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((match) => match[1]!.replace(/\\(.)/g, '$1'));
}

/**
 * Render a data action template with the Genesys engine's own Velocity reader, the one `ivrflow
 * test` runs: the test sees exactly what the engine would send.
 */
export function renderVelocity(template: string, inputs: Record<string, string | number | boolean>): string {
  const segments = parseTemplate(template, ['text', 'input', 'credential'], 'test');
  return renderTemplate(segments, { inputs: new Map(Object.entries(inputs).map(([name, value]) => [name, String(value)])) }, 'test');
}

/** A test value for a flow variable: text, a whole number, a boolean, or an Architect value such as NOT_SET. */
export type FlowValue = string | number | boolean | ArchValue;

/**
 * Evaluate a condition with the Genesys engine's Architect parser and evaluator. A variable not
 * given is unset, as a flow variable is before anything writes it.
 */
export function evaluateCondition(expression: string, variables: Record<string, FlowValue>): boolean {
  const read = (name: string): ArchValue => {
    const value = variables[name];
    if (value === undefined) return NOT_SET;
    if (typeof value === 'object') return value;
    if (typeof value === 'string') return stringValue(value);
    if (typeof value === 'number') return integerValue(value);
    return booleanValue(value);
  };
  const result = evaluate(parseExpression(expression, 'test'), { read, now: '2026-01-15T10:00:00.000Z', where: 'test' });
  if (result.type !== 'boolean') throw new Error(`${expression} is ${result.type}, not boolean`);
  return result.value;
}

export { NOT_SET };
