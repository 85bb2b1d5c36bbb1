import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { attributeVariable, resultField } from './conventions.js';

/**
 * Studio has one flat variable namespace, compared here without case (Studio variable names are
 * not case-sensitive: UNVERIFIED, so the safe reading). A promoted attribute, a result field and a
 * spec variable must not land on the same name: an attribute that became `otp` would screen-pop
 * the credential. `ivrflow_` names are the emitter's own.
 */
export function checkNameClashes(graph: FlowGraph): EmitProblem[] {
  const owners = new Map<string, string>();
  const problems: EmitProblem[] = [];
  const claim = (name: string, owner: string, path: (string | number)[]) => {
    const key = name.toLowerCase();
    const other = owners.get(key);
    if (key.startsWith('ivrflow_'))
      problems.push({
        code: 'target/unsupported',
        message: `${owner} becomes the CXone variable \`${name}\`; names starting with \`ivrflow_\` are reserved for the generated script.`,
        path,
        onKey: true,
        hint: 'Rename it.',
      });
    else if (other !== undefined && other !== owner)
      problems.push({
        code: 'target/unsupported',
        message: `${owner} becomes the CXone variable \`${name}\`, which ${other} already uses.`,
        path,
        onKey: true,
        hint: 'Rename one of them: CXone has one flat variable namespace.',
      });
    else owners.set(key, owner);
  };
  for (const variable of graph.variables) claim(variable.name, `variable \`${variable.name}\``, ['variables', variable.name]);
  for (const node of graph.nodes) {
    if (node.kind !== 'http') continue;
    const endpoint = graph.endpoints.find((candidate) => candidate.id === node.endpoint);
    for (const field of endpoint?.responseFields ?? [])
      claim(resultField(node.result, field.name), `result field \`${node.result}.${field.name}\``, [...node.origin, 'result']);
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'setAttributes') continue;
    for (const attribute of node.attributes)
      claim(attributeVariable(attribute.name), `attribute \`${attribute.name}\``, [...node.origin, 'attributes', attribute.name]);
  }
  return problems;
}
