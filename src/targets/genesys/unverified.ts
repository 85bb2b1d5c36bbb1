import type { CallField } from '../../flowspec/refs.js';
import type { ValueType } from '../../flowspec/types.js';

/**
 * Every vendor fact the Genesys emitter relies on without a published file or an official page to
 * back it. Kept here, and only here, so a reviewer can test them on a dev org and docs/genesys.md
 * can list them. Everything else the emitter writes is seen in docs/genesys.md.
 */

/**
 * Architect expressions for `call.<field>`. `Call.ConversationId` and `Call.Ani` are observed
 * (docs/genesys.md §3.2). UNVERIFIED: `Call.CalledAddressOriginal` for the dialled number, and the
 * text format `ToString(GetCurrentDateTimeUtc())` produces (the backend expects ISO 8601 UTC).
 */
export const CALL_FIELD_EXPRESSIONS: Readonly<Record<CallField, string>> = {
  id: 'Call.ConversationId',
  ani: 'Call.Ani',
  dnis: 'Call.CalledAddressOriginal',
  timestamp: 'ToString(GetCurrentDateTimeUtc())',
};

/** Call fields whose expression above is UNVERIFIED, for the generated-file note. */
export const UNVERIFIED_CALL_FIELDS: ReadonlySet<CallField> = new Set(['dnis', 'timestamp']);

/**
 * UNVERIFIED (docs/genesys.md §9.5): the key of an Archy options file that holds substitution
 * key/value pairs. Genesys says options files hold them; the key's name is in no stored source.
 */
export const OPTIONS_SUBSTITUTIONS_KEY = 'substitutions';

/**
 * UNVERIFIED: `$esc.jsonString` is observed in Genesys request templates (docs/genesys.md §4.2);
 * `$esc.d` and `$esc.h` (a literal `$` and `#`) are the same Velocity EscapeTool's documented
 * methods, but no Genesys template is seen using them. Only spec text holding `$` or `#` needs them.
 */
export const VELOCITY_DOLLAR = '${esc.d}';
export const VELOCITY_HASH = '${esc.h}';

/**
 * `translationMapDefaults` values (JSON literals as strings, docs/genesys.md §4.2). A missing
 * string field reads as "" and fails every guarded comparison. UNVERIFIED: that `null` is accepted for
 * a number or boolean field and reaches the flow as NOT_SET (so `IsSet` guards it); a `0` default
 * would make a missing number compare like a real 0.
 */
export function translationDefault(type: ValueType): string {
  return type === 'string' ? '""' : 'null';
}

/**
 * `updateData` statement kinds (docs/genesys.md §2.6). `string`, `integer` and `boolean` are
 * observed; `decimal` (for `number`) is UNVERIFIED.
 */
export const STATEMENT_KIND: Readonly<Record<ValueType, string>> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: 'boolean',
};

/*
 * UNVERIFIED, by design rather than by a constant (docs/genesys.md §9.4): the only public
 * secureCall flow calls its data action with plain `callData`, but against an action with
 * `secure: false`. ivrflow calls its `secure: true` action with `callData` too (actions/http.ts);
 * `callDataSecure` as an action key is only inferred. The PIN variable is not marked `isSecure`
 * (§9.3: no public file declares a secure variable); the secure call flow is the guarantee.
 */

/*
 * UNVERIFIED, by design (actions/gather.ts): `terminatingDtmf` is seen only inside `digits.range`
 * (docs/genesys.md §2.1), so an exact length with a terminator is written as a range with
 * min = max. Whether Archy accepts an equal min and max is in no stored source; the alternative,
 * `exact` without the terminator, would let a short entry plus `#` reach the endpoint (found by
 * the Genesys simulation engine).
 */
