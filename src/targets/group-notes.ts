import type { EmitProblem } from './artifact.js';

/**
 * One note per kind of limitation, not one per step: notes with the same message become the first
 * one, with the other places listed as related locations. Errors and warnings stay one per place.
 */
export function groupRepeatedNotes(problems: readonly EmitProblem[]): EmitProblem[] {
  const firstByMessage = new Map<string, EmitProblem>();
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
    first.related = [...(first.related ?? []), { message: 'the same here', path: problem.path, ...(problem.onKey ? { onKey: true } : {}) }];
  }
  return grouped;
}
