import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { isRefProblem } from '../flow-index.js';
import { collectRefUses, type RefUse } from '../ref-uses.js';
import type { CheckContext } from './context.js';

/**
 * A value the secure section sets (an http result, a variable it assigns or gathers into) does not
 * exist in the part of the flow outside it: the steps before `secure.entry` run before the section,
 * and the `onUnavailable` path runs only when the section could not be entered. A read there is a
 * value that is never set (Genesys runs the two parts as two flows, whose variables do not cross,
 * so its emitter could only find this late). Reported here, for every target.
 */
export function checkReadsOutsideSection({ spec, index, sink }: CheckContext): void {
  const secure = spec.secure;
  if (!secure || !index.steps.has(secure.entry)) return;
  const outside = index.reachableFrom(spec.start, new Set([secure.entry]));
  for (const id of index.reachableFrom(secure.onUnavailable, new Set([secure.entry]))) outside.add(id);
  const setOutside = valuesSetBy(index.steps, outside);
  const setInside = valuesSetBy(index.steps, new Set([...index.secureSteps].filter((id) => !outside.has(id))));
  const calledOutside = endpointsCalledBy(index.steps, outside);
  for (const use of collectRefUses(spec)) {
    if (!readOutside(use, outside, calledOutside)) continue;
    const resolved = index.resolveRef(use.ref);
    if (isRefProblem(resolved) || resolved.kind === 'call') continue;
    const name = resolved.kind === 'variable' ? resolved.name : use.ref.split('.')[0]!;
    if (setOutside.has(name) || !setInside.has(name)) continue;
    report(sink, use.ref, use.path, secure.entry);
  }
}

/** The results and variables the given steps set. */
function valuesSetBy(steps: CheckContext['index']['steps'], ids: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const id of ids) {
    const step = steps.get(id);
    if (step?.type === 'http') names.add(step.result);
    else if (step?.type === 'gather') names.add(step.into);
    else if (step?.type === 'assign') for (const variable of Object.keys(step.set)) names.add(variable);
  }
  return names;
}

/** The endpoints that http steps among `ids` call. */
function endpointsCalledBy(steps: CheckContext['index']['steps'], ids: ReadonlySet<string>): Set<string> {
  const endpoints = new Set<string>();
  for (const id of ids) {
    const step = steps.get(id);
    if (step?.type === 'http') endpoints.add(step.endpoint);
  }
  return endpoints;
}

/** Whether the use is read by a step outside the section (an endpoint's request: by an http step there). */
function readOutside(use: RefUse, outside: ReadonlySet<string>, calledOutside: ReadonlySet<string>): boolean {
  if (use.kind === 'export') return false;
  if (use.kind === 'requestBody' || use.kind === 'urlParameter') return calledOutside.has(use.endpoint);
  return outside.has(use.step);
}

function report(sink: CheckContext['sink'], ref: string, path: SpecPath, entry: string): void {
  sink.report({
    code: 'secure/read-outside-section',
    message: `\`${ref}\` is set only inside the secure section, but read outside it, where it is never set: before \`${entry}\`, or on the \`onUnavailable\` path, which runs when the section could not be entered.`,
    path,
    hint: 'Read it inside the section (after `secure.entry`), or set it in the part of the flow that reads it.',
  });
}
