import type { ValueType } from './types.js';

/** Call data every vendor exposes, readable as `call.<field>`. */
export const CALL_FIELDS = {
  id: 'the interaction id (Genesys conversation id, CXone contact id)',
  ani: 'the caller number',
  dnis: 'the dialled number',
  timestamp: 'the current time, UTC, ISO 8601',
} as const;

export type CallField = keyof typeof CALL_FIELDS;

export function isCallField(name: string): name is CallField {
  return Object.hasOwn(CALL_FIELDS, name);
}

/** What a `ref` string names, once resolved against the spec. */
export type ResolvedRef =
  | { kind: 'call'; field: CallField; type: 'string' }
  | { kind: 'variable'; name: string; type: ValueType; sensitive: boolean }
  | { kind: 'result'; result: string; field: string; step: string; endpoint: string; type: ValueType };

/** Names that a ref's first segment can never be a variable or result name. */
export const RESERVED_NAMES = new Set(['call']);
