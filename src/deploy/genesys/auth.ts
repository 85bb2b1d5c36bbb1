import { DeployError } from '../errors.js';
import type { Environment } from '../context.js';
import type { HttpClient } from '../http.js';
import type { Redactor } from '../redact.js';
import { GENESYS_ENV, GENESYS_PATHS, GENESYS_REGION_HOSTS } from './facts.js';

export interface GenesysSession {
  apiUrl: string;
  /** The account key of the state file: the API host, never a credential. */
  account: string;
  headers: Record<string, string>;
}

const LOGIN_STEP = 'log in to Genesys Cloud';

/** `us-east-1`, `us_east_1` or a host such as `mypurecloud.com` → the login and API base URLs. */
export function genesysUrls(env: Environment): { loginUrl: string; apiUrl: string } {
  const loginUrl = env[GENESYS_ENV.loginUrl];
  const apiUrl = env[GENESYS_ENV.apiUrl];
  if (loginUrl && apiUrl) return { loginUrl: loginUrl.replace(/\/+$/, ''), apiUrl: apiUrl.replace(/\/+$/, '') };
  const region = env[GENESYS_ENV.region]?.trim();
  if (!region) throw missing(GENESYS_ENV.region);
  const key = region.toLowerCase().replace(/-/g, '_');
  const host =
    GENESYS_REGION_HOSTS[key] ?? (Object.values(GENESYS_REGION_HOSTS).includes(region.toLowerCase()) ? region.toLowerCase() : undefined);
  if (host === undefined)
    throw new DeployError(
      'region',
      LOGIN_STEP,
      `${GENESYS_ENV.region} is \`${region}\`, which is not a Genesys Cloud region.`,
      `Use one of ${Object.keys(GENESYS_REGION_HOSTS)
        .map((name) => name.replace(/_/g, '-'))
        .join(', ')} (the region of your org: Admin > Organization Settings), or its host, e.g. mypurecloud.com.`,
    );
  return { loginUrl: `https://login.${host}`, apiUrl: `https://api.${host}` };
}

/** OAuth client credentials grant; the secret and the token are registered with the redactor before use. */
export async function loginGenesys(http: HttpClient, redactor: Redactor, env: Environment): Promise<GenesysSession> {
  const { loginUrl, apiUrl } = genesysUrls(env);
  const clientId = env[GENESYS_ENV.clientId];
  const clientSecret = redactor.add(env[GENESYS_ENV.clientSecret]);
  if (!clientId) throw missing(GENESYS_ENV.clientId);
  if (!clientSecret) throw missing(GENESYS_ENV.clientSecret);
  const basic = redactor.add(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
  let answer;
  try {
    answer = await http.request(LOGIN_STEP, {
      method: 'POST',
      url: `${loginUrl}${GENESYS_PATHS.token}`,
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      accept: [400],
    });
  } catch (error) {
    throw explainLoginFailure(error, loginUrl);
  }
  const token = (answer.json as { access_token?: unknown } | undefined)?.access_token;
  if (answer.status === 400 || typeof token !== 'string' || token === '')
    throw new DeployError(
      'auth',
      LOGIN_STEP,
      `${LOGIN_STEP}: the login server at ${new URL(loginUrl).host} did not issue a token (HTTP ${answer.status}).`,
      credentialsHint(),
    );
  redactor.add(token);
  return { apiUrl, account: `genesys:${new URL(apiUrl).host}`, headers: { Authorization: `Bearer ${token}` } };
}

function explainLoginFailure(error: unknown, loginUrl: string): unknown {
  if (!(error instanceof DeployError)) return error;
  if (error.kind === 'auth' || error.kind === 'forbidden')
    return new DeployError('auth', LOGIN_STEP, `${LOGIN_STEP}: ${new URL(loginUrl).host} refused the OAuth client.`, credentialsHint());
  if (error.kind === 'region')
    return new DeployError('region', LOGIN_STEP, error.message, `Check ${GENESYS_ENV.region}: ${new URL(loginUrl).host} does not resolve.`);
  return error;
}

function credentialsHint(): string {
  return `Check ${GENESYS_ENV.clientId} and ${GENESYS_ENV.clientSecret} (a Client Credentials OAuth client), and that ${GENESYS_ENV.region} is the region of the org the client belongs to: a client of another region is unknown there.`;
}

function missing(name: string): DeployError {
  return new DeployError(
    'credentials',
    LOGIN_STEP,
    `${name} is not set.`,
    `Set ${GENESYS_ENV.clientId}, ${GENESYS_ENV.clientSecret} and ${GENESYS_ENV.region} in the environment (in CI, from secrets); ivrflow never reads them from a file.`,
  );
}
