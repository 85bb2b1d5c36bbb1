import { assertNever } from '../../../util/assert.js';
import { EngineError } from '../../engine-contract.js';

/**
 * Architect values keep their Architect type: a flow variable is typed, an expression is typed, and
 * NOT_SET is a value of its own (docs/genesys.md §3.3), not an empty string.
 */
export type ArchValue =
  | { type: 'string'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'decimal'; value: number }
  | { type: 'boolean'; value: boolean }
  /** An instant, kept as ISO 8601 text in UTC. */
  | { type: 'dateTime'; value: string }
  | { type: 'duration'; ms: number }
  | { type: 'skill'; name: string }
  | { type: 'queue'; name: string }
  /** Audio as the TTS segments it would speak; blank audio has none. */
  | { type: 'audio'; tts: readonly string[] }
  | { type: 'notSet' };

export type ArchType = ArchValue['type'];
/** The types a flow variable of the emitted files can have. */
export type VariableType = 'string' | 'integer' | 'decimal' | 'boolean';

export const NOT_SET: ArchValue = { type: 'notSet' };

export function stringValue(value: string): ArchValue {
  return { type: 'string', value };
}

export function integerValue(value: number): ArchValue {
  return { type: 'integer', value };
}

export function booleanValue(value: boolean): ArchValue {
  return { type: 'boolean', value };
}

export function describeValue(value: ArchValue): string {
  switch (value.type) {
    case 'string':
      return JSON.stringify(value.value);
    case 'integer':
    case 'decimal':
    case 'boolean':
    case 'dateTime':
      return `${value.type} ${String(value.value)}`;
    case 'duration':
      return `duration ${value.ms} ms`;
    case 'skill':
    case 'queue':
      return `${value.type} ${JSON.stringify(value.name)}`;
    case 'audio':
      return `audio [${value.tts.map((text) => JSON.stringify(text)).join(', ')}]`;
    case 'notSet':
      return 'NOT_SET';
    default:
      return assertNever(value);
  }
}

/**
 * A value as the type a variable or property expects. An integer widens to a decimal, as Architect
 * does for numeric literals; every other mismatch is an artifact Architect would not publish.
 */
export function coerce(value: ArchValue, expected: ArchType, where: string): ArchValue {
  if (value.type === expected || value.type === 'notSet') return value;
  if (value.type === 'integer' && expected === 'decimal') return { type: 'decimal', value: value.value };
  throw new EngineError(`expected a ${expected} value, got ${describeValue(value)}`, where);
}

/**
 * `ToString` (docs/genesys.md §3.3). Integer: decimal digits. UNVERIFIED: a decimal as the
 * shortest round-trip text (`0.5`, `3`), a boolean as `true`/`false`, and a dateTime as ISO 8601
 * `yyyy-MM-ddTHH:mm:ss.SSSZ` (docs/genesys.md leaves the format open; the backend expects ISO 8601).
 */
export function toText(value: ArchValue, where: string): string {
  switch (value.type) {
    case 'string':
      return value.value;
    case 'integer':
    case 'decimal':
    case 'boolean':
    case 'dateTime':
      return String(value.value);
    case 'notSet':
      throw new EngineError(
        'ToString of NOT_SET: what Architect returns is unverified, and the emitter always guards it with IsSet',
        where,
      );
    case 'duration':
    case 'skill':
    case 'queue':
    case 'audio':
      throw new EngineError(`no text form is modelled for ${describeValue(value)}`, where);
    default:
      return assertNever(value);
  }
}

/** The UTC instant of the call as Architect holds a dateTime; an unreadable timestamp is a scenario error. */
export function dateTimeOf(timestamp: string, where: string): ArchValue {
  if (lastDateTime?.timestamp === timestamp) return lastDateTime.value;
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) throw new EngineError(`call.timestamp ${JSON.stringify(timestamp)} is not an ISO 8601 instant`, where);
  const value: ArchValue = { type: 'dateTime', value: new Date(time).toISOString() };
  lastDateTime = { timestamp, value };
  return value;
}

/** Every call of a batch usually has the same timestamp: it is parsed once (values are never mutated). */
let lastDateTime: { timestamp: string; value: ArchValue } | undefined;
