import type { TargetName } from '../../flowspec/targets.js';
import { defineRule } from '../rule.js';

/** Below this a loaded middleware times out and the caller is dropped (domain.md §3). */
const MINIMUM_SECONDS = 10;
/** International routes need more (research: the guide's APAC edge case). */
const INTERNATIONAL_MINIMUM_SECONDS = 15;
/** research/archy.md §4.1: data action timeoutSeconds 1–60; research/cxone.md §2: REST API ≤ 90 s. */
const VENDOR_CEILING_SECONDS: Record<TargetName, number> = { genesys: 60, cxone: 90 };

export const httpTimeout = defineRule({
  id: 'http-timeout',
  severity: 'error',
  description: 'HTTP timeouts are long enough for a loaded backend (10 s, 15 s international) and within the vendor limits.',
  protectsCredential: false,
  messages: {
    tooShort: 'Endpoint `{{endpoint}}` waits {{seconds}} s; a loaded middleware needs at least {{minimum}} s.',
    tooShortInternational: 'International endpoint `{{endpoint}}` waits {{seconds}} s; international routes need at least {{minimum}} s.',
    aboveVendorLimit: 'Endpoint `{{endpoint}}` waits {{seconds}} s, above the {{vendor}} limit of {{limit}} s.',
  },
  check({ spec, targets, report }) {
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
      for (const vendor of targets) {
        const limit = VENDOR_CEILING_SECONDS[vendor];
        if (seconds > limit) report('aboveVendorLimit', path, { endpoint, seconds, vendor, limit });
      }
    }
  },
});
