import type { ErrorObject } from 'ajv';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { validate, type SchemaValidator } from './generated/validate-schema.js';
import type { DiagnosticSink } from './source.js';
import { describePath } from './describe-path.js';
import { relevantErrors, unescapePointer } from './schema-errors.js';
import { docUrl } from '../util/package-info.js';
import { INCLUDED_VERSION_KEY, LATEST_SPEC_VERSION, SPEC_VERSIONS } from './spec-version.js';

/** Check the data against schemas/ivrflow.schema.json; true when it conforms. */
export function checkSchema(data: unknown, sink: DiagnosticSink): boolean {
  if (!checkVersion(data, sink)) return false;
  return checkAgainst(validate, data, sink);
}

/**
 * Check data against a compiled schema (see scripts/compile-schema.mjs), reporting each error at
 * its position with the noise of compound schemas removed; true when it conforms.
 */
export function checkAgainst(validator: SchemaValidator, data: unknown, sink: DiagnosticSink): boolean {
  if (validator(data)) return true;
  const errors = relevantErrors(validator.errors ?? []);
  const unknownKeys = unknownKeysByNode(errors);
  const before = sink.diagnostics.length;
  for (const error of errors) if (!isMisspelledRequired(error, unknownKeys)) reportSchemaError(error, sink);
  // Data that fails the schema is never reported clean, whatever the filtering above dropped.
  if (sink.diagnostics.length === before) reportDeepestError(validator.errors ?? [], sink);
  return false;
}

/**
 * When the filtering of compound errors left nothing to say, the error deepest in the data is the
 * most specific one; a generic message at its place if even that says nothing.
 */
function reportDeepestError(errors: readonly ErrorObject[], sink: DiagnosticSink): void {
  const candidates = errors.filter((error) => !['if', 'anyOf', 'oneOf', 'propertyNames'].includes(error.keyword));
  const deepest = candidates.reduce<ErrorObject | undefined>(
    (best, error) => (best === undefined || depth(error) > depth(best) ? error : best),
    undefined,
  );
  const before = sink.diagnostics.length;
  if (deepest) reportSchemaError(deepest, sink);
  if (sink.diagnostics.length > before) return;
  const path = pointerToPath(deepest?.instancePath ?? errors[0]?.instancePath ?? '');
  sink.report({
    code: 'schema/invalid',
    message: `${capitalize(describePath(path))} does not have the shape the spec format requires.`,
    path,
    hint: FORMAT_HINT,
  });
}

/** The hint of last resort: where the format is described (the installed version's documentation, not a repository file). */
const FORMAT_HINT = `Compare it with the format described in ${docUrl('spec.md')}.`;

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length;
}

/** The unknown keys of each mapping, by instance path: looked up once per missing key, never searched. */
function unknownKeysByNode(errors: readonly ErrorObject[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const keys = byNode.get(error.instancePath) ?? [];
    keys.push(String((error.params as Record<string, unknown>)['additionalProperty']));
    byNode.set(error.instancePath, keys);
  }
  return byNode;
}

/** A missing required key that an unknown key beside it misspells: the unknown-key error says it all. */
function isMisspelledRequired(error: ErrorObject, unknownKeys: ReadonlyMap<string, readonly string[]>): boolean {
  if (error.keyword !== 'required') return false;
  const missing = String((error.params as Record<string, unknown>)['missingProperty']);
  return (unknownKeys.get(error.instancePath) ?? []).some((key) => suggest(key, [missing]) === missing);
}

function checkVersion(data: unknown, sink: DiagnosticSink): boolean {
  const version = (data as Record<string, unknown>)['ivrflow'];
  if (typeof version === 'number' && SPEC_VERSIONS.includes(version)) return true;
  if (version === undefined && (data as Record<string, unknown>)[INCLUDED_VERSION_KEY] !== undefined) {
    sink.report({
      code: 'schema/version',
      message: `This is an included file (\`${INCLUDED_VERSION_KEY}\`), not a flow: it holds steps that a spec includes.`,
      path: [INCLUDED_VERSION_KEY],
      onKey: true,
      hint: 'Check the spec that names it in `include:`; its diagnostics are reported in this file.',
    });
  } else if (version === undefined) {
    sink.report({
      code: 'schema/version',
      message: 'The spec has no `ivrflow` version key.',
      path: [],
      hint: 'Add `ivrflow: 1` as the first line.',
    });
  } else {
    sink.report({
      code: 'schema/version',
      message: `Spec version \`${String(version)}\` is not supported; this ivrflow reads versions ${SPEC_VERSIONS.join(' and ')}.`,
      path: ['ivrflow'],
      hint: `Write \`ivrflow: ${LATEST_SPEC_VERSION}\` (or \`ivrflow: 1\` for a spec without the 1.1 features).`,
    });
  }
  return false;
}

