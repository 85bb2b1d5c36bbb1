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
 * collectInput takes 1 to 40 digits; its no-entry timeout is 1 s to 1 min 39 s.
 * @see https://help.mypurecloud.com/articles/collect-input-action/
 */
export const COLLECT_DIGITS = { min: 1, max: 40 } as const;
export const COLLECT_NO_ENTRY_TIMEOUT_SECONDS = { min: 1, max: 99 } as const;
