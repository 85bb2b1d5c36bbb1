import { defineRule } from '../rule.js';

export const identicalBranches = defineRule({
  id: 'identical-branches',
  severity: 'warning',
  description: 'A condition leads to different steps when it holds and when it does not.',
  protectsCredential: false,
  messages: {
    sameStep: 'Condition `{{step}}` goes to `{{target}}` whether it holds or not, so it decides nothing.',
  },
  check({ index, report }) {
    for (const [id, step] of index.stepsOfType('condition'))
      if (step.then === step.else)
        report(
          'sameStep',
          ['steps', id, 'else'],
          { step: id, target: step.then },
          {
            hint: 'Point `then` or `else` at the step meant for the other case, or replace the condition by its `next` step.',
            related: [{ message: '`then` goes to the same step', path: ['steps', id, 'then'] }],
          },
        );
  },
});
