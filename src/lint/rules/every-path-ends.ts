import { defineRule } from '../rule.js';

export const everyPathEnds = defineRule({
  id: 'every-path-ends',
  severity: 'error',
  description:
    'Every route has a fallback for when its queue cannot take the call (every path already must end in a route or a disconnect).',
  protectsCredential: false,
  messages: {
    noFallback: 'Route `{{step}}` has no `onFailure`: when the queue cannot take the call, the caller is dropped.',
  },
  check({ index, report }) {
    for (const [id, step] of index.stepsOfType('route')) {
      if (step.onFailure !== undefined) continue;
      report(
        'noFallback',
        ['steps', id],
        { step: id },
        { onKey: true, hint: 'Add `onFailure:` leading to another queue, or to a disconnect with an apology.' },
      );
    }
  },
});
