import { describe, expect, it } from 'vitest';
import { SpecNames } from '../../../../src/targets/genesys/engine/spec-names.js';
import { exampleGraph } from '../../../simulate/helpers.js';

describe('SpecNames.stepOf', () => {
  it('maps an action name to its step, with or without a detail, every time it is asked (the answer is kept per name)', () => {
    const names = new SpecNames(exampleGraph('identity-promotion'));
    for (const _ of [1, 2]) {
      expect(names.stepOf('collectOtp')).toBe('collectOtp');
      expect(names.stepOf('routeByTier: default')).toBe('routeByTier');
      expect(names.stepOf('routeByTier:default')).toBeUndefined();
      expect(names.stepOf('nowhere: detail')).toBeUndefined();
      expect(names.stepOf('nowhere')).toBeUndefined();
    }
  });
});
