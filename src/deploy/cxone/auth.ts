import type { Environment } from '../context.js';
import { DeployError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { Redactor } from '../redact.js';
import { CXONE_AUTH_URL, CXONE_DISCOVERY_URL, CXONE_ENV, CXONE_PATHS, clusterApiUrl } from './facts.js';

export interface CxoneSession {
  apiUrl: string;
  /** The token's `icBUId`: the business unit the script is saved in. */
  busNo?: number;
  /** The state file's account key: API host and business unit, never a credential. */
  account: string;
  headers: Record<string, string>;
}

const LOGIN_STEP = 'log in to CXone';

export async function loginCxone(http: HttpClient, redactor: Redactor, env: Environment): Promise<CxoneSession> {
  const accessKeyId = env[CXONE_ENV.accessKeyId];
  const accessKeySecret = redactor.add(env[CXONE_ENV.accessKeySecret]);
  if (!accessKeyId || !accessKeySecret) throw missingCredentials(!accessKeyId ? CXONE_ENV.accessKeyId : CXONE_ENV.accessKeySecret);
  const authUrl = (env[CXONE_ENV.authUrl] || CXONE_AUTH_URL).replace(/\/+$/, '');
  const answer = await http
    .request(LOGIN_STEP, { method: 'POST', url: `${authUrl}${CXONE_PATHS.token}`, body: { accessKeyId, accessKeySecret } })
    .catch((error: unknown) => {
      if (error instanceof DeployError && (error.kind === 'auth' || error.kind === 'forbidden' || error.status === 400))
        throw new DeployError('auth', LOGIN_STEP, `${LOGIN_STEP}: ${new URL(authUrl).host} refused the access key.`, credentialsHint());
      throw error;
    });
  const { access_token: token, id_token: idToken } = (answer.json ?? {}) as { access_token?: unknown; id_token?: unknown };
  if (typeof token !== 'string' || token === '')
    throw new DeployError('auth', LOGIN_STEP, `${LOGIN_STEP}: the login answer holds no access token.`, credentialsHint());
  redactor.add(token);
  if (typeof idToken === 'string') redactor.add(idToken);
  const claims = { ...jwtClaims(token), ...(typeof idToken === 'string' ? jwtClaims(idToken) : {}) };
  const apiUrl = (env[CXONE_ENV.apiUrl] || (await discoverApiUrl(http, claims))).replace(/\/+$/, '');
  const busNo = Number(claims.icBUId);
  return {
    apiUrl,
    ...(Number.isInteger(busNo) && busNo > 0 ? { busNo } : {}),
    account: `cxone:${new URL(apiUrl).host}/${Number.isInteger(busNo) ? busNo : '?'}`,
    headers: { Authorization: `Bearer ${token}` },
  };
}

/** The JWT's payload (not verified: ivrflow only reads which tenant it is, the API checks the token). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function discoverApiUrl(http: HttpClient, claims: Record<string, unknown>): Promise<string> {
  const step = 'find the CXone API host';
  if (typeof claims.tenantId === 'string' && claims.tenantId !== '') {
    const answer = await http
      .request(step, { method: 'GET', url: `${CXONE_DISCOVERY_URL}?tenantId=${encodeURIComponent(claims.tenantId)}` })
      .catch(() => undefined);
    const endpoint = (answer?.json as { api_endpoint?: unknown } | undefined)?.api_endpoint;
    if (typeof endpoint === 'string' && URL.canParse(endpoint)) return endpoint;
  }
  if (typeof claims.icClusterId === 'string' && /^[A-Za-z0-9-]+$/.test(claims.icClusterId)) return clusterApiUrl(claims.icClusterId);
  throw new DeployError(
    'region',
    step,
    `${step}: the token names no tenant or cluster, and the discovery answered nothing usable.`,
    `Set ${CXONE_ENV.apiUrl} to your cluster's API host, e.g. https://api-c32.nice-incontact.com.`,
  );
}

function credentialsHint(): string {
  return `Check ${CXONE_ENV.accessKeyId} and ${CXONE_ENV.accessKeySecret} (an access key of a CXone user: My Profile > Access Keys); a key of another environment or a deactivated user is refused.`;
}

function missingCredentials(name: string): DeployError {
  return new DeployError(
    'credentials',
    LOGIN_STEP,
    `${name} is not set.`,
    `Set ${CXONE_ENV.accessKeyId} and ${CXONE_ENV.accessKeySecret} in the environment (in CI, from secrets); ivrflow never reads them from a file.`,
  );
}
