import type { EmitProblem } from './artifact.js';

type RelatedPlace = NonNullable<EmitProblem['related']>[number];

/**
 * One note per kind of limitation, not one per step: notes with the same message become the first
 * one, with the other places listed as related locations. Errors and warnings stay one per place.
 * A note that is not repeated is passed on as it is; the first of repeated ones is copied once.
 */
export function groupRepeatedNotes(problems: readonly EmitProblem[]): EmitProblem[] {
  /** Each first note's place in `grouped`, and once it repeats, its related places: a list of its own grown in place (a copy per repeat was quadratic). */
  const firstByMessage = new Map<string, { at: number; related?: RelatedPlace[] }>();
  const grouped: EmitProblem[] = [];
  for (const problem of problems) {
    if (problem.severity !== 'info') {
      grouped.push(problem);
      continue;
    }
    const first = firstByMessage.get(problem.message);
    if (!first) {
      firstByMessage.set(problem.message, { at: grouped.length });
      grouped.push(problem);
      continue;
    }
    if (first.related === undefined) {
      // Copied at its first repeat: the note the caller gave keeps its own list untouched.
      const note = grouped[first.at]!;
      first.related = [...(note.related ?? [])];
      grouped[first.at] = { ...note, related: first.related };
    }
    first.related.push({ message: 'the same here', path: problem.path, ...(problem.onKey ? { onKey: true } : {}) });
  }
  return grouped;
}
