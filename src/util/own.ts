/**
 * A record's own entry by a name that comes from a spec. Spec names are user text: `__proto__`,
 * `constructor` or `toString` must find nothing rather than Object.prototype's members.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}
