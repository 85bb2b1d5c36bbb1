import { describe, expect, it } from 'vitest';
import { caption, variableName } from '../../../src/targets/cxone/conventions.js';

/** caption as first written (a replace, then a split) without any memo: the reference the current one must match. */
function referenceCaption(id: string, suffix?: string): string {
  const text = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
  return suffix === undefined ? text : `${text}: ${suffix}`;
}

describe('caption', () => {
  it('reads a step id as words', () => {
    expect(caption('collectOtp')).toBe('Collect Otp');
    expect(caption('route-failed', 'hold')).toBe('Route Failed: hold');
    expect(caption('ask_again2Now')).toBe('Ask Again2 Now');
  });

  it('gives each id its own words however the calls alternate', () => {
    const ids = [
      'collectOtp',
      'collectOtp',
      'verify-identity',
      'collectOtp',
      'x',
      'x',
      '',
      'ßeta_Ünïcode',
      '--',
      'aBCdE',
      'verify-identity',
      // Where the words break: humps, runs of separators, Unicode spaces and letters, edges.
      ...[
        'a1B',
        'ABc',
        'a-B',
        'a B',
        '\u00a0x',
        'x\u2003Y',
        'aÉb',
        '_leading',
        'trailing-',
        'a--b',
        'a_-_B2c',
        'X',
        '9Lives',
        'camelCASEWord',
      ],
    ];
    for (const [position, id] of ids.entries()) {
      const suffix = position % 2 === 0 ? undefined : `part ${position}`;
      expect(caption(id, suffix), id).toBe(referenceCaption(id, suffix));
    }
  });

  it('gives each suffix of a step its own caption, past the number of suffixes kept per step and back again', () => {
    const suffixes = Array.from({ length: 200 }, (_, position) => (position % 3 === 0 ? `queue q${position}` : `clear v${position % 7}`));
    for (const round of [1, 2])
      for (const suffix of suffixes)
        expect(caption('routeCall', suffix), `${suffix} (${round})`).toBe(referenceCaption('routeCall', suffix));
    expect(caption('routeCall')).toBe('Route Call');
  });
});

describe('variableName', () => {
  it.each([
    ['ivrflow_collectOtp_valid', 'ivrflow_collectOtp_valid'],
    ['customer.tier', 'customer_tier'],
    ['route-failed', 'route_failed'],
    ['_x', 'v__x'],
    ['9lives', 'v_9lives'],
    ['', 'v_'],
    ['é', 'v__'],
    ['a\nb', 'a_b'],
  ])('%j → %j', (text, name) => {
    expect(variableName(text)).toBe(name);
  });
});
