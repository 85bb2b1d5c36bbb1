import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { attributeVariable, resultField } from './conventions.js';

const VARIABLES = ['variables'] as const;

/**
 * Studio has one flat variable namespace, compared here without case (Studio variable names are
 * not case-sensitive: UNVERIFIED, so the safe reading). A promoted attribute, a result field and a
 * spec variable must not land on the same name: an attribute that became `otp` would screen-pop
 * the credential. `ivrflow_` names are the emitter's own.
 */
export function checkNameClashes(graph: FlowGraph): EmitProblem[] {
  const owners = new Map<string, string>();
  const problems: EmitProblem[] = [];
  // The path is its parts until a clash is reported: most names never clash, so no array is built for them.
  const claim = (name: string, owner: string, base: readonly (string | number)[], key1: string, key2?: string) => {
    const key = name.toLowerCase();
    const other = owners.get(key);
    if (key.startsWith('ivrflow_'))
      problems.push({
        code: 'target/unsupported',
        message: `${owner} becomes the CXone variable \`${name}\`; names starting with \`ivrflow_\` are reserved for the generated script.`,
        path: pathOf(base, key1, key2),
        onKey: true,
        hint: 'Rename it.',
      });
    else if (other !== undefined && other !== owner)
      problems.push({
        code: 'target/unsupported',
        message: `${owner} becomes the CXone variable \`${name}\`, which ${other} already uses.`,
        path: pathOf(base, key1, key2),
        onKey: true,
        hint: 'Rename one of them: CXone has one flat variable namespace.',
      });
    else owners.set(key, owner);
  };
  for (const variable of graph.variables) claim(variable.name, `variable \`${variable.name}\``, VARIABLES, variable.name);
  for (const node of graph.nodes) {
    if (node.kind !== 'http') continue;
    const endpoint = graph.endpoints.find((candidate) => candidate.id === node.endpoint);
    for (const field of endpoint?.responseFields ?? [])
      claim(resultField(node.result, field.name), `result field \`${node.result}.${field.name}\``, node.origin, 'result');
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'setAttributes') continue;
    for (const attribute of node.attributes)
      claim(attributeVariable(attribute.name), `attribute \`${attribute.name}\``, node.origin, 'attributes', attribute.name);
  }
  return problems;
}

function pathOf(base: readonly (string | number)[], key1: string, key2: string | undefined): (string | number)[] {
  return key2 === undefined ? [...base, key1] : [...base, key1, key2];
}
