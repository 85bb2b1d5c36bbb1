import { defineRule } from '../rule.js';

/** Below this a loaded middleware times out and the caller is dropped (the field guide's first trap: 3 to 5 s timeouts drop calls under load). */
const MINIMUM_SECONDS = 10;
/** International routes need more (the field guide's APAC callers). */
const INTERNATIONAL_MINIMUM_SECONDS = 15;

export const httpTimeout = defineRule({
  id: 'http-timeout',
  severity: 'error',
  description: 'HTTP timeouts are long enough for a loaded backend (10 s, 15 s international) (the vendor ceilings are target checks).',
  protectsCredential: false,
  messages: {
    tooShort: 'Endpoint `{{endpoint}}` waits {{seconds}} s; a loaded middleware needs at least {{minimum}} s.',
    tooShortInternational: 'International endpoint `{{endpoint}}` waits {{seconds}} s; international routes need at least {{minimum}} s.',
  },
  check({ spec, report }) {
    for (const [endpoint, definition] of Object.entries(spec.endpoints ?? {})) {
      const path = ['endpoints', endpoint, 'timeoutSeconds'];
      const seconds = definition.timeoutSeconds;
      if (seconds < MINIMUM_SECONDS)
        report(
          'tooShort',
          path,
          { endpoint, seconds, minimum: MINIMUM_SECONDS },
          { hint: 'Set timeoutSeconds to 15, and keep the onTimeout path for a slow backend.' },
        );
      else if (definition.international && seconds < INTERNATIONAL_MINIMUM_SECONDS) {
        // A warning: the route may be fast enough, but the guide's APAC callers say otherwise.
        report(
          'tooShortInternational',
          path,
          { endpoint, seconds, minimum: INTERNATIONAL_MINIMUM_SECONDS },
          { severity: 'warning', hint: 'Use 15 to 20 s for international routes.' },
        );
      }
    }
  },
});
