import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { invariant } from '../../../../src/util/assert.js';
import { jsonObjectSnippet, snippetString, snippetStringWithPlaceholders } from '../../../../src/targets/cxone/emit/escape.js';
import {
  assignLiteralCode,
  httpEvaluateCode,
  httpHeadersCode,
  httpPrepareCode,
  httpProxyCode,
  httpStatusCode,
  sanitizeDigitsCode,
  type HttpSnippetData,
} from '../../../../src/targets/cxone/emit/templates.js';
import type { JsonText } from '../../../../src/targets/cxone/emit/json-text.js';

/**
 * The Snippet code functions in templates.ts against the Handlebars templates they replace
 * (snippet-templates/*.hbs, rendered with the helpers the emitter registered), byte for byte: on
 * hostile text in every free-text field, and with bad identifiers and numbers, where both must
 * refuse. The goldens hold them to the same text on the example flows and test/cases.
 */

const handlebars = Handlebars.create();
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ident = (value: unknown): string => {
  invariant(typeof value === 'string' && IDENT.test(value), `not a Snippet identifier: ${String(value)}`);
  return value;
};
handlebars.registerHelper('str', (value: unknown) => snippetString(String(value)));
handlebars.registerHelper('ident', ident);
handlebars.registerHelper('url', (value: unknown) => snippetStringWithPlaceholders(String(value)));
handlebars.registerHelper('int', (value: unknown) => {
  invariant(typeof value === 'number' && Number.isInteger(value), `not an integer: ${String(value)}`);
  return String(value);
});
handlebars.registerHelper('comment', (value: unknown) => String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' '));
handlebars.registerHelper('subst', (name: unknown) => `"{${ident(name)}}"`);
handlebars.registerHelper('member', (object: unknown, field: unknown) => `"{${ident(object)}.${ident(field)}}"`);
handlebars.registerHelper('padded', (name: unknown, count: unknown) => {
  invariant(typeof count === 'number' && Number.isInteger(count) && count > 0, `not a padding length: ${String(count)}`);
  return `"{${ident(name)}}${'x'.repeat(count)}"`;
});
handlebars.registerHelper('bearer', (name: unknown) => `"Bearer {${ident(name)}}"`);
handlebars.registerHelper('jsonObject', (entries: unknown, token: unknown) => {
  invariant(Array.isArray(entries), 'jsonObject takes a list of { name, value }');
  const bearer = token && typeof token === 'object' && 'variable' in token ? ident(token.variable) : undefined;
  return jsonObjectSnippet(entries as { name: string; value: string }[], bearer);
});
handlebars.registerPartial(
  'listedStatus',
  '{{#each successStatuses}}{{#unless @first}} | {{/unless}}{{ident @root.httpStatus}} = {{int this}}{{/each}}',
);

/** The template's text as the script file holds it: what JSON.stringify writes between the quotes. */
function reference(name: string): (data: object) => string {
  const source = readFileSync(new URL(`snippet-templates/${name}.hbs`, import.meta.url), 'utf8');
  const template = handlebars.compile(source, { strict: true, noEscape: true });
  return (data) => JSON.stringify(template(data).trimEnd()).slice(1, -1);
}

/** The text (escaped, as the functions write it), or that it refused: both ways must agree on which. */
function outcome(render: () => string | JsonText): string {
  try {
    const text = render();
    return typeof text === 'string' ? text : text.json;
  } catch {
    return '<refused>';
  }
}

const TRICKY = ['"', "'", '\\', '{', '}', '$', '$"', '{{', '}}', '{{name}}', '{{a.b-c_1}}', '{otp}', '\n', '\r', '\t', ' ', '  '];
const CONTROL = ['\u0000', '\u0007', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udfff'];
const UNICODE = ['é', '日本語', '🙂', '\u200b', '\ufeff'];
const PIECES = [...TRICKY, ...CONTROL, ...UNICODE, 'a', 'Z', '0', '_', 'x'];

const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...PIECES), minLength: 2000, maxLength: 6000 }),
  fc.constantFrom('', ' padded ', 'trailing \n\t ', '"; TRACE otp; x = "', 'https://x.example/{{base}}/a?b={c}'),
);
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
/** Mostly a valid identifier; sometimes one the Snippet checks must refuse. */
const identifier = fc.oneof({ weight: 12, arbitrary: name }, { weight: 1, arbitrary: hostileText });
const integer = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -3, max: 400 }) }, { weight: 1, arbitrary: fc.double() });
const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 4 });

