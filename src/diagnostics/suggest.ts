/**
 * "Did you mean" work is quadratic when a spec has thousands of unknown names and thousands of
 * candidates: a budget shared by the calls of one check caps it (in comparisons of characters).
 * Once it is spent, hints go without a suggestion; the diagnostics themselves are unchanged.
 */
export class SuggestionBudget {
  constructor(private remaining = 5_000_000) {}

  /** Take `cost` units; false (and nothing taken) when not enough are left. */
  spend(cost: number): boolean {
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    return true;
  }
}

/** "Did you mean" candidates: the closest names within an edit distance of 3, best first. */
export function suggest(input: string, candidates: Iterable<string>, budget = new SuggestionBudget()): string | undefined {
  const list = [...candidates];
  const lowered = input.toLowerCase();
  if (!budget.spend(list.length)) return undefined;
  // An abbreviation (`warn` for `warning`, `bearer` for `bearerToken`) is a match too.
  const prefixed = input.length >= 3 ? list.filter((candidate) => candidate.toLowerCase().startsWith(lowered) && candidate !== input) : [];
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 2)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    // The distance is at least the difference in length: most candidates need no table at all.
    if (Math.abs(candidate.length - input.length) > limit) continue;
    if (!budget.spend(input.length * candidate.length)) return undefined;
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | undefined {
  const match = suggest(input, candidates, budget);
  return match === undefined ? undefined : `Did you mean \`${match}\`?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
