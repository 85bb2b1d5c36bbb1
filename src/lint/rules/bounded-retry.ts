import { defineRule } from '../rule.js';

/** The guide's bound (docs/rules/bounded-retry.md): three attempts, then the max-attempts path. */
const RECOMMENDED_MAX = 3;
/** More attempts than this only helps someone guessing a code. */
const HARD_MAX = 5;

export const boundedRetry = defineRule({
  id: 'bounded-retry',
  severity: 'error',
  description: 'Retries are bounded (1 to 5 attempts, 3 recommended) and every loop of the flow passes through a retry step.',
  protectsCredential: false,
  messages: {
    tooManyAttempts: 'Retry `{{step}}` allows {{attempts}} attempts; at most {{max}} keep a guessed code from being brute-forced.',
    manyAttempts: 'Retry `{{step}}` allows {{attempts}} attempts; {{recommended}} is the usual bound.',
    unboundedLoop: 'Steps `{{steps}}` form a loop that no retry step bounds: a caller can go round it forever.',
  },
  check({ index, analysis, report }) {
    for (const [id, step] of index.stepsOfType('retry')) {
      const data = { step: id, attempts: step.maxAttempts, max: HARD_MAX, recommended: RECOMMENDED_MAX };
      if (step.maxAttempts > HARD_MAX) report('tooManyAttempts', ['steps', id, 'maxAttempts'], data);
      else if (step.maxAttempts > RECOMMENDED_MAX) report('manyAttempts', ['steps', id, 'maxAttempts'], data, { severity: 'warning' });
    }
    for (const cycle of analysis.unboundedCycles) {
      const [first, ...others] = cycle;
      report(
        'unboundedLoop',
        ['steps', first!],
        { steps: cycle.join(' → ') },
        {
          onKey: true,
          hint: 'Route the repeat through a `retry` step, which counts the attempts and has an exhausted path.',
          related: others.map((id) => ({ message: 'part of the loop', path: ['steps', id], onKey: true })),
        },
      );
    }
  },
});
