/** Exhaustiveness check for switches over closed unions: a new member is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** For states the earlier stages have ruled out; reaching one is a bug in ivrflow, not in the spec. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Internal error: ${message}`);
}
