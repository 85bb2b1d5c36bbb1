import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Diagnostic, SpecPath } from '../../src/diagnostics/diagnostic.js';
import { validate } from '../../src/flowspec/generated/validate-schema.js';
import { loadSpec } from '../../src/flowspec/load.js';
import { validateSpec } from '../../src/flowspec/validate.js';
import { check, codes, readRepoFile } from '../helpers/fixtures.js';

const FLOWS = ['identity-promotion', 'international-otp', 'pin-with-summary'];

/** A small seeded generator (mulberry32): the corpus is the same on every run, and large. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Data = Record<string, unknown> | unknown[];

interface Fault {
  /** The node the fault is in: an error must be reported at it or under it. */
  at: SpecPath;
  apply: (root: Data) => void;
}

function nodeAt(root: unknown, path: SpecPath): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], root);
}

function setAt(root: unknown, path: SpecPath, value: unknown): void {
  const parent = nodeAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** Every node of the data with its path (the root excluded: its faults are the version's). */
function nodes(value: unknown, path: SpecPath = []): { path: SpecPath; value: unknown }[] {
  const own = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...own, ...value.flatMap((child, index) => nodes(child, [...path, index]))];
  if (value && typeof value === 'object') return [...own, ...Object.entries(value).flatMap(([key, child]) => nodes(child, [...path, key]))];
  return own;
}

/** The faults one node can be given: a wrong type, an unknown key, an operator-less or doubled comparison. */
function faultsFor(path: SpecPath, value: unknown): Fault[] {
  const faults: Fault[] = [
    { at: path, apply: (root) => setAt(root, path, typeof value === 'object' ? 12345 : { bogusShape: [true] }) },
    { at: path, apply: (root) => setAt(root, path, null) },
  ];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    faults.push({ at: path, apply: (root) => ((nodeAt(root, path) as Record<string, unknown>)['zzUnknownKey'] = 1) });
    if ('ref' in value) {
      faults.push({ at: path, apply: (root) => setAt(root, path, { ref: (value as { ref: unknown }).ref }) });
      faults.push({ at: path, apply: (root) => setAt(root, path, { ...value, equals: 'a', notEquals: 'b' }) });
    }
  }
  return faults;
}

/** A random condition tree; its bad comparisons are the faults that must each be reported. */
function conditionTree(next: () => number, path: SpecPath, depth: number, bad: SpecPath[]): unknown {
  const roll = next();
  if (depth > 0 && roll < 0.45) {
    const operator = ['all', 'any'][Math.floor(next() * 2)]!;
    const count = 1 + Math.floor(next() * 3);
    return { [operator]: Array.from({ length: count }, (_, index) => conditionTree(next, [...path, operator, index], depth - 1, bad)) };
  }
  if (depth > 0 && roll < 0.6) return { not: conditionTree(next, [...path, 'not'], depth - 1, bad) };
  const leaf = next();
  if (leaf < 0.5) return { ref: 'auth.account_status', equals: 'active' };
  bad.push(path);
  if (leaf < 0.7) return { ref: 'auth.account_status' };
  if (leaf < 0.85) return { ref: 'auth.account_status', equals: 'a', in: ['b'] };
  return { ref: 'auth.account_status', exists: 'yes' };
}

function isUnder(path: SpecPath, node: SpecPath): boolean {
  return node.length <= path.length && node.every((segment, index) => String(path[index]) === String(segment));
}

function schemaDiagnostics(data: unknown): Diagnostic[] {
  const text = stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
  return validateSpec(loadSpec('corpus.yaml', Buffer.from(text))).diagnostics;
}

