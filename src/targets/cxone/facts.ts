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
 * The tenant REST API action sends a request again on its own when the answer is a failure:
 * "Action handler will automatically try two times if a failure message is received before
 * returning the response". Read literally, two sends in total, and only after an answer: a
 * timeout or a refused connection returns at once. UNVERIFIED: both readings (docs/cxone.md,
 * unverified list); a failure message is taken to be an answer with a status outside 2xx.
 * @see https://help.nicecxone.com/content/studio/actionscx/rest_api/rest_api.htm
 */
export const REST_API_SENDS_ON_FAILURE = 2;

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

/**
 * The TRANSFER action's branches other than Default (the far end answered): the ways a transfer to
 * a number fails. Its GUID is not public: the action comes from the tenant catalog.
 * @see https://help.nicecxone.com/content/studio/actions/transfer/transfer.htm
 */
export const TRANSFER_FAILURE_BRANCHES = ['OnDialingError', 'OnBusy', 'OnNoAnswer', 'OnInvalidNumber'] as const;
