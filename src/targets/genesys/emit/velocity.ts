import type { IrEndpoint } from '../../../ir/nodes.js';
import type { Literal } from '../../../flowspec/types.js';
import { VELOCITY_BACKSLASH, VELOCITY_DOLLAR, VELOCITY_HASH } from '../unverified.js';

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
