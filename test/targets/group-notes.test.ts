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

  it('keeps the related places the first note had, without changing the note it was given', () => {
    const given = { message: 'see', path: ['steps', 'z'] };
    const first = { code: 'target/unsupported' as const, severity: 'info' as const, message: 'm', path: ['steps', 'a'], related: [given] };
    const again = { ...first, path: ['steps', 'b'], related: undefined, onKey: true };
    const grouped = groupRepeatedNotes([first, again, { ...again, path: ['steps', 'c'], onKey: false }]);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.related).toEqual([
      given,
      { message: 'the same here', path: ['steps', 'b'], onKey: true },
      { message: 'the same here', path: ['steps', 'c'] },
    ]);
    expect(first.related).toEqual([given]);
  });

  it('passes a note that is not repeated on as the same object, and copies the first of repeated ones', () => {
    const note = (message: string, step: string) => ({
      code: 'target/unsupported' as const,
      severity: 'info' as const,
      message,
      path: ['steps', step],
    });
    const alone = note('once', 'a');
    const first = note('twice', 'b');
    const grouped = groupRepeatedNotes([alone, first, note('twice', 'c')]);
    expect(grouped[0]).toBe(alone);
    expect(grouped[1]).not.toBe(first);
    expect(grouped[1]).toEqual({ ...first, related: [{ message: 'the same here', path: ['steps', 'c'] }] });
    expect(first).not.toHaveProperty('related');
  });

  it('folds many repeats of one note into one, in order', () => {
    const notes = Array.from({ length: 20_000 }, (_, index) => ({
      code: 'target/unsupported' as const,
      severity: 'info' as const,
      message: 'repeated',
      path: ['steps', `s${index}`],
    }));
    const [only, ...rest] = groupRepeatedNotes(notes);
    expect(rest).toHaveLength(0);
    expect(only!.related?.map((related) => related.path[1])).toEqual(notes.slice(1).map((note) => note.path[1]));
  });
});
