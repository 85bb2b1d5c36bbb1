import { describe, expect, it } from 'vitest';
import { groupRepeatedNotes } from '../../src/targets/group-notes.js';

describe('groupRepeatedNotes', () => {
  it('folds notes with the same message into the first, keeping the other places as related', () => {
    const note = (step: string) => ({
      code: 'target/unsupported' as const,
      severity: 'info' as const,
      message: 'not wired',
      path: ['steps', step, 'onFailure'],
    });
    const warning = { code: 'target/unsupported' as const, severity: 'warning' as const, message: 'not wired', path: ['steps', 'x'] };
    const grouped = groupRepeatedNotes([note('a'), warning, note('b'), note('c')]);
    expect(grouped).toHaveLength(2);
    expect(grouped[0]!.path).toEqual(['steps', 'a', 'onFailure']);
    expect(grouped[0]!.related?.map((related) => related.path)).toEqual([
      ['steps', 'b', 'onFailure'],
      ['steps', 'c', 'onFailure'],
    ]);
    expect(grouped[1]).toBe(warning);
  });
});
