/**
 * A record's own entry by a name that comes from a spec. Spec names are user text: `__proto__`,
 * `constructor` or `toString` must find nothing rather than Object.prototype's members.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * A record with one own entry per item, in order, as `Object.fromEntries` of the pairs builds it,
 * by assignment (fromEntries' iteration was most of building a Genesys data action). A spec name
 * may be `__proto__`, which assignment would take for the prototype: that one is defined instead.
 */
export function recordOf<I, T>(items: readonly I[], keyOf: (item: I) => string, valueOf: (item: I) => T): Record<string, T> {
  const record: Record<string, T> = {};
  for (const item of items) {
    const key = keyOf(item);
    if (key === '__proto__')
      Object.defineProperty(record, key, { value: valueOf(item), enumerable: true, writable: true, configurable: true });
    else record[key] = valueOf(item);
  }
  return record;
}
