import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowIndex } from '../../flowspec/flow-index.js';
import type { RouteStepSpec } from '../../flowspec/types.js';
import { defineRule } from '../rule.js';

interface Target {
  priority: number;
  path: SpecPath;
}

export const authenticatedPriority = defineRule({
  id: 'authenticated-priority',
  severity: 'warning',
  description:
    'A caller who proved who they are is not queued behind anonymous callers: authenticated routes have at least the priority of the unauthenticated ones.',
  protectsCredential: false,
  messages: {
    belowAnonymous:
      'Route `{{step}}` is reached only after a successful verification but has priority {{priority}}, below the {{anonymousPriority}} of `{{anonymous}}`, which anonymous callers reach.',
  },
  check({ index, report }) {
    const anonymous = reachableWithoutVerifying(index);
    const routes = index.stepsOfType('route').filter(([id]) => index.reachable.has(id));
    const anonymousTargets = routes
      .filter(([id]) => anonymous.has(id))
      .flatMap(([id, step]) => targetsOf(id, step).map((target) => ({ ...target, step: id })));
    const highest = anonymousTargets.reduce<(Target & { step: string }) | undefined>(
      (best, target) => (!best || target.priority > best.priority ? target : best),
      undefined,
    );
    if (!highest) return;
    for (const [id, step] of routes) {
      if (anonymous.has(id)) continue;
      for (const target of targetsOf(id, step)) {
        if (target.priority >= highest.priority) continue;
        report(
          'belowAnonymous',
          target.path,
          { step: id, priority: target.priority, anonymous: highest.step, anonymousPriority: highest.priority },
          {
            related: [{ message: 'the anonymous route', path: highest.path }],
            hint: 'Raise the authenticated priority, or lower the fallback routes.',
          },
        );
      }
    }
  },
});

function targetsOf(id: string, step: RouteStepSpec): Target[] {
  const base = ['steps', id];
  const at = (path: SpecPath, priority: number | undefined): Target => ({
    priority: priority ?? 0,
    path: priority === undefined ? path : [...path, 'priority'],
  });
  if (step.queue !== undefined) return [at(base, step.priority)];
  const cases = Object.entries(step.cases ?? {}).map(([label, target]) => at([...base, 'cases', label], target.priority));
  return step.default ? [...cases, at([...base, 'default'], step.default.priority)] : cases;
}

/** Steps reachable from the start (and the secure section's way out) without a verifier's onSuccess. */
function reachableWithoutVerifying(index: FlowIndex): Set<string> {
  const spec = index.spec;
  const isVerifiedSuccess = (from: string, name: string) => {
    const step = index.steps.get(from);
    return step?.type === 'http' && name === 'onSuccess' && spec.endpoints?.[step.endpoint]?.verifiesCredential === true;
  };
  const roots = [spec.start, ...(spec.secure ? [spec.secure.onUnavailable] : [])];
  const follow = (from: string, edge: { name: string }) => !isVerifiedSuccess(from, edge.name);
  return new Set(roots.flatMap((root) => [...index.reachableFrom(root, new Set(), follow)]));
}