/** Each fault that makes the data invalid by itself must leave a positioned error at or under its node. */
function unreported(base: Data, faults: readonly Fault[]): string[] {
  const data = structuredClone(base);
  for (const fault of faults) fault.apply(data);
  if (validate(data)) return [];
  const diagnostics = schemaDiagnostics(data);
  return faults
    .filter((fault) => !diagnostics.some((diagnostic) => diagnostic.span !== undefined && isUnder(diagnostic.path, fault.at)))
    .map((fault) => `${fault.at.join('.')}: ${codes(diagnostics).join(' ') || 'no diagnostics'}`);
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** Faults grouped so that no two in a group touch the same top-level entry (a step, an endpoint). A wrong version only goes alone. */
function disjointGroups(faults: readonly Fault[], size: number): Fault[][] {
  const groups: Fault[][] = [];
  for (const fault of faults) {
    const place = String(fault.at.slice(0, 2));
    const group =
      fault.at[0] === 'ivrflow'
        ? undefined
        : groups.find((candidate) => candidate.length < size && candidate.every((other) => apart(fault, other, place)));
    if (group) group.push(fault);
    else groups.push([fault]);
  }
  return groups;
}

function apart(fault: Fault, other: Fault, place: string): boolean {
  return (
    other.at[0] !== 'ivrflow' && String(other.at.slice(0, 2)) !== place && !isUnder(fault.at, other.at) && !isUnder(other.at, fault.at)
  );
}

function failsAlone(base: Data, fault: Fault): boolean {
  const data = structuredClone(base);
  fault.apply(data);
  return !validate(data);
}

describe('schema errors reach the user', () => {
  // A few thousand validations: seconds alone, longer beside the rest of the suite.
  it(
    'reports every fault of a generated corpus at or under its node, one fault at a time and several at once',
    { timeout: 180_000 },
    () => {
      const next = random(20);
      const problems: string[] = [];
      let checked = 0;
      for (const flow of FLOWS) {
        const base = parse(readRepoFile(`flows/${flow}.yaml`)) as Data;
        const faults = nodes(base)
          .flatMap(({ path, value }) => faultsFor(path, value))
          .filter((fault) => failsAlone(base, fault));
        const shuffled = shuffle(faults, next);
        for (const fault of shuffled.slice(0, 100)) problems.push(...unreported(base, [fault]));
        // Every fault again, in groups of faults in different places: none may hide another (the old collapsing dropped them).
        for (const group of disjointGroups(shuffled, 4)) problems.push(...unreported(base, group));
        checked += faults.length;
      }
      expect(checked).toBeGreaterThan(500);
      expect(problems).toEqual([]);
    },
  );

  it('reports every bad comparison of random nested conditions at its position', { timeout: 180_000 }, () => {
    const next = random(2026);
    const base = parse(readRepoFile('flows/pin-with-summary.yaml')) as Data;
    const problems: string[] = [];
    let faulty = 0;
    for (let round = 0; round < 400; round++) {
      const bad: SpecPath[] = [];
      const path = ['steps', 'checkAccount', 'if'];
      const tree = conditionTree(next, path, 4, bad);
      if (bad.length > 0) faulty += 1;
      problems.push(
        ...unreported(
          base,
          [path, ...bad].map((at) => ({ at, apply: (root: Data) => setAt(root, path, tree) })),
        ),
      );
    }
    expect(faulty).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it.each([
    ['{ any: [ { ref: auth.account_status } ] }', 'steps.checkAccount.if.any[0]` has no operator'],
    ['{ not: { ref: auth.account_status } }', 'steps.checkAccount.if.not` has no operator'],
    ['{ ref: auth.account_status, equals: a, notEquals: b }', 'steps.checkAccount.if` has 2 operators (`equals`, `notEquals`)'],
    ['{ all: [ { ref: auth.account_status, equals: a, in: [b] } ] }', 'steps.checkAccount.if.all[0]` has 2 operators (`equals`, `in`)'],
  ])('says plainly what is wrong with the condition %s', (condition, message) => {
    const text = readRepoFile('flows/pin-with-summary.yaml').replace(
      /if: \{ ref: auth\.account_status, in: \[active, past_due\] \}/,
      `if: ${condition}`,
    );
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['schema/invalid']);
    expect(diagnostics[0]!.message).toContain(message);
    expect(diagnostics[0]!.span?.start.line).toBe(text.split('\n').findIndex((line) => line.includes(`if: ${condition}`)) + 1);
  });
});
