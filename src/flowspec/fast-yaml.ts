import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';

/**
 * The fast path of `loadSpec`: most specs are clean, and for a clean spec the `yaml` library's
 * positioned Document is needed only if a later stage reports something. js-yaml reads plain data
 * about ten times faster; `loadSpec` uses its result only when this module is sure `yaml` would
 * have read the same data without any error or warning, and otherwise reads the text with `yaml`
 * as before. `test/flowspec/fast-yaml.test.ts` holds the two parsers against each other.
 *
 * Not taken (the answer is undefined) when the text could hold anything the fast path does not
 * model: anchors, aliases, tags and directives (`&`, `*`, `!`, `%` anywhere in the text), a
 * collection used as a key (js-yaml flattens it, `yaml` writes it as YAML), a null key, a forbidden
 * key, a key longer than `yaml` accepts, a root that is not a mapping, or anything js-yaml rejects
 * or warns about.
 */
export function readCleanYaml(text: string, forbiddenKeys: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (UNMODELLED_SYNTAX.test(text) || COLLECTION_KEY.test(text)) return undefined;
  let data: unknown;
  let warned = false;
  try {
    data = load(text, {
      schema: YAML_12_CORE,
      onWarning: () => {
        warned = true;
      },
    });
  } catch {
    return undefined;
  }
  if (warned || !isPlainObject(data) || !keysAreSafe(data, forbiddenKeys)) return undefined;
  return data;
}

/** Anchors, aliases, tags, directives: `yaml` resolves (and limits) them; the fast path leaves them to it. */
const UNMODELLED_SYNTAX = /[&*!%]/;
/** A flow collection closed right before a `:` (`[a]: x`, `{a: 1}: x`) or an explicit `? ` key: maybe a collection key. */
const COLLECTION_KEY = /[\]}][ \t]*:|(?:^|[\s,[{])\?(?:[\s]|$)/;
/** `yaml` refuses implicit keys longer than this (`KEY_OVER_1024_CHARS` in strict mode); kept well below it. */
const MAX_FAST_KEY_LENGTH = 1000;

/**
 * Plain scalars resolved as the `yaml` library's YAML 1.2 core schema does (its `schema/core/*.js`,
 * https://github.com/eemeli/yaml/tree/main/src/schema/core, and https://yaml.org/spec/1.2.2/#1032-tag-resolution):
 * js-yaml's own core schema differs (it reads `0b1` as 1). Quoted and block scalars stay strings.
 */
const CORE_SCALARS: readonly { tag: string; test: RegExp; construct: (text: string) => unknown }[] = [
  { tag: 'null', test: /^(?:~|[Nn]ull|NULL)?$/, construct: () => null },
  { tag: 'bool', test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, construct: (text) => text[0] === 't' || text[0] === 'T' },
  { tag: 'int', test: /^0o[0-7]+$/, construct: (text) => parseInt(text.slice(2), 8) },
  { tag: 'int', test: /^[-+]?[0-9]+$/, construct: (text) => parseInt(text, 10) },
  { tag: 'int', test: /^0x[0-9a-fA-F]+$/, construct: (text) => parseInt(text.slice(2), 16) },
  {
    tag: 'float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    construct: (text) =>
      text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN') ? NaN : text[0] === '-' ? -Infinity : Infinity,
  },
  { tag: 'float', test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, construct: (text) => parseFloat(text) },
  { tag: 'float', test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, construct: (text) => parseFloat(text) },
];

/** One js-yaml type per tag: js-yaml keeps only the last of several types with one tag. */
const YAML_12_CORE = FAILSAFE_SCHEMA.extend({
  implicit: [...new Set(CORE_SCALARS.map((scalar) => scalar.tag))].map((tag) => {
    const forms = CORE_SCALARS.filter((scalar) => scalar.tag === tag);
    const formOf = (data: string) => forms.find((form) => form.test.test(data));
    return new Type(`tag:yaml.org,2002:${tag}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && mayBeCoreScalar(data) && formOf(data) !== undefined,
      construct: (data: string) => formOf(data)!.construct(data),
    });
  }),
});

/**
 * Every form above is empty or starts with one of these characters: a plain word like `authenticate`
 * (most of a spec) is ruled out by one test instead of a pass over every form of every tag.
 */
const CORE_SCALAR_START = /^[~nNtTfF0-9+\-.]/;
function mayBeCoreScalar(text: string): boolean {
  return text === '' || CORE_SCALAR_START.test(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every key of every mapping is one `yaml` would write the same: js-yaml writes a null key as
 * `null` (yaml as the empty string). Walked with a stack: the input's depth must not reach the
 * call stack.
 */
function keysAreSafe(root: Record<string, unknown>, forbiddenKeys: ReadonlySet<string>): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (key === 'null' || key.length > MAX_FAST_KEY_LENGTH || forbiddenKeys.has(key)) return false;
        const child = value[key];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return true;
}
