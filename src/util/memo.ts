/**
 * A pure function of a string, remembered: the checks ask the same questions of the same names
 * many times per flow (every rule splits every step id into words). The memo is emptied when it
 * reaches `limit` entries, so a batch of thousands of flows cannot grow it without bound.
 */
export function memoizeByString<T>(compute: (key: string) => T, limit = 4096): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      if (memo.size >= limit) memo.clear();
      value = compute(key);
      memo.set(key, value);
    }
    return value as T;
  };
}

/**
 * A module loaded on first use and kept: `import()` of a module already loaded still resolves it
 * again and queues promises, some 6-8 µs a call, which a batch compiling thousands of flows pays
 * twice per flow (one emitter per vendor).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/**
 * A pure function of an object that is not changed once built and lives long (a simulated script's
 * parsed actions and expressions, catalog entries, a template's strings), remembered weakly: the
 * answer goes when the object does. For the objects of one flow in a batch (its spec, index or
 * graph) use memoizeForLast: a WeakMap keeps such answers through young-generation GCs.
 */
export function memoizeByObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const memo = new WeakMap<K, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      value = compute(key);
      memo.set(key, value);
    }
    return value as T;
  };
}

/**
 * A pure function of an object, remembered for the last object it was asked of: the checks of one
 * flow ask it of that flow's spec or index one after another. Not in a WeakMap, whose values a
 * young-generation GC keeps (an old table's entries are roots to it), and with them the flow they
 * point into, until a full GC: a batch of checks promoted some 30 KB per flow that way.
 */
export function memoizeForLast<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  let lastKey: K | undefined;
  let lastValue: T;
  return (key) => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue;
  };
}
