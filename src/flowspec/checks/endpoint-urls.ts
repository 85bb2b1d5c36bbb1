import type { SpecPath } from '../../diagnostics/diagnostic.js';
import { fillPlaceholders, placeholderKeys } from '../placeholders.js';
import type { FlowIndex } from '../flow-index.js';
import type { DiagnosticSink } from '../source.js';
import { sensitiveTaint } from '../taint.js';
import type { CheckContext } from './context.js';

/**
 * Endpoint URLs are absolute `https://` (WHATWG URL syntax, https://url.spec.whatwg.org/), or
 * `http://` to a loopback host for local testing. A URL whose scheme or host is a `{{placeholder}}`
 * is judged once an environment file fills it (`checkFilledUrls`). An endpoint that is sent a
 * sensitive value is https, even on loopback: the check does not trust where a port forward leads.
 */
export function checkEndpointUrls({ spec, index, sink }: CheckContext): void {
  const carries = sensitiveEndpoints(index);
  for (const [id, endpoint] of Object.entries(spec.endpoints ?? {})) {
    const problem = judgeUrl(endpoint.url, carries(id), { placeholders: 'defer' });
    if (problem) report(sink, ['endpoints', id, 'url'], id, problem);
  }
}

/** With `--env`: every URL that held a placeholder, as it will be deployed. */
export function checkFilledUrls(index: FlowIndex, environment: ReadonlyMap<string, string>, sink: DiagnosticSink): void {
  const carries = sensitiveEndpoints(index);
  for (const [id, endpoint] of Object.entries(index.spec.endpoints ?? {})) {
    const keys = placeholderKeys(endpoint.url);
    if (keys.length === 0 || !keys.every((key) => environment.has(key))) continue;
    const problem = judgeUrl(fillPlaceholders(endpoint.url, environment), carries(id), { placeholders: 'none' });
    if (problem)
      report(sink, ['endpoints', id, 'url'], id, {
        ...problem,
        message: `${problem.message.replace(/\.$/, '')}, once the environment is filled in.`,
      });
  }
}

interface UrlProblem {
  code: 'endpoint/invalid-url' | 'endpoint/insecure-url';
  message: string;
  hint: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
/** Stands in for a placeholder while the rest of the URL is parsed; valid in a host and a path. */
const PLACEHOLDER_MARK = 'ivrflow-placeholder';

/** The problem with a URL, if any, as the end of a sentence that starts with the endpoint's name. */
export function judgeUrl(url: string, sensitive: boolean, options: { placeholders: 'defer' | 'none' }): UrlProblem | undefined {
  if (/[\s\u0000-\u001f\u007f]/.test(url))
    return invalid(`the URL \`${printable(url)}\` contains a space or a control character.`, 'Percent-encode it (`%20`).');
  const withPlaceholders = options.placeholders === 'defer' && placeholderKeys(url).length > 0;
  // `{{base_url}}/verify`: the scheme and host come from the environment.
  if (withPlaceholders && url.startsWith('{{')) return undefined;
  const marked = new Map(placeholderKeys(url).map((key) => [key, PLACEHOLDER_MARK]));
  const parsed = parse(withPlaceholders ? fillPlaceholders(url, marked) : url);
  if (!parsed)
    return invalid(
      `the URL \`${printable(url)}\` is not absolute.`,
      'Write the whole URL, e.g. `https://identity.example.com/api/v1/auth/verify`, or start it with a `{{base_url}}` placeholder.',
    );
  // A user name or password in the URL is a literal secret: rule no-literal-secret reports it.
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol !== 'http:')
    return invalid(`the URL scheme \`${parsed.protocol.replace(/:$/, '')}\` is not supported.`, 'Endpoints are called over `https://`.');
  if (sensitive)
    return {
      code: 'endpoint/insecure-url',
      message: 'it is sent a sensitive value over plain `http://`.',
      hint: 'Use `https://`; a credential never travels unencrypted, not even to a local port.',
    };
  if (withPlaceholders && parsed.hostname.includes(PLACEHOLDER_MARK)) return undefined;
  if (!isLoopback(parsed.hostname))
    return {
      code: 'endpoint/insecure-url',
      message: `plain \`http://\` to \`${parsed.hostname}\`, which is not a loopback host.`,
      hint: 'Use `https://`; plain http is allowed only to localhost, 127.0.0.0/8 or [::1] for local testing.',
    };
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function invalid(message: string, hint: string): UrlProblem {
  return { code: 'endpoint/invalid-url', message, hint };
}

/** Diagnostics quote the URL on one line, and a hostile one at a readable length. */
function printable(url: string): string {
  const visible = url.replace(/[\u0000-\u001f\u007f]/g, '?');
  return visible.length > 80 ? `${visible.slice(0, 80)}…` : visible;
}

/** Whether an endpoint's request body carries a sensitive value or a copy of one. */
function sensitiveEndpoints(index: FlowIndex): (endpoint: string) => boolean {
  let endpoints: Set<string> | undefined;
  return (endpoint) => {
    endpoints ??= new Set(
      sensitiveTaint(index)
        .uses.filter(({ use }) => use.kind === 'requestBody')
        .map(({ use }) => (use.kind === 'requestBody' ? use.endpoint : '')),
    );
    return endpoints.has(endpoint);
  };
}

function report(sink: DiagnosticSink, path: SpecPath, endpoint: string, problem: UrlProblem): void {
  sink.report({ code: problem.code, message: `Endpoint \`${endpoint}\`: ${problem.message}`, path, hint: problem.hint });
}
