import type { CallField } from '../../flowspec/refs.js';
import type { ValueType } from '../../flowspec/types.js';

/**
 * Every vendor fact the Genesys emitter relies on without a published file or an official page to
 * back it. Kept here, and only here, so a reviewer can test them on a dev org and docs/genesys.md
 * can list them. Everything else the emitter writes is seen in docs/genesys.md.
 */

/**
 * UNVERIFIED: the text `ToString(GetCurrentDateTimeUtc())` produces for `call.timestamp` (the
 * backend expects ISO 8601 UTC). Searched: Genesys help "Architect functions", published flows
 * (GenesysCloudBlueprints design-architect-flow-data-actions-for-resiliency, genesys-cloud-call-park:
 * the same expression passed to data actions, format not shown).
 */
export const UNVERIFIED_CALL_FIELDS: ReadonlySet<CallField> = new Set(['timestamp']);

/**
 * UNVERIFIED: `$esc.jsonString` is observed in Genesys request templates (docs/genesys.md §4.2);
 * `$esc.d` and `$esc.h` (a literal `$` and `#`) are the same Velocity EscapeTool's documented
 * methods, but no Genesys template is seen using them. Only spec text holding `$` or `#` needs them.
 * `$esc.b` (a literal backslash) is the same tool's, for a backslash right before `$` or `#`, which
 * Velocity would otherwise read as an escape and drop
 * (https://velocity.apache.org/engine/2.3/user-guide.html#escaping-valid-vtl-references).
 */
export const VELOCITY_DOLLAR = '${esc.d}';
export const VELOCITY_HASH = '${esc.h}';
export const VELOCITY_BACKSLASH = '${esc.b}';

/**
 * `$esc.uriEncode(...)` around a path or query value of the request url (spec 1.1). The function
 * and its purpose are documented (https://help.mypurecloud.com/articles/url-form-encoding-for-data-actions/,
 * https://help.mypurecloud.com/articles/velocity-macros-data-actions/); UNVERIFIED: its exact
 * character set. ivrflow's Genesys engine encodes as RFC 3986 does (every character but
 * `A-Z a-z 0-9 - . _ ~`, a space as `%20`), the reading under which a value can never leave its segment.
 */
export const VELOCITY_URL_ENCODE = '$esc.uriEncode';

/**
 * UNVERIFIED: a `response: none` data action (an empty translation map, success template `{}`)
 * succeeds on a 2xx answer whose body is empty or not JSON, such as a 204. Searched: the Genesys help
 * pages on response configuration and the GenesysCloudBlueprints data actions (none has an empty map).
 */
export const EMPTY_RESPONSE_SUCCEEDS = true;

/**
 * `translationMapDefaults` values (JSON literals as strings, docs/genesys.md §4.2). A missing
 * string field reads as "" and fails every guarded comparison. UNVERIFIED: that `null` is accepted for
 * a number or boolean field and reaches the flow as NOT_SET (so `IsSet` guards it); a `0` default
 * would make a missing number compare like a real 0, and the failure reply omits
 * `routing_priority`. Searched: 55 published data action files of GenesysCloudBlueprints (defaults
 * seen: `""`, `"0"`, `"false"`, `"[0]"`; never `"null"`) and the help page "Add configuration to a
 * web services data action". The offline oracle cannot judge it: the SDK does not read defaults.
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
 * UNVERIFIED, by design rather than by a constant (emit/nodes/http.ts): the YAML layout of
 * `callDataSecure`. The key is seen only under `settingsActionDefaults` of the one public secure
 * flow (GenesysCloudBlueprints/process-participant-attributes-event-triggers-blueprint@ef0c280
 * `blueprint/src/terraform/architect-flows/EventOrchestrator_Secure_Flow.yaml`); its body is written
 * in callData's layout (`category.<integration>.dataAction.<name>`), as the SDK gives both actions
 * the same members (`ArchActionCallDataSecure` extends `ArchBaseActionDataAction`). Searched: the
 * code index for `callDataSecure:` (no Archy file), GenesysCloudBlueprints, the Archy lessons.
 * The offline oracle accepts the action itself; it cannot read the YAML layout.
 */

