/**
 * NICE CXone API facts the publish and the catalog fetch rely on, each stated once with its source.
 * Those no official page or NICE code confirms are in CXONE_UNVERIFIED and docs/deploy.md.
 *
 * - Login: `POST <auth host>/authentication/v1/token/access-key` with `{accessKeyId, accessKeySecret}`
 *   answers `{access_token, id_token, expires_in}`; the JWT claims name the business unit (`icBUId`),
 *   the tenant (`tenantId`) and the cluster (`icClusterId`) (outboundani/cxone-mcp `src/cxone.js`
 *   @ 17439bd6c9b4c38832e7f02f0c294cd0b83e3a20, `session()`; a tool that saves scripts on a live tenant).
 * - API host: `https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=<tenantId>`
 *   answers `{api_endpoint}`; without it `https://api-<icClusterId>.nice-incontact.com` (same file,
 *   `discoverApiBase()`).
 * - Scripts: `POST <api>/inContactAPI/services/v30.0/scripts` with `{scriptContent}` answers 200
 *   (saved), 206 (saved with warnings) or 409 (rejected), the per-action report in
 *   `results[].error_code.details.actions.<actionId>.{actionType, errors[{key}], warnings[{key}]}`
 *   (NICE's post_scripts schema as mark05e/Nice-StudioXML-JsonAPI `README.md` reproduces it;
 *   cxone-mcp `src/tools.js` `formatSaveReport`; docs/cxone.md *Upload*).
 * - Action definitions: `GET <api>/InContactAPI/services/v24.0/actions/<libraryId>` answers
 *   `{id, name, alias, version, implType, isStart, isEnd, loop, properties[…], branches{default, branch[{index, name}], case}}`
 *   (agonzales-niceincontact/playwright-automation-framework @ ccc02119dc934446abdc231df26600ee1312680e
 *   `actions.cxs.ts`, `action.model.ts`; docs/cxone.md §1.2).
 */
export const CXONE_ENV = {
  accessKeyId: 'CXONE_ACCESS_KEY_ID',
  accessKeySecret: 'CXONE_ACCESS_KEY_SECRET',
  /** Replace the login host / the API host: a proxy, a cluster the discovery gets wrong, or a loopback stub in tests. */
  authUrl: 'IVRFLOW_CXONE_AUTH_URL',
  apiUrl: 'IVRFLOW_CXONE_API_URL',
} as const;

export const CXONE_AUTH_URL = 'https://cxone.niceincontact.com';
export const CXONE_DISCOVERY_URL = 'https://cxone.niceincontact.com/.well-known/cxone-configuration';
export const clusterApiUrl = (cluster: string): string => `https://api-${cluster.toLowerCase()}.nice-incontact.com`;

export const CXONE_PATHS = {
  token: '/authentication/v1/token/access-key',
  scripts: '/inContactAPI/services/v30.0/scripts',
  action: (libraryId: string) => `/InContactAPI/services/v24.0/actions/${encodeURIComponent(libraryId)}`,
} as const;

/** POST /scripts: saved clean, saved with warnings, rejected. */
export const SCRIPT_SAVED = 200;
export const SCRIPT_SAVED_WITH_WARNINGS = 206;
export const SCRIPT_REJECTED = 409;

/** What ivrflow assumes about these endpoints and no NICE page confirms (docs/deploy.md lists them). */
export const CXONE_UNVERIFIED = [
  'the access-key login host and path (one live-tested third-party tool; NICE documents the token endpoint behind a login)',
  'the API versions v30.0 (scripts) and v24.0 (actions): seen in third-party code, not in NICE documentation',
  '`GET …/scripts?scriptPath=<name>` answering 404 for a script that does not exist (used by --dry-run to say create or update)',
  'the permissions the access key user needs (Studio script edit and view); NICE names no API scope for scripts',
] as const;

/** The security profile permissions the access key's user needs (CXone Admin > Security Profiles); UNVERIFIED, see above. */
export const CXONE_PERMISSIONS = ['Studio > Scripts: View', 'Studio > Scripts: Edit', 'Studio > Scripts: Save'] as const;
