import type { EmitProblem } from './artifact.js';

type RelatedPlace = NonNullable<EmitProblem['related']>[number];

/**
 * One note per kind of limitation, not one per step: notes with the same message become the first
 * one, with the other places listed as related locations. Errors and warnings stay one per place.
 */
export function groupRepeatedNotes(problems: readonly EmitProblem[]): EmitProblem[] {
  const firstByMessage = new Map<string, EmitProblem>();
  /** Each first note's related places, an array of its own grown in place: a copy per repeat was quadratic in the repeats. */
  const relatedOf = new Map<EmitProblem, RelatedPlace[]>();
  const grouped: EmitProblem[] = [];
  for (const problem of problems) {
    if (problem.severity !== 'info') {
      grouped.push(problem);
      continue;
    }
    const first = firstByMessage.get(problem.message);
    if (!first) {
      const copy = { ...problem };
      firstByMessage.set(problem.message, copy);
      grouped.push(copy);
      continue;
    }
    let related = relatedOf.get(first);
    if (related === undefined) {
      // Copied once: the note the first was copied from keeps its own list untouched.
      related = [...(first.related ?? [])];
      relatedOf.set(first, related);
      first.related = related;
    }
    related.push({ message: 'the same here', path: problem.path, ...(problem.onKey ? { onKey: true } : {}) });
  }
  return grouped;
}