/*
 * UNVERIFIED, by design (emit/nodes/route.ts): an ACD skill as `acdSkill: {lit: {name}}`. The list
 * shape `acdSkills: - acdSkill:` is published (GenesysCloudBlueprints/switch-voice-to-web-messaging
 * `Switch from Voice Channel with Context.yaml`, with `exp: FindSkill(...)` in a message flow); the
 * literal-by-name item mirrors `targetQueue: {lit: {name}}` and the SDK's only skill setter
 * (`addLiteralBySkillNameAsync`). Searched: GenesysCloudBlueprints call flows (none names a skill),
 * the code index for `acdSkill:`. It replaces `FindSkill(...)`, which the bundled Architect core
 * lists for inbound email flows only and which resolves an unknown skill only at run time.
 */

/*
 * UNVERIFIED, by design (emit/flow-file.ts, emit/compile.ts): `jumpToTask` with `targetTaskRef`
 * between tasks of one flow. Published flows show `callTask` and `menuJumpToTask` with
 * `targetTaskRef` (GenesysCloudBlueprints/architect-flow-public-api-blueprint@f1050b9
 * `blueprint/files/archy_flow.yml`); the task action key itself is seen only in third-party tools.
 */

/*
 * UNVERIFIED, observed only in the Genesys simulation (engine/collect-input.ts): whether `*` and `#`
 * count towards an exact-length entry. The emitter does not depend on it: after sanitizing, a code
 * shorter than the spec's length takes the no-input path either way.
 */

/**
 * UNVERIFIED: that `acceptJustStar` / `acceptJustPound` set to true make a lone `*` or `#` complete a
 * one-key (`digits: {exact: 1}`) `collectInput`, so a menu hears them as keys. The keys are seen in
 * published flows with `false` only; the Architect core in the offline oracle has no setter for them.
 */
export const MENU_LONE_KEYS = true;

/**
 * `archy publish … --resultsFile <file>` writes `status`, `exitCode` and `output.traces[]`, each
 * trace `{text, type}` with `type` `error` or `warning`
 * (https://developer.genesys.cloud/devapps/archy/resultsOutputJson, docs/genesys.md §9.5).
 * UNVERIFIED: any other member, other `type` values (read as notes), and the exact `status` words
 * (only `exitCode` and the error traces decide the verdict). Also UNVERIFIED: how a trace's text
 * names a flow object; ivrflow maps a trace to the spec when its text contains the name of exactly
 * one action, data action or flow that ivrflow wrote (action names are step ids, `emit/compile.ts`).
 */
export const ARCHY_TRACE_TYPES = { error: 'error', warning: 'warning' } as const;

/**
 * UNVERIFIED: the YAML of a transfer to a number (spec 1.1 `transfer`): `transferToNumber` with
 * `targetNumber` (a literal or an expression), `preTransferAudio` and `outputs.failure`. No published
 * flow writes it; the key names are the SDK's (`addActionTransferToNumber`, `ArchActionTransferToNumber.targetNumber`)
 * and the offline oracle accepts them. Also UNVERIFIED: that a NOT_SET or empty number takes the
 * failure output (the Genesys engine models it so, as the spec engine does). `transferToFlow` with
 * `targetFlow: {name}` is seen in a public flow export.
 */
export const TRANSFER_TO_NUMBER_ACTION = 'transferToNumber';

/**
 * UNVERIFIED: the audio expressions of spec 1.1 prompts (emit/nodes/play.ts). `ToAudio(Prompt.X)`,
 * audio `+` audio and `Append(text, …)` are in the Architect SDK's function table with examples
 * (purecloud-flow-scripting-api-sdk-javascript@0.0.18) and the offline core accepts them, but no
 * published flow uses a user prompt or an interpolated `ToAudioTTS`. Searched: GenesysCloudBlueprints
 * flow files (only `tts:`, `ToAudioBlank`, `ToAudioTTS` of literals).
 */
export const UNVERIFIED_PROMPT_FORMS = ['ToAudio(Prompt.<name>)', 'audio + audio', 'ToAudioTTS(Append(...))'] as const;
