/**
 * The named keys of `source` whose value is defined, for options objects under
 * `exactOptionalPropertyTypes`: `{ env: undefined }` is not `{ env?: string }`.
 */
export function optionalProps<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
