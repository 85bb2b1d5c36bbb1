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
    const highest = highestAnonymousTarget(routes, anonymous);
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

/** The anonymous route target of the highest priority, the first listed among equals. */
function highestAnonymousTarget(
  routes: readonly [string, RouteStepSpec][],
  anonymous: ReadonlySet<string>,
): (Target & { step: string }) | undefined {
  let highest: (Target & { step: string }) | undefined;
  for (const [id, step] of routes) {
    if (!anonymous.has(id)) continue;
    for (const target of targetsOf(id, step))
      if (!highest || target.priority > highest.priority) highest = { priority: target.priority, path: target.path, step: id };
  }
  return highest;
}

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
  const reached = new Set<string>();
  for (const root of roots) for (const id of index.reachableFrom(root, undefined, follow)) reached.add(id);
  return reached;
}
