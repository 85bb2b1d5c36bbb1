import { isRefProblem, type FlowIndex } from '../../flowspec/flow-index.js';
import { collectRefUses } from '../../flowspec/ref-uses.js';
import type { FlowSpec } from '../../flowspec/types.js';
import { defineRule } from '../rule.js';

export const unusedDeclaration = defineRule({
  id: 'unused-declaration',
  severity: 'warning',
  description: 'Every declared endpoint is called, every variable is written or read, and every bearer secret is used.',
  protectsCredential: false,
  messages: {
    endpoint: 'Endpoint `{{name}}` is declared but no http step calls it.',
    variable: 'Variable `{{name}}` is declared but no step writes or reads it.',
    secret: 'Secret `{{name}}` is declared but no endpoint authenticates with it.',
  },
  check({ spec, index, report }) {
    const called = new Set([...index.stepsOfType('http')].map(([, step]) => step.endpoint));
    for (const name of Object.keys(spec.endpoints ?? {}))
      if (!called.has(name))
        report('endpoint', ['endpoints', name], { name }, { onKey: true, hint: 'Call it from an http step, or remove it.' });
    const used = usedVariables(spec, index);
    for (const name of Object.keys(spec.variables ?? {}))
      if (!used.has(name))
        report('variable', ['variables', name], { name }, { onKey: true, hint: 'Remove it, or gather, assign or read it.' });
    const bearers = new Set(Object.values(spec.endpoints ?? {}).flatMap((endpoint) => (endpoint.auth ? [endpoint.auth.bearer] : [])));
    for (const [name, secret] of Object.entries(spec.secrets ?? {})) {
      // An unused signing key is replay-protection's to report (signingKeyUnused).
      if (secret.use === 'signingKey' || bearers.has(name)) continue;
      report('secret', ['secrets', name], { name }, { onKey: true, hint: "Name it in an endpoint's `auth: { bearer: … }`, or remove it." });
    }
  },
});

/** Variables a gather or an assign writes, or any ref reads (bodies, url parameters, conditions, routes, exports). */
function usedVariables(spec: FlowSpec, index: FlowIndex): Set<string> {
  const used = new Set<string>();
  for (const step of Object.values(spec.steps)) {
    if (step.type === 'gather') used.add(step.into);
    if (step.type === 'assign') for (const name of Object.keys(step.set)) used.add(name);
  }
  for (const use of collectRefUses(spec)) {
    const resolved = index.resolveRef(use.ref);
    if (!isRefProblem(resolved) && resolved.kind === 'variable') used.add(resolved.name);
  }
  return used;
}
