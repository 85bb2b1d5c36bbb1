import type { IrEndpoint } from '../../../ir/nodes.js';
import type { Literal } from '../../../flowspec/types.js';
import { VELOCITY_DOLLAR, VELOCITY_HASH } from '../unverified.js';

/**
 * Spec text inside a Velocity template: `$` and `#` start references and directives, so they are
 * written through the escape tool (unverified.ts); everything else is literal.
 */
export function velocityText(text: string): string {
  return text.replace(/[$#]/g, (char) => (char === '$' ? VELOCITY_DOLLAR : VELOCITY_HASH));
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
