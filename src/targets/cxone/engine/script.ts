import type { Artifact } from '../../artifact.js';
import { EngineError } from '../../engine-contract.js';

/** One Studio action as the engine reads it: properties by name, branches as saved. */
export interface StudioAction {
  id: string;
  name: string;
  label: string;
  properties: ReadonlyMap<string, string>;
  branches: readonly StudioBranch[];
}

export interface StudioBranch {
  to: string;
  label: string;
  type: 'default' | 'branch' | 'case';
  index: number;
}

export interface StudioScript {
  file: string;
  begin: string;
  actions: ReadonlyMap<string, StudioAction>;
}

/** Read the `{ scriptContent: { header, actions, properties, branches } }` body ivrflow writes (docs/cxone.md). */
export function readScript(artifacts: readonly Artifact[]): StudioScript {
  const artifact = artifacts.find((candidate) => candidate.target === 'cxone' && candidate.kind === 'script');
  if (!artifact) throw new EngineError('no CXone script among the artifacts');
  const content = parse(artifact).scriptContent as Record<string, unknown> | undefined;
  if (!content || !isRecord(content.actions) || !isRecord(content.properties) || !isRecord(content.branches))
    throw new EngineError('the script has no scriptContent with actions, properties and branches', artifact.path);
  const actions = new Map<string, StudioAction>();
  for (const [id, raw] of Object.entries(content.actions))
    actions.set(id, readAction(artifact.path, id, raw, content.properties[id], content.branches[id]));
  const begin = [...actions.values()].filter((action) => action.name === 'BEGIN');
  if (begin.length !== 1) throw new EngineError(`the script has ${begin.length} BEGIN actions`, artifact.path);
  return { file: artifact.path, begin: begin[0]!.id, actions };
}

function parse(artifact: Artifact): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(artifact.contents);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new EngineError('the script is not a JSON object', artifact.path);
}

function readAction(file: string, id: string, raw: unknown, properties: unknown, branches: unknown): StudioAction {
  const where = `${file}: actions.${id}`;
  if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.label !== 'string')
    throw new EngineError('an action needs a name and a label', where);
  const byName = new Map<string, string>();
  for (const property of Object.values(isRecord(properties) ? properties : {})) {
    if (!isRecord(property) || typeof property.name !== 'string')
      throw new EngineError('a property needs a name', `${file}: properties.${id}`);
    if (typeof property.value === 'string') byName.set(property.name, property.value);
  }
  const list = Array.isArray(branches) ? branches : [];
  return { id, name: raw.name, label: raw.label, properties: byName, branches: list.map((branch) => readBranch(file, id, branch)) };
}

function readBranch(file: string, id: string, raw: unknown): StudioBranch {
  if (
    !isRecord(raw) ||
    (typeof raw.to !== 'number' && typeof raw.to !== 'string') ||
    typeof raw.label !== 'string' ||
    (raw.type !== 'default' && raw.type !== 'branch' && raw.type !== 'case') ||
    !Number.isInteger(raw.index)
  ) {
    throw new EngineError('a branch needs to, label, index and a type of default, branch or case', `${file}: branches.${id}`);
  }
  return { to: String(raw.to), label: raw.label, type: raw.type, index: raw.index as number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