function reportSchemaError(error: ErrorObject, sink: DiagnosticSink): void {
  const path = pointerToPath(error.instancePath);
  const where = describePath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      sink.report({
        code: 'schema/unknown-key',
        message: `Unknown key \`${key}\` in ${where}.`,
        path: [...path, key],
        onKey: true,
        hint: didYouMean(key, known) ?? knownKeysHint(known) ?? 'Remove it: nothing may be added here.',
      });
      return;
    }
    case 'required':
      sink.report({
        code: 'schema/required',
        message: `${capitalize(where)} is missing the required key \`${String(params['missingProperty'])}\`.`,
        path,
        onKey: path.length > 0,
        hint: `Add \`${String(params['missingProperty'])}:\` to ${where}.`,
      });
      return;
    case 'type':
      sink.report({
        code: 'schema/type',
        message: `${capitalize(where)} must be ${article(String(params['type']))}, not ${describeValue(error.data)}.`,
        path,
        hint: typeHint(error.data, String(params['type'])) ?? `Write ${article(String(params['type']))} here.`,
      });
      return;
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params['allowedValues'] as unknown[]) : [params['allowedValue']];
      sink.report({
        code: 'schema/enum',
        message: `${capitalize(where)} is ${describeValue(error.data)}; allowed: ${allowed.map((value) => `\`${String(value)}\``).join(', ')}.`,
        path,
        hint: didYouMean(String(error.data), allowed.map(String)) ?? 'Write one of the allowed values.',
      });
      return;
    }
    case 'propertyNames':
      return; // reported by the nested error, which names the key
    case 'pattern':
      reportPattern(error, path, sink);
      return;
    default:
      reportGeneric(error, path, sink);
  }
}

/** ajv puts the offending key of a propertyNames check on the error itself. */
function offendingKey(error: ErrorObject): string | undefined {
  const propertyName = (error as ErrorObject & { propertyName?: unknown }).propertyName;
  return typeof propertyName === 'string' ? propertyName : undefined;
}

function reportPattern(error: ErrorObject, path: SpecPath, sink: DiagnosticSink): void {
  const propertyName = offendingKey(error);
  const isKey = propertyName !== undefined;
  const target = isKey ? [...path, propertyName] : path;
  const value = isKey ? propertyName : String(error.data);
  sink.report({
    code: 'schema/invalid',
    message: `\`${value}\` is not a valid ${isKey ? 'name' : 'value'} at ${describePath(target)}.`,
    path: target,
    onKey: isKey,
    // Without a hint of its own, the schema's description of the value says what is allowed.
    hint:
      patternHint(String(error.schema)) ??
      (isKey ? undefined : (error.parentSchema as { description?: string } | undefined)?.description) ??
      'Check it for characters the format does not allow.',
  });
}

function reportGeneric(error: ErrorObject, path: SpecPath, sink: DiagnosticSink): void {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    sink.report({
      code: 'schema/invalid',
      message: `${capitalize(describePath(path))} does not have a valid shape.`,
      path,
      hint: description ?? FORMAT_HINT,
    });
    return;
  }
  if (isComparisonSchema(error.parentSchema) && error.keyword.endsWith('Properties')) {
    reportComparisonShape(error, path, sink);
    return;
  }
  const key = offendingKey(error);
  if (key !== undefined) {
    // A key too long or too short: reported on the key, where the user wrote it.
    sink.report({
      code: 'schema/invalid',
      message: `The name of ${describePath([...path, key])} ${plainRequirement(error)}.`,
      path: [...path, key],
      onKey: true,
      hint: FORMAT_HINT,
    });
    return;
  }
  sink.report({
    code: 'schema/invalid',
    message: `${capitalize(describePath(path))} ${plainRequirement(error)}.`,
    path,
    hint: description ?? FORMAT_HINT,
  });
}

