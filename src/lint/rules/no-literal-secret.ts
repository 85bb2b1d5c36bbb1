import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { EndpointSpec } from '../../flowspec/types.js';
import { findPhrase, identifierWords, phraseList } from '../name-words.js';
import { defineRule, type RuleContext } from '../rule.js';
import { hasAuthScheme, highEntropyRun } from '../secret-text.js';

/** Names of headers and fields that carry a credential whatever their value. */
const SECRET_NAMES = phraseList([
  'authorization',
  'api key',
  'apikey',
  'access key',
  'subscription key',
  'secret',
  'token',
  'password',
  'passwd',
  'cookie',
  'signature',
  'credential',
  'credentials',
  'private key',
]);
/** In a query string a bare `key` (`?key=...`) or `sig` is a credential too; `sort_key` or `zip_code` is not. */
const BARE_QUERY_SECRETS = ['key', 'sig', 'auth'];
const URL_SEPARATORS = /[/?&=#:@;,\s]+/;
const TEXT_SEPARATORS = /\s+/;
const HINT = 'Declare the secret under `secrets` and reference it with `auth: { bearer: <secret> }`; the platform holds the value.';

type MessageId = 'authScheme' | 'secretHeader' | 'urlCredentials' | 'urlSecretParam' | 'secretField' | 'highEntropy';
type Report = RuleContext<MessageId>['report'];

export const noLiteralSecret = defineRule({
  id: 'no-literal-secret',
  severity: 'error',
  description: 'Headers, URLs and request bodies hold no literal token, key or password: secrets come only by reference.',
  protectsCredential: true,
  messages: {
    authScheme: 'The {{where}} holds a literal `{{scheme}}` credential.',
    secretHeader:
      'Header `{{header}}` of endpoint `{{endpoint}}` is written in the spec; a credential header comes only from a secret reference.',
    urlCredentials: 'The URL of endpoint `{{endpoint}}` holds a user name and password.',
    urlSecretParam: 'The URL of endpoint `{{endpoint}}` passes `{{parameter}}` in its query string.',
    secretField: 'Body field `{{field}}` of endpoint `{{endpoint}}` is a literal credential.',
    highEntropy: 'The {{where}} holds `{{excerpt}}`, which looks like a random key or token.',
  },
  check({ spec, report }) {
    for (const [endpoint, definition] of Object.entries(spec.endpoints ?? {})) {
      checkHeaders(endpoint, definition, report);
      checkUrl(endpoint, definition.url, report);
      checkBody(endpoint, definition, report);
    }
  },
});

function checkHeaders(endpoint: string, definition: EndpointSpec, report: Report): void {
  for (const [header, value] of Object.entries(definition.headers ?? {})) {
    const path = ['endpoints', endpoint, 'headers', header];
    const where = `header \`${header}\` of endpoint \`${endpoint}\``;
    const scheme = hasAuthScheme(value);
    if (scheme) report('authScheme', path, { where, scheme }, { hint: HINT });
    else if (findPhrase(identifierWords(header), SECRET_NAMES))
      report(
        'secretHeader',
        path,
        { header, endpoint },
        { onKey: true, hint: `${HINT} Even a {{placeholder}} here writes the secret into the generated files.` },
      );
    else checkEntropy(path, where, value, TEXT_SEPARATORS, report);
  }
}

function checkUrl(endpoint: string, url: string, report: Report): void {
  const path = ['endpoints', endpoint, 'url'];
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url)) return report('urlCredentials', path, { endpoint }, { hint: HINT });
  const query = url.split('#')[0]!.split('?').slice(1).join('?');
  for (const pair of query.split('&')) {
    const parameter = pair.split('=')[0] ?? '';
    const words = identifierWords(parameter);
    if (pair.includes('=') && (findPhrase(words, SECRET_NAMES) || (words.length === 1 && BARE_QUERY_SECRETS.includes(words[0]!)))) {
      return report('urlSecretParam', path, { endpoint, parameter }, { hint: `URLs are logged by proxies and platforms. ${HINT}` });
    }
  }
  checkEntropy(path, `URL of endpoint \`${endpoint}\``, url, URL_SEPARATORS, report);
}

function checkBody(endpoint: string, definition: EndpointSpec, report: Report): void {
  for (const [field, value] of Object.entries(definition.body ?? {})) {
    if (typeof value !== 'string') continue;
    const path = ['endpoints', endpoint, 'body', field];
    const where = `body field \`${field}\` of endpoint \`${endpoint}\``;
    const scheme = hasAuthScheme(value);
    if (scheme) report('authScheme', path, { where, scheme }, { hint: HINT });
    else if (value.trim() !== '' && findPhrase(identifierWords(field), SECRET_NAMES))
      report('secretField', path, { field, endpoint }, { hint: HINT });
    else checkEntropy(path, where, value, TEXT_SEPARATORS, report);
  }
}

function checkEntropy(path: SpecPath, where: string, text: string, separators: RegExp, report: Report): void {
  const run = highEntropyRun(text, separators);
  // Never repeat a secret in full in a diagnostic: CI logs are not a safe place for it either.
  if (run) report('highEntropy', path, { where, excerpt: `${run.slice(0, 4)}…` }, { hint: HINT });
}
