/**
 * NICE CXone limits ivrflow relies on, the one place each is stated. The checks (`check.ts`), the
 * emitter and the engine read them from here; docs/cxone.md cites the same sources.
 */

/**
 * The REST API action waits at most 90 s; applied to the Snippet REST proxy as well.
 * @see https://help.nicecxone.com/content/studio/actions/restapi/restapi.htm
 */
export const REST_TIMEOUT_MAX_SECONDS = 90;

/**
 * CAPTURE digit timeouts are 0 to 60 s; assumed for MENU too (docs/cxone.md, unverified list).
 * @see https://help.nicecxone.com/content/studio/actions/capture/capture.htm
 */
export const DIGIT_TIMEOUT_MAX_SECONDS = 60;

/**
 * Script names are 1 to 100 letters, digits, spaces, `.`, `-` and `_`.
 * @see https://help.nicecxone.com/content/studio/studio.htm
 */
export const SCRIPT_NAME = /^\w[\w .-]{0,99}$/;
