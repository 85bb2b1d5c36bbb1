import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph, FlowNode, IrReadable } from '../../ir/nodes.js';
import { nodeReads, nodeWrites, valueKey } from '../../ir/reads.js';
import type { EmitProblem } from '../artifact.js';

/**
 * Genesys runs the steps before `secure.entry` and the secure section as two flows, and flow
 * variables do not cross flows: the secure flow's only input is `invocationData`
 * (`Flow.InvocationData`, one string that must not carry sensitive data; docs/genesys.md §2.13,
 * research/genesys-fidelity.md), which ivrflow leaves empty. So a value the section reads that only
 * the inbound part sets is never set there. Each flow declares the variables it uses, with their
 * initial values. (A value the section sets read outside it is also `secure/read-outside-section`,
 * for every target.) Reported at each read, for `validate` and `generate` alike; the emitter's own
 * check of the files it writes (emit/flow-file.ts) is the backstop.
 */
export function checkFlowVariableReads(graph: FlowGraph): EmitProblem[] {
  const secure = graph.secure;
  const inbound = secure ? inboundNodes(graph, secure.entry) : graph.nodes;
  const section = secure ? graph.nodes.filter((node) => node.secure) : [];
  const initial = new Set(graph.variables.filter((variable) => variable.initial !== undefined).map(({ name }) => `variable:${name}`));
  const problems: EmitProblem[] = [];
  // Each flow's writes, gathered once: each is "here" for one flow and "there" for the other.
  const setInbound = writesOf(inbound);
  const setInSection = writesOf(section);
  for (const [flow, setHere, setThere] of [
    [inbound, setInbound, setInSection],
    [section, setInSection, setInbound],
  ] as const) {
    for (const node of flow)
      for (const { value, path } of nodeReads(node, graph)) {
        const key = valueKey(value);
        if (key === undefined || setHere.has(key) || (initial.has(key) && !setThere.has(key))) continue;
        problems.push(unsetRead(value, path, setThere.has(key) ? (flow === section ? 'before' : 'inside') : 'never', secure?.entry));
      }
  }
  return problems;
}

function writesOf(nodes: readonly FlowNode[]): Set<string> {
  const writes = new Set<string>();
  for (const node of nodes) for (const key of nodeWrites(node)) writes.add(key);
  return writes;
}

const HINTS = {
  before: 'Set the value inside the section (at or after `secure.entry`): move the step that sets it there, or set it again there.',
  inside: 'Read it inside the section (at or after `secure.entry`), or set it before `secure.entry` too.',
  never: 'Give the variable an `initial` value, or set it (assign, gather) before it is read.',
} as const;

function unsetRead(value: IrReadable, path: SpecPath, setWhere: 'before' | 'inside' | 'never', entry: string | undefined): EmitProblem {
  const name = value.kind === 'variable' ? value.name : value.kind === 'result' ? `${value.result}.${value.field}` : '';
  const messages = {
    before: `\`${name}\` is read inside the secure section but set only before \`${entry}\`; Genesys runs the section as a secure call flow, which does not see the inbound flow's variables.`,
    inside: `\`${name}\` is read before the secure section but set only inside it; Genesys runs the section as a secure call flow, whose variables the inbound flow does not see.`,
    never: `\`${name}\` is read but never set and has no initial value; Genesys declares it in the flow that reads it, where it is never set.`,
  };
  return {
    code: 'target/unsupported',
    message: messages[setWhere],
    path,
    hint: HINTS[setWhere],
  };
}

/** The steps of the inbound flow: reachable from `start` without entering the section. Iterative. */
function inboundNodes(graph: FlowGraph, entry: string): FlowNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>([graph.start]);
  const pending = [graph.start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (id === entry) continue;
    for (const edge of byId.get(id)?.edges ?? [])
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        pending.push(edge.to);
      }
  }
  seen.delete(entry);
  return graph.nodes.filter((node) => seen.has(node.id));
}
