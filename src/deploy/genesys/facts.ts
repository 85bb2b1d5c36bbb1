/**
 * Genesys Cloud Platform API facts the publish relies on, each stated once with its source.
 *
 * - Regions and hosts: `purecloud-platform-client-v2@262.0.0` `src/purecloud-platform-client-v2/PureCloudRegionHosts.js`;
 *   the SDK logs in at `https://login.<host>/oauth/token` (client credentials, Basic auth, body
 *   `grant_type=client_credentials`) and calls `https://api.<host>` (`ApiClient.js`
 *   `loginClientCredentialsGrant`, `setEnvironment`).
 * - Flow jobs: `ArchitectApi.postFlowsJobs` (`POST /api/v2/flows/jobs` → `RegisterArchitectJobResponse
 *   {id, presignedUrl, headers}`) and `getFlowsJob` (`GET /api/v2/flows/jobs/{jobId}?expand=messages`
 *   → `ArchitectJobStateResponse {id, flow, status, command, messages[{text, type, details}]}`), used
 *   as terraform-provider-genesyscloud does in `genesyscloud/architect_flow/resource_genesyscloud_flow.go`
 *   @ 309125a0392d70085a98b6b569076f2b245cd913 (`updateFlow`: register the job, PUT the YAML to the
 *   presigned URL with the returned headers, poll until `Success` (flow id in `flow.id`) or
 *   `Failure` (the validation errors in `messages[].text`)).
 * - Data actions: `IntegrationsApi.getIntegrations`, `getIntegrationsActions` (`name` filter),
 *   `postIntegrationsActionsDrafts` (`PostActionInput {category, name, integrationId, config, contract, secure}`),
 *   `postIntegrationsActionDraft` (a draft from the published action), `patchIntegrationsActionDraft`
 *   (`UpdateDraftInput`, needs the draft's `version`) and `postIntegrationsActionDraftPublish`
 *   (`PublishDraftInput {version}`), same SDK build.
 * - Environment variable names: the ones terraform-provider-genesyscloud and the Genesys Cloud CLI read
 *   (`GENESYSCLOUD_OAUTHCLIENT_ID`, `GENESYSCLOUD_OAUTHCLIENT_SECRET`, `GENESYSCLOUD_REGION`;
 *   https://registry.terraform.io/providers/MyPureCloud/genesyscloud/latest/docs), so a CI job that
 *   already runs CX as Code needs nothing new.
 */
export const GENESYS_REGION_HOSTS: Readonly<Record<string, string>> = {
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
};

export const GENESYS_ENV = {
  clientId: 'GENESYSCLOUD_OAUTHCLIENT_ID',
  clientSecret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
  region: 'GENESYSCLOUD_REGION',
  /** Both together replace the region's hosts: a proxy, or a loopback stub in tests. Never needed in normal use. */
  loginUrl: 'IVRFLOW_GENESYS_LOGIN_URL',
  apiUrl: 'IVRFLOW_GENESYS_API_URL',
} as const;

export const GENESYS_PATHS = {
  token: '/oauth/token',
  integrations: '/api/v2/integrations',
  actions: '/api/v2/integrations/actions',
  actionDrafts: '/api/v2/integrations/actions/drafts',
  actionDraft: (id: string) => `/api/v2/integrations/actions/${encodeURIComponent(id)}/draft`,
  actionDraftPublish: (id: string) => `/api/v2/integrations/actions/${encodeURIComponent(id)}/draft/publish`,
  flows: '/api/v2/flows',
  flowJobs: '/api/v2/flows/jobs',
  flowJob: (id: string) => `/api/v2/flows/jobs/${encodeURIComponent(id)}`,
} as const;

/** `GET /api/v2/flows?type=` values for the two flow kinds ivrflow writes (Architect flow types, lower case). */
export const FLOW_TYPE_QUERY = { inboundCall: 'inboundcall', secureCall: 'securecall' } as const;

/** Job `status` values that end the polling (resource_genesyscloud_flow.go); anything else is still running. */
export const JOB_SUCCESS = 'Success';
export const JOB_FAILURE = 'Failure';

/** Pages read when looking an integration or action up by name (100 each): a bound, not a guess about org sizes. */
export const MAX_LIST_PAGES = 20;
export const PAGE_SIZE = 100;

/**
 * The OAuth client's role needs these permissions (Genesys permission names as the Admin UI lists
 * them; https://developer.genesys.cloud/devapps/archy/ and the API explorer's permission notes for
 * the endpoints above). Printed by the 403 hint and listed in docs/deploy.md.
 */
export const GENESYS_PERMISSIONS = [
  'integrations:integration:view',
  'integrations:action:view',
  'integrations:action:add',
  'integrations:action:edit',
  'architect:flow:view',
  'architect:flow:add',
  'architect:flow:edit',
  'architect:flow:publish',
  'architect:jobs:view',
] as const;

/** What the Genesys publish assumes and neither the SDK nor terraform-provider-genesyscloud shows (docs/deploy.md lists them). */
export const GENESYS_UNVERIFIED = [
  "the permission names above: taken from the Admin UI naming, not read from each endpoint's documented permission list",
  '`GET /api/v2/flows?type=inboundcall|securecall&name=` matching the flow by its exact name (the SDK types `type` and `name` as plain strings)',
  'job `status` values other than `Success` and `Failure` (the SDK does not enumerate them): every other value is read as still running',
  '`POST /api/v2/flows/jobs` with an empty body publishing (not only creating) the flow, as the Terraform provider relies on',
] as const;