const httpData: fc.Arbitrary<HttpSnippetData> = fc.record({
  header: hostileText,
  outcome: identifier,
  httpStatus: identifier,
  fields: list(identifier),
  reads: list(fc.record({ variable: identifier, field: identifier })),
  request: identifier,
  requestJson: identifier,
  headersJson: identifier,
  response: identifier,
  proxy: identifier,
  body: list(
    fc.oneof(
      fc.record({ field: identifier, variable: identifier, literal: fc.constant(null) }),
      fc.record({ field: identifier, variable: fc.constant(null), literal: hostileText }),
    ),
  ),
  sensitiveFields: list(identifier),
  token: fc.option(fc.record({ variable: identifier, placeholder: hostileText })),
  headers: list(fc.record({ name: hostileText, value: hostileText })),
  url: hostileText,
  method: hostileText,
  timeout: integer,
  success: fc.option(fc.record({ variable: identifier, value: hostileText })),
  successStatuses: fc.option(list(integer)),
  fromAction: fc.boolean(),
  clear: list(identifier),
  urlValues: list(fc.record({ variable: identifier, source: identifier })),
  urlVariable: fc.option(identifier),
  urlText: fc.option(hostileText),
});

const HTTP: [string, (data: HttpSnippetData) => JsonText][] = [
  ['http-prepare', httpPrepareCode],
  ['http-proxy', httpProxyCode],
  ['http-headers', httpHeadersCode],
  ['http-evaluate', httpEvaluateCode],
  ['http-status', httpStatusCode],
];

describe('Snippet code functions against the Handlebars templates they replace', () => {
  it.each(HTTP)('%s', (template, render) => {
    const expected = reference(template);
    fc.assert(
      fc.property(httpData, (data) => {
        expect(outcome(() => render(data))).toBe(outcome(() => expected(data)));
      }),
      { numRuns: 400 },
    );
  });

  it('assign-literal', () => {
    const expected = reference('assign-literal');
    fc.assert(
      fc.property(fc.record({ header: hostileText, variable: identifier, value: hostileText }), (data) => {
        expect(outcome(() => assignLiteralCode(data))).toBe(outcome(() => expected(data)));
      }),
      { numRuns: 400 },
    );
  });

  it('sanitize-digits', () => {
    const expected = reference('sanitize-digits');
    const data = fc.record({
      header: hostileText,
      terminatorText: hostileText,
      symbols: list(hostileText),
      variable: identifier,
      probe: identifier,
      padding: integer,
      valid: identifier,
      min: integer,
      max: integer,
    });
    fc.assert(
      fc.property(data, (sample) => {
        expect(outcome(() => sanitizeDigitsCode(sample))).toBe(outcome(() => expected(sample)));
      }),
      { numRuns: 400 },
    );
  });

  it('writes something on valid data (the comparison is not only of refusals)', () => {
    const data: HttpSnippetData = {
      header: '// h',
      outcome: 'o',
      httpStatus: 's',
      fields: ['f'],
      reads: [{ variable: 'f', field: 'g' }],
      request: 'r',
      requestJson: 'rj',
      headersJson: 'hj',
      response: 'resp',
      proxy: 'p',
      body: [{ field: 'a', variable: null, literal: 'x{y}"z' }],
      sensitiveFields: [],
      token: { variable: 't', placeholder: '{{secret_t}}' },
      headers: [{ name: 'X-A', value: '"b"' }],
      url: 'https://x/{{base}}',
      method: 'POST',
      timeout: 10,
      success: null,
      successStatuses: [200, 204],
      fromAction: true,
      clear: ['t'],
      urlValues: [],
      urlVariable: null,
      urlText: null,
    };
    for (const [template, render] of HTTP) expect(render(data).json).toBe(reference(template)(data));
  });
});
