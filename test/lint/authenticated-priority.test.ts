import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';

// The anonymous service-unavailable route at 60 outranks the authenticated default (20) and platinum (50).
const spec = mutateFlow('identity-promotion', { 'steps.serviceUnavailable.priority': 60 });
const platinum = positionOf(spec, 'priority: 50');
const general = positionOf(spec, 'priority: 20');

testRule('authenticated-priority', {
  valid: [
    { name: 'authenticated routes at 20 and 50, anonymous at 0 and 10', spec: mutateFlow('identity-promotion', {}) },
    { name: 'equal priorities', spec: mutateFlow('identity-promotion', { 'steps.serviceUnavailable.priority': 20 }) },
  ],
  invalid: [
    {
      name: 'a fallback route above the authenticated ones',
      spec,
      errors: [
        { messageId: 'belowAnonymous', line: platinum.line, column: platinum.column + 'priority: '.length, severity: 'warning' },
        { messageId: 'belowAnonymous', line: general.line, column: general.column + 'priority: '.length, severity: 'warning' },
      ],
    },
  ],
});
