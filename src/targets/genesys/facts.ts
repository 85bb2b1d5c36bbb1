/**
 * Genesys Cloud limits ivrflow relies on, the one place each is stated. The checks (`check.ts`),
 * the emitter and the engine read them from here; docs/genesys.md cites the same sources.
 */

/**
 * A data action's `config.timeoutSeconds` is 1 to 60.
 * @see https://help.mypurecloud.com/articles/add-configuration-to-a-web-services-data-action/
 */
export const DATA_ACTION_TIMEOUT_SECONDS = { min: 1, max: 60 } as const;

/**
 * collectInput takes 1 to 32 digits; its no-entry timeout is 1 s to 1 min 39 s. The Architect core
 * bundled in npm purecloud-flow-scripting-api-sdk-javascript@0.0.18 caps the digit count at 32 ("The
 * value 40 must be less than or equal to 32. ( Number of Digits )", checked offline by
 * test/targets/genesys/oracle/); 32 is within every range Genesys has documented.
 * @see https://help.mypurecloud.com/articles/collect-input-action/
 */
export const COLLECT_DIGITS = { min: 1, max: 32 } as const;
export const COLLECT_NO_ENTRY_TIMEOUT_SECONDS = { min: 1, max: 99 } as const;

/**
 * The largest Transfer to ACD priority the Architect core accepts as a literal; larger ones need
 * expression mode. "To allow priority values higher than 10, switch to expression mode"
 * (https://help.mypurecloud.com/articles/set-up-a-transfer-to-acd-action/); the core bundled in npm
 * purecloud-flow-scripting-api-sdk-javascript@0.0.18 rejects a literal 11 ("must be less than or
 * equal to 10"), checked offline by test/targets/genesys/oracle/.
 */
export const LITERAL_PRIORITY_MAX = 10;

/**
 * Not a Genesys limit: ivrflow's own bound on the steps one Genesys flow file writes, copies
 * included. Genesys publishes no static limit on actions or tasks per flow: Architect shows a flow's
 * size against a maximum it does not state (https://help.mypurecloud.com/articles/architect-flow-size/),
 * and its 10,000 is the actions one call may run, where entering a task does not count
 * (https://help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/). The task layout writes
 * every step once (emit/tasks.ts), except that a step reached on several paths back to a retry is
 * written once per path inside the retry's loop; this bound stops such copies from multiplying. It is
 * five times the spec's own limit of 10,000 steps (flowspec/limits.ts), so any spec without such
 * copies compiles.
 */
export const IVRFLOW_MAX_STEP_COPIES = 50_000;

/**
 * Characters an Architect string literal has no documented escape for. Help center "Use string
 * literals in expressions": a backslash escapes `"` and `\\`; no escape for a line break or a
 * control character is documented, so such a value is reported, not guessed.
 */
export const UNESCAPABLE_IN_STRING_LITERAL = /[\u0000-\u001f\u007f\u2028\u2029]/;
