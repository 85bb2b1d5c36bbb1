import type { FlowGraph, FlowNode } from '../../ir/nodes.js';
import { nodeReads, nodeWrites, valueKey, type NodeRead } from '../../ir/reads.js';
import type { EmitProblem } from '../artifact.js';

/**
 * Genesys runs the steps before `secure.entry` and the secure section as two flows, and flow
 * variables do not cross flows: the secure flow's only input is `invocationData`
 * (`Flow.InvocationData`, one string that must not carry sensitive data; docs/genesys.md §2.13,
 * research/genesys-fidelity.md), which ivrflow leaves empty. So a value the section reads that only
 * the inbound part sets is never set there. (The other direction, a value the section sets read
 * outside it, is `secure/read-outside-section` for every target.) Reported at each read, for
 * `validate` and `generate` alike; the emitter's own check of the files it writes is the backstop.
 */
export function checkSecureFlowInputs(graph: FlowGraph): EmitProblem[] {
  const secure = graph.secure;
  if (!secure) return [];
  const sectionNodes = graph.nodes.filter((node) => node.secure);
  const setInSection = new Set(sectionNodes.flatMap(nodeWrites));
  const setBefore = new Set(inboundNodes(graph, secure.entry).flatMap(nodeWrites));
  const exported: NodeRead[] = secure.exports.map((value, position) => ({ value, path: ['secure', 'exports', position] }));
  const reads = [...sectionNodes.flatMap((node) => nodeReads(node, graph)), ...exported];
  return reads.flatMap(({ value, path }): EmitProblem[] => {
    const key = valueKey(value);
    if (key === undefined || setInSection.has(key) || !setBefore.has(key)) return [];
    const name = value.kind === 'variable' ? value.name : value.kind === 'result' ? `${value.result}.${value.field}` : '';
    return [
      {
        code: 'target/unsupported',
        message: `\`${name}\` is read inside the secure section but set only before \`${secure.entry}\`; Genesys runs the section as a secure call flow, which does not see the inbound flow's variables.`,
        path,
        hint: 'Set the value inside the section (at or after `secure.entry`), e.g. by moving the step that sets it there, or read it from `call.*`.',
      },
    ];
  });
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
