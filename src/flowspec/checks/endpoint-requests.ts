import { didYouMean } from '../../diagnostics/suggest.js';
import { pathParameterNames } from '../url-parameters.js';
import type { CheckContext } from './context.js';

/**
 * The request an endpoint describes must be one both platforms send as written: GET and DELETE
 * carry no body (a Genesys data action sends none for a GET, docs/genesys.md §4.2, so the two
 * targets would disagree), and every `{name}` of the url is a declared path parameter and back.
 */
export function checkEndpointRequests({ spec, sink }: CheckContext): void {
  for (const [id, endpoint] of Object.entries(spec.endpoints ?? {})) {
    if ((endpoint.method === 'GET' || endpoint.method === 'DELETE') && endpoint.body !== undefined)
      sink.report({
        code: 'endpoint/body-not-allowed',
        message: `Endpoint \`${id}\` is a ${endpoint.method} with a \`body\`; a ${endpoint.method} request carries none on either platform.`,
        path: ['endpoints', id, 'body'],
        onKey: true,
        hint: 'Send the values as `query` parameters (spec 1.1), or make it a POST.',
      });
    if (spec.ivrflow < 1.1) continue;
    const inUrl = pathParameterNames(endpoint.url);
    const declared = Object.keys(endpoint.path ?? {});
    for (const name of inUrl.filter((candidate) => !declared.includes(candidate)))
      sink.report({
        code: 'endpoint/path-parameter',
        message: `The url of endpoint \`${id}\` has \`{${name}}\`, which \`path\` does not give a value.`,
        path: ['endpoints', id, 'url'],
        hint: didYouMean(name, declared) ?? `Add \`path: { ${name}: { ref: … } }\` to the endpoint, or remove \`{${name}}\` from the url.`,
      });
    for (const name of declared.filter((candidate) => !inUrl.includes(candidate)))
      sink.report({
        code: 'endpoint/path-parameter',
        message: `Path parameter \`${name}\` of endpoint \`${id}\` does not appear in its url as \`{${name}}\`.`,
        path: ['endpoints', id, 'path', name],
        onKey: true,
        hint: didYouMean(name, inUrl) ?? `Write \`{${name}}\` where the value goes in the url, or move it to \`query\`.`,
      });
  }
}
