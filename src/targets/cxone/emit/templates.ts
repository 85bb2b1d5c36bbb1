import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { invariant } from '../../../util/assert.js';
import { jsonObjectSnippet, snippetString, snippetStringWithPlaceholders } from './escape.js';

/**
 * Snippet code templates (templates/cxone/*.hbs). One Handlebars instance; strict so a missing
 * field throws, noEscape because the output is Snippet code, not HTML. Templates only lay out
 * text: every spec value goes through `str` (a quoted, escaped Snippet string), `ident` (a
 * checked variable name), `int` or `comment`. `subst`, `member` and `bearer` write the
 * `"{variable}"` substitutions, which Handlebars' own braces make awkward to write inline.
 * Inside `#each`, the top-level data is `@root.name`, never `../name`: a depth path makes every
 * block call copy the stack of contexts (a sixth of the rendering time, measured).
 */
export type TemplateName =
  'http-prepare' | 'http-proxy' | 'http-headers' | 'http-evaluate' | 'http-status' | 'sanitize-digits' | 'assign-literal';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const handlebars = Handlebars.create();
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

// `IF <status> = 204 | <status> = 202`: the listed success statuses of `response: { successStatuses }`.
handlebars.registerPartial(
  'listedStatus',
  '{{#each successStatuses}}{{#unless @first}} | {{/unless}}{{ident @root.httpStatus}} = {{int this}}{{/each}}',
);

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/** Templates load on first use, relative to the package: the same path from dist/ and from src/ under vitest. */
export function renderTemplate(name: TemplateName, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(new URL(`../../../../templates/cxone/${name}.hbs`, import.meta.url), 'utf8');
    template = handlebars.compile(source, { strict: true, noEscape: true });
    compiled.set(name, template);
  }
  return template(data).trimEnd();
}
