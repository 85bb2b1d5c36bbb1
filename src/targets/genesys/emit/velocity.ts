import type { IrEndpoint, IrReadable } from '../../../ir/nodes.js';
import type { Literal } from '../../../flowspec/types.js';
import { renderUrl, urlPieces, type UrlPiece } from '../../../ir/url.js';
import { urlInputName } from '../conventions.js';
import { VELOCITY_BACKSLASH, VELOCITY_DOLLAR, VELOCITY_HASH, VELOCITY_URL_ENCODE } from '../unverified.js';

/**
 * Spec text inside a Velocity template: `$` and `#` start references and directives, and a
 * backslash right before one escapes it (Velocity drops that backslash: the literal `a\$b` would be
 * sent as `a$b`, and a JSON body holding `C:\#1` would become invalid JSON), so all three are
 * written through the escape tool (unverified.ts), in one pass. Any other backslash is literal text.
 */
export function velocityText(text: string): string {
  return text.replace(/\\+(?=[$#])|[$#]/g, (match) =>
    match === '$' ? VELOCITY_DOLLAR : match === '#' ? VELOCITY_HASH : VELOCITY_BACKSLASH.repeat(match.length),
  );
}

/**
 * The request url: spec text Velocity-escaped, and each path or query value read at run time an
 * input written through `$esc.uriEncode` (https://help.mypurecloud.com/articles/url-form-encoding-for-data-actions/:
 * "always use the $esc.uriEncode() function with the user input"; the Velocity macros page asks for
 * escaping "path or query parameters for a requestUrlTemplate"), so a value cannot leave its segment.
 */
export function requestUrlTemplate(endpoint: IrEndpoint): string {
  return renderUrl(
    urlPieces(endpoint).map((piece) => (piece.kind === 'text' ? { ...piece, text: velocityText(piece.text) } : piece)),
    (piece) => `${VELOCITY_URL_ENCODE}(\${input.${urlInputName(piece.part, piece.name)}})`,
  );
}

/** The data action inputs the url reads, named apart from the body's (conventions.ts). */
export function urlInputs(endpoint: IrEndpoint): { field: string; value: IrReadable; part: 'path' | 'query'; name: string }[] {
  return urlPieces(endpoint)
    .filter((piece): piece is Extract<UrlPiece, { kind: 'value' }> => piece.kind === 'value')
    .map((piece) => ({ field: urlInputName(piece.part, piece.name), value: piece.value, part: piece.part, name: piece.name }));
}

/**
 * The JSON request body as a Velocity template (docs/genesys.md §4.2): every input goes through
 * `$esc.jsonString`, quoted when it is text; spec literals are JSON-encoded, then Velocity-escaped.
 */
export function requestTemplate(endpoint: IrEndpoint): string {
  const members = endpoint.body.map(({ field, value }) => {
    const encoded = value.kind === 'literal' ? velocityText(jsonLiteral(value.value)) : inputReference(field, value.type === 'string');
    return `${JSON.stringify(field)}: ${encoded}`;
  });
  return `{${members.join(', ')}}`;
}

/** docs/genesys.md §4.2: `${input.x}` references an input, `$esc.jsonString(...)` escapes it. */
function inputReference(field: string, quoted: boolean): string {
  const escaped = `$esc.jsonString(\${input.${field}})`;
  return quoted ? `"${escaped}"` : escaped;
}

function jsonLiteral(value: Literal): string {
  return JSON.stringify(value);
}

/** docs/genesys.md §4.2: the success template rebuilds the output from the translated values. */
export function successTemplate(endpoint: IrEndpoint): string {
  return `{${endpoint.responseFields.map((field) => `${JSON.stringify(field.name)}: \${${field.name}}`).join(', ')}}`;
}
