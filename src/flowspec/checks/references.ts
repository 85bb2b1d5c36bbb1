import { didYouMean, SuggestionBudget } from '../../diagnostics/suggest.js';
import { isRefProblem } from '../flow-index.js';
import { collectRefUses } from '../ref-uses.js';
import { RESERVED_NAMES } from '../refs.js';
import { responseFieldsOf, responseSuccessOf } from '../types.js';
import { stepTransitions, transitionPath } from '../transitions.js';
import type { CheckContext } from './context.js';

/** Every name the spec uses refers to something it declares. */
export function checkReferences(context: CheckContext): void {
  checkStepReferences(context);
  checkDeclarationReferences(context);
  checkResultNames(context);
  for (const use of collectRefUses(context.spec)) {
    const resolved = context.index.resolveRef(use.ref);
    if (isRefProblem(resolved) && !resolved.consequential)
      context.sink.report({ code: resolved.code, message: resolved.message, hint: resolved.hint, path: use.path });
  }
}

function checkStepReferences({ spec, index, sink }: CheckContext): void {
  // Listed only when a step is unknown, which a spec that checks clean never has.
  let stepIds: string[] | undefined;
  const budget = new SuggestionBudget();
  const reportUnknown = (id: string, path: (string | number)[]) =>
    sink.report({
      code: 'ref/unknown-step',
      message: `Unknown step \`${id}\`.`,
      path,
      hint: didYouMean(id, (stepIds ??= [...index.steps.keys()]), budget) ?? 'Declare it under `steps`.',
    });
  if (!index.steps.has(spec.start)) reportUnknown(spec.start, ['start']);
  if (spec.secure && !index.steps.has(spec.secure.entry)) reportUnknown(spec.secure.entry, ['secure', 'entry']);
  if (spec.secure && !index.steps.has(spec.secure.onUnavailable)) reportUnknown(spec.secure.onUnavailable, ['secure', 'onUnavailable']);
  for (const [id, step] of index.stepEntries) {
    for (const transition of stepTransitions(step))
      if (!index.steps.has(transition.to)) reportUnknown(transition.to, transitionPath(id, transition));
  }
}

function checkDeclarationReferences({ spec, index, sink }: CheckContext): void {
  const has = (record: object | undefined, key: string) => record !== undefined && Object.hasOwn(record, key);
  const unknown = (
    code: 'ref/unknown-endpoint' | 'ref/unknown-secret' | 'ref/unknown-variable' | 'ref/unknown-queue',
    kind: string,
    name: string,
    record: object | undefined,
    path: (string | number)[],
    onKey = false,
  ) =>
    sink.report({
      code,
      message: `Unknown ${kind} \`${name}\`.`,
      path,
      onKey,
      hint: didYouMean(name, Object.keys(record ?? {})) ?? `Declare it under \`${kind === 'secret' ? 'secrets' : `${kind}s`}\`.`,
    });

  for (const [name, endpoint] of Object.entries(spec.endpoints ?? {})) {
    if (endpoint.auth && !has(spec.secrets, endpoint.auth.bearer))
      unknown('ref/unknown-secret', 'secret', endpoint.auth.bearer, spec.secrets, ['endpoints', name, 'auth', 'bearer']);
    const success = responseSuccessOf(endpoint);
    if (success && !has(responseFieldsOf(endpoint), success.field)) {
      sink.report({
        code: 'ref/unknown-field',
        message: `The success check reads \`${success.field}\`, which the response does not declare.`,
        path: ['endpoints', name, 'response', 'success', 'field'],
        hint: didYouMean(success.field, Object.keys(responseFieldsOf(endpoint))) ?? 'Declare it under `response.fields`.',
      });
    }
  }
  for (const [id, step] of index.stepEntries) {
    const path = ['steps', id];
    if (step.type === 'http' && !has(spec.endpoints, step.endpoint))
      unknown('ref/unknown-endpoint', 'endpoint', step.endpoint, spec.endpoints, [...path, 'endpoint']);
    if (step.type === 'gather' && !has(spec.variables, step.into))
      unknown('ref/unknown-variable', 'variable', step.into, spec.variables, [...path, 'into']);
    if (step.type === 'assign')
      for (const variable of Object.keys(step.set))
        if (!has(spec.variables, variable))
          unknown('ref/unknown-variable', 'variable', variable, spec.variables, [...path, 'set', variable], true);
    if (step.type === 'route') {
      if (step.queue !== undefined && !has(spec.queues, step.queue))
        unknown('ref/unknown-queue', 'queue', step.queue, spec.queues, [...path, 'queue']);
      for (const [label, target] of Object.entries(step.cases ?? {}))
        if (!has(spec.queues, target.queue))
          unknown('ref/unknown-queue', 'queue', target.queue, spec.queues, [...path, 'cases', label, 'queue']);
      if (step.default && !has(spec.queues, step.default.queue))
        unknown('ref/unknown-queue', 'queue', step.default.queue, spec.queues, [...path, 'default', 'queue']);
    }
  }
  const genesys = spec.targets?.genesys;
  for (const name of Object.keys(genesys?.dataActions ?? {}))
    if (!has(spec.endpoints, name))
      unknown('ref/unknown-endpoint', 'endpoint', name, spec.endpoints, ['targets', 'genesys', 'dataActions', name], true);
  for (const name of Object.keys(genesys?.queues ?? {}))
    if (!has(spec.queues, name)) unknown('ref/unknown-queue', 'queue', name, spec.queues, ['targets', 'genesys', 'queues', name], true);
  for (const name of Object.keys(spec.targets?.cxone?.skills ?? {}))
    if (!has(spec.queues, name)) unknown('ref/unknown-queue', 'queue', name, spec.queues, ['targets', 'cxone', 'skills', name], true);
}

function checkResultNames({ spec, index, sink }: CheckContext): void {
  for (const name of Object.keys(spec.variables ?? {})) {
    if (RESERVED_NAMES.has(name))
      sink.report({
        code: 'ref/reserved-name',
        message: `\`${name}\` is reserved for call data and cannot name a variable.`,
        path: ['variables', name],
        onKey: true,
        hint: `Rename the variable; \`${name}.<field>\` reads call data.`,
      });
  }
  for (const [id, step] of index.stepsOfType('http')) {
    const path = ['steps', id, 'result'];
    if (RESERVED_NAMES.has(step.result) || Object.hasOwn(spec.variables ?? {}, step.result)) {
      sink.report({
        code: 'ref/reserved-name',
        message: `The result name \`${step.result}\` is already taken by ${RESERVED_NAMES.has(step.result) ? 'call data' : 'a variable'}.`,
        path,
        hint: 'Pick a name no variable uses.',
      });
    }
    const owner = index.results.get(step.result);
    if (owner && owner.step !== id) {
      sink.report({
        code: 'ref/duplicate-result',
        message: `The result name \`${step.result}\` is already used by step \`${owner.step}\`.`,
        path,
        related: [{ message: 'first used here', path: ['steps', owner.step, 'result'] }],
        hint: 'Give each http step its own result name.',
      });
    }
  }
}
