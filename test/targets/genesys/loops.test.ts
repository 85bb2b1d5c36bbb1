import { describe, expect, it } from 'vitest';
import type { RuleConfig } from '../../../src/lint/config.js';
import { checkSpec } from '../../../src/pipeline.js';
import { checkLoopsWithoutRetry } from '../../../src/targets/genesys/loops.js';
import { mutateFlow } from '../../helpers/fixtures.js';

const boundedRetryOff: RuleConfig = new Map([['bounded-retry', { level: 'off' as const, reason: 'the Genesys check reports the loop' }]]);

function graphOf(edits: Record<string, unknown>) {
  const { graph } = checkSpec('spec.yaml', Buffer.from(mutateFlow('identity-promotion', edits)), { targets: [], rules: boundedRetryOff });
  expect(graph).toBeDefined();
  return graph!;
}

describe('checkLoopsWithoutRetry', () => {
  it('reports nothing for a flow whose only loop goes through its retry', () => {
    expect(checkLoopsWithoutRetry(graphOf({}))).toEqual([]);
  });

  it('reports each loop once, its steps in spec order, at the transition back to its first step', () => {
    const problems = checkLoopsWithoutRetry(
      graphOf({
        'steps.noInput.next': 'collectOtp',
        'steps.routeFailed': { type: 'play', prompt: 'Please hold.', next: 'serviceUnavailable' },
      }),
    );
    expect(problems.map(({ message, path, related }) => ({ message, path, related }))).toEqual([
      {
        message: expect.stringContaining('Steps `serviceUnavailable → routeFailed` form a loop without a retry step'),
        path: ['steps', 'routeFailed', 'next'],
        related: [{ message: 'the loop goes back to `serviceUnavailable` here', path: ['steps', 'serviceUnavailable'] }],
      },
      {
        message: expect.stringContaining('Steps `collectOtp → noInput` form a loop without a retry step'),
        path: ['steps', 'noInput', 'next'],
        related: [{ message: 'the loop goes back to `collectOtp` here', path: ['steps', 'collectOtp'] }],
      },
    ]);
  });
});