/** ajv's "must NOT have fewer than 1 items" in plain words; its own message only for keywords the spec never uses. */
function plainRequirement(error: ErrorObject): string {
  const limit = (error.params as { limit?: number }).limit;
  const plural = (count: number | undefined, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  switch (error.keyword) {
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const comparison = (error.params as { comparison?: string }).comparison ?? '';
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
      return `is ${describeValue(error.data)}; it must be ${words[comparison] ?? comparison} ${limit}`;
    }
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${plural(limit, 'character')} long`;
    case 'maxLength':
      return `is too long: at most ${plural(limit, 'character')}`;
    case 'minItems':
      return limit === 1 ? 'must list at least one item' : `must list at least ${plural(limit, 'item')}`;
    case 'maxItems':
      return `lists too many items: at most ${limit}`;
    case 'minProperties':
      return limit === 1 ? 'must have at least one entry' : `must have at least ${plural(limit, 'entry', 'entries')}`;
    case 'maxProperties':
      return `has too many entries: at most ${limit}`;
    case 'uniqueItems':
      return 'lists the same item twice';
    default:
      return error.message ?? 'is not valid';
  }
}

/** The comparison definition: `ref` plus one operator (ajv's schemaPath is relative to the $ref, so it is told by its keys). */
function isComparisonSchema(schema: unknown): boolean {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && 'ref' in properties && 'equals' in properties && 'exists' in properties;
}

/** "must NOT have more than 2 properties" said in the spec's words: which operators it has, and how many it may. */
function reportComparisonShape(error: ErrorObject, path: SpecPath, sink: DiagnosticSink): void {
  const operators = Object.keys((error.data as Record<string, unknown> | undefined) ?? {}).filter((key) => key !== 'ref');
  const listed = operators.map((operator) => `\`${operator}\``).join(', ');
  sink.report({
    code: 'schema/invalid',
    message:
      operators.length > 1
        ? `The comparison at ${describePath(path)} has ${operators.length} operators (${listed}); it takes exactly one.`
        : `The comparison at ${describePath(path)} has no operator; it takes \`ref\` and exactly one.`,
    path,
    hint:
      operators.length > 1
        ? 'Split it into one comparison per operator inside `all:` (or `any:`).'
        : 'Operators: equals, notEquals, in, exists, greaterThan, lessThan, atLeast, atMost.',
  });
}

/** RFC 6901 JSON pointer to path segments; array indexes become numbers. */
export function pointerToPath(pointer: string): SpecPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(unescapePointer)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function patternHint(pattern: string): string | undefined {
  if (pattern.startsWith('^[A-Za-z][A-Za-z0-9_]{0,63}$')) return 'Names start with a letter and use letters, digits and `_` (at most 64).';
  if (pattern.startsWith('^[A-Za-z][A-Za-z0-9_-]{0,63}$'))
    return 'Step ids start with a letter and use letters, digits, `_` and `-` (at most 64).';
  if (pattern.includes('(\\.[A-Za-z][A-Za-z0-9_]*)?$')) return 'A ref is `call.<field>`, a variable name, or `<result>.<field>`.';
  if (pattern.startsWith('^[a-zA-Z]{2,3}')) return 'Use a BCP 47 language tag such as `en-US`.';
  if (pattern === '^[A-Za-z0-9-]{1,64}$') return 'Header names use letters, digits and `-` (at most 64).';
  if (pattern === '^[A-Za-z_][A-Za-z0-9_]{0,63}$')
    return 'Field names start with a letter or `_` and use letters, digits and `_` (at most 64).';
  if (pattern.includes('(\\.[A-Za-z][A-Za-z0-9_]*)*$'))
    return 'Attribute names are words of letters, digits and `_` joined by dots, such as `customer.tier`.';
  return undefined;
}

function typeHint(data: unknown, expected: string): string | undefined {
  if (expected.includes('boolean') && typeof data === 'string' && /^(yes|no|on|off|y|n)$/i.test(data))
    return 'YAML 1.2 reads yes/no/on/off as text: write `true` or `false`.';
  if (expected === 'integer' && typeof data === 'number') return 'Use a whole number.';
  if (expected.includes('number') && typeof data === 'string' && /^\s*\d+(\.\d+)?\s*s?\s*$/.test(data))
    return 'Write the number without quotes or units.';
  return undefined;
}

function knownKeysHint(known: string[]): string | undefined {
  return known.length > 0 ? `Known keys here: ${known.join(', ')}.` : undefined;
}

function article(type: string): string {
  const names = type
    .split(',')
    .map((name) => (name === 'object' ? 'a mapping' : name === 'array' ? 'a list' : name === 'integer' ? 'an integer' : `a ${name}`));
  return names.join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `\`${String(value)}\``;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
