import type { SpecPath } from '../../../diagnostics/diagnostic.js';
import type { FlowGraph, FlowNode } from '../../../ir/nodes.js';
import type { EmitProblem } from '../../artifact.js';
import type { ActionCatalog, StudioActionName } from '../catalog/types.js';
import type { JsonText } from './json-text.js';
import { memoizeByString } from '../../../util/memo.js';

/**
 * The script before ids and layout: actions keyed by a stable string, branches pointing at keys.
 * The entry action of step `x` has key `step:x`; helper actions hang below it (`step:x:clear`).
 */
export interface DraftAction {
  key: string;
  /** Catalog name: BEGIN, MENU, SNIPPET, … */
  action: StudioActionName;
  /** The caption Studio shows and press-path reports print. */
  label: string;
  /** By property name; unset properties take the catalog default. Snippet code comes JSON-escaped (json-text.ts). */
  properties: Readonly<Record<string, string | JsonText>>;
  branches: readonly DraftBranch[];
  /** The spec path it came from (its step, the variable it sets first, or `start`), set by emitCxone for the artifact's origins. */
  origin?: SpecPath;
}

/** docs/cxone.md §1.2: `default` (label ""), `branch` (named result), `case` (a value). */
export interface DraftBranch {
  type: 'default' | 'branch' | 'case';
  label: string;
  to: string;
}

export interface MapContext {
  graph: FlowGraph;
  catalog: ActionCatalog;
  /** Where the spec file came from, for generated Snippet comments. */
  specFile: string;
  problems: EmitProblem[];
  /** The key of the action that enters step `to` when coming from `from`. */
  enter(from: FlowNode | undefined, to: string): string;
  report(problem: EmitProblem): void;
}

/**
 * Each step's keys, made once: the same string then keys its draft and every branch to it, and a
 * Map hashes a string once (a new `step:<id>` at each transition was hashed, and joined, again).
 */
const keysOfStep = memoizeByString((id) => ({ entry: `step:${id}`, parts: new Map<string, string>() }));

export function stepKey(id: string, part?: string): string {
  const keys = keysOfStep(id);
  if (part === undefined) return keys.entry;
  let key = keys.parts.get(part);
  if (key === undefined) {
    key = `${keys.entry}:${part}`;
    keys.parts.set(part, key);
  }
  return key;
}

export const next = (to: string): DraftBranch => ({ type: 'default', label: '', to });
export const named = (label: string, to: string): DraftBranch => ({ type: 'branch', label, to });
export const matchCase = (label: string, to: string): DraftBranch => ({ type: 'case', label, to });

export function originOf(node: FlowNode, ...rest: (string | number)[]): SpecPath {
  return [...node.origin, ...rest];
}
