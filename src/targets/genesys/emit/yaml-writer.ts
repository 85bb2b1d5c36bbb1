import { stringify } from 'yaml';

/**
 * The options `toYaml` hands the `yaml` library (serialize.ts explains each). Shared, so the fast
 * writer below and the library's Document can never be configured apart.
 */
export const ARCHY_YAML_OPTIONS = { compat: 'yaml-1.1', aliasDuplicateObjects: false } as const;
export const ARCHY_YAML_WRITE_OPTIONS = { lineWidth: 0, doubleQuotedAsJSON: true, indentSeq: true } as const;

/**
 * The body of an Archy YAML file (no comments), written without building a `yaml` Document: the
 * Document made Genesys emission the largest part of a compile. Only the block layout is written
 * here (`key: value`, `key:` + a nested block two spaces in, `- ` items, `{}`/`[]` when empty); every
 * scalar is written by the `yaml` library itself (`stringify` of the scalar alone, remembered), so
 * quoting stays the library's decision. Undefined when the data holds anything whose text could
 * depend on its place in the document (a multi-line string, a document marker, a key too long to
 * be implicit, a value that is not plain data): the caller then asks the Document, as before.
 * `test/targets/genesys/yaml-writer.test.ts` holds both writers to the same bytes.
 *
 * Iterative (a stack of open collections): nesting depth follows the flow's length.
 */
export function writeArchyYaml(root: unknown): string | undefined {
  if (!isPlainObject(root)) return undefined;
  const top = frameOf(root, '');
  if (top.entries.length === 0) return '{}\n';
  const out: string[] = [];
  const stack: Frame[] = [top];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.entries.length) {
      stack.pop();
      continue;
    }
    const [key, value] = frame.entries[frame.next]!;
    if (frame.next > 0) out.push('\n', frame.indent);
    frame.next += 1;
    if (!frame.sequence) {
      const keyText = implicitKeyText(key!);
      if (keyText === undefined) return undefined;
      out.push(keyText, ':');
    } else out.push('- ');
    const separator = frame.sequence ? '' : ' ';
    if (Array.isArray(value) || isPlainObject(value)) {
      const child = frameOf(value, `${frame.indent}  `);
      if (child.entries.length === 0) out.push(separator, child.sequence ? '[]' : '{}');
      else {
        if (!frame.sequence) out.push('\n', child.indent);
        stack.push(child);
      }
      continue;
    }
    const text = scalarText(value);
    if (text === undefined) return undefined;
    out.push(separator, text);
  }
  out.push('\n');
  return out.join('');
}

interface Frame {
  /** [key, value] for a mapping; [undefined, item] for a sequence. */
  entries: [string | undefined, unknown][];
  next: number;
  /** The indentation of this collection's lines after its first. */
  indent: string;
  sequence: boolean;
}

function frameOf(value: readonly unknown[] | Record<string, unknown>, indent: string): Frame {
  if (Array.isArray(value))
    return { entries: value.map((item): [undefined, unknown] => [undefined, item]), next: 0, indent, sequence: true };
  // The library leaves out a key whose value is undefined (its `keepUndefined` is off).
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return { entries, next: 0, indent, sequence: false };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The library writes a key of more than 1,024 characters as an explicit `? key`. */
const MAX_IMPLICIT_KEY = 1024;

function implicitKeyText(key: string): string | undefined {
  const text = scalarText(key);
  return text !== undefined && text.length <= MAX_IMPLICIT_KEY ? text : undefined;
}

/** `---`, `...` or `%` at a line start: the library writes such text differently at the top level than nested. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
/** Scalars are few and repeat across the files of a flow and across flows: each is written by the library once. */
const stringTexts = new Map<string, string>();
const otherTexts = new Map<number | boolean | null, string>();
const MAX_CACHED_SCALARS = 20_000;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\n') || DOCUMENT_MARKER.test(value)) return undefined;
    return remembered(stringTexts, value);
  }
  // -0 and 0 are one Map key but two texts: -0 is left to the Document.
  if (typeof value === 'boolean' || value === null || (typeof value === 'number' && !Object.is(value, -0)))
    return remembered(otherTexts, value);
  return undefined;
}

/**
 * A string key as a copy of its own: a value read from a spec is a slice of the spec's whole text
 * (V8 slices substrings of 13 characters and more), and a cache of slices keeps every spec of a
 * batch alive. Concatenating, then slicing, makes V8 copy the characters into a string of their own.
 */
function ownCopy<T extends string | number | boolean | null>(value: T): T {
  return (typeof value === 'string' ? ` ${value}`.slice(1) : value) as T;
}

function remembered<T extends string | number | boolean | null>(cache: Map<T, string>, value: T): string {
  let text = cache.get(value);
  if (text === undefined) {
    text = stringify(value, { ...ARCHY_YAML_OPTIONS, ...ARCHY_YAML_WRITE_OPTIONS }).slice(0, -1);
    if (cache.size >= MAX_CACHED_SCALARS) cache.clear();
    cache.set(ownCopy(value), text);
  }
  return text;
}
