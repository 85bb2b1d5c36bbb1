/** "Did you mean" candidates: the closest names within an edit distance of 3, best first. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  // An abbreviation (`warn` for `warning`, `bearer` for `bearerToken`) is a match too.
  const prefixed =
    input.length >= 3 ? list.filter((candidate) => candidate.toLowerCase().startsWith(input.toLowerCase()) && candidate !== input) : [];
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 2)));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = suggest(input, candidates);
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
