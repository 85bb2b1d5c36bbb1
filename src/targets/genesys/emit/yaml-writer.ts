import { stringify } from 'yaml';

/**
 * The options `toYaml` hands the `yaml` library (serialize.ts explains each). Shared, so the fast
 * writer below and the library's Document can never be configured apart.
 */
export const ARCHY_YAML_OPTIONS = { compat: 'yaml-1.1', aliasDuplicateObjects: false } as const;
export const ARCHY_YAML_WRITE_OPTIONS = { lineWidth: 0, doubleQuotedAsJSON: true, indentSeq: true } as const;

/**
 * The body of an Archy YAML file, after the text `head`, with a comment line above each key
 * `keyComments` has one for (the options file), written without building a `yaml` Document: the
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
export function writeArchyYaml(root: unknown, keyComments?: ReadonlyMap<string, string>, head = ''): string | undefined {
  if (!isPlainObject(root)) return undefined;
  // Few pieces per line, each remembered: what starts the entry with its `key:` or `-`, then
  // ` value`; joined once at the end, after `head` (toYaml's header). A string grown by `+=` is a
  // rope (a tree of its pieces) that whoever reads it first must walk to flatten, and a header
  // put before the joined body would make that reader copy the whole body again.
  const out: string[] = [head];
  // The open collections, one per nesting level (the stack's height is the depth + 1); a level's
  // frame is reused by every collection opened at it, not allocated per collection.
  const stack: Frame[] = [];
  openFrame(stack, 0, root, DOCUMENT_START);
  for (let depth = 0; depth >= 0;) {
    const frame = stack[depth]!;
    if (frame.next === frame.size) {
      // Known only once its entries are read: a mapping may hold nothing but undefined values.
      if (frame.written === 0) out.push(frame.keys === undefined ? ' []' : ' {}');
      depth -= 1;
      continue;
    }
    const index = frame.next;
    frame.next += 1;
    let value: unknown;
    const start = frame.written === 0 ? frame.firstStart : depth;
    if (frame.keys === undefined) {
      value = (frame.collection as readonly unknown[])[index];
      out.push(dashText(start));
    } else {
      const key = frame.keys[index]!;
      value = (frame.collection as Record<string, unknown>)[key];
      // The library leaves out a key whose value is undefined (its `keepUndefined` is off).
      if (value === undefined) continue;
      if (keyComments !== undefined && !writeKeyComment(out, start, keyComments.get(key))) return undefined;
      const keyText = keyEntryText(start, key);
      if (keyText === undefined) return undefined;
      out.push(keyText);
    }
    frame.written += 1;
    if (typeof value === 'object' && value !== null) {
      if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
      // A mapping key's collection starts on the next line, a sequence item's on the item's own (`- key: value`).
      depth += 1;
      openFrame(stack, depth, value as Frame['collection'], frame.keys === undefined ? SAME_LINE : depth);
      continue;
    }
    const text = spacedScalarText(value);
    if (text === undefined) return undefined;
    out.push(text);
  }
  if (stack[0]!.written === 0) return `${head}{}\n`;
  out.push('\n');
  return out.join('');
}

/**
 * The line `# comment` above a key, as the library writes a key's `commentBefore` of ` comment`
 * (serialize.ts): at the key's indentation. Declined where the key does not start a line of its
 * own (the first key of the document or of a sequence item), and for a comment the library would
 * write otherwise (empty: a bare `#`; a line break, which JavaScript's `^` also finds at `\r`,
 * U+2028 and U+2029: each line marked).
 */
function writeKeyComment(out: string[], start: EntryStart, comment: string | undefined): boolean {
  if (comment === undefined) return true;
  if (start < 0 || comment === '' || LINE_BREAK.test(comment)) return false;
  out.push(lineStart(start), '# ', comment);
  return true;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * What comes before an entry's `key:` or `-`: a line break and the indentation of a nesting level
 * (the level itself, 0 and up), a space after the `-` of the sequence item that holds the entry's
 * collection, or nothing at the top of the document.
 */
type EntryStart = number;
const SAME_LINE: EntryStart = -1;
const DOCUMENT_START: EntryStart = -2;

interface Frame {
  collection: readonly unknown[] | Record<string, unknown>;
  /** A mapping's keys, in order; undefined for a sequence. */
  keys: string[] | undefined;
  /** How many entries the collection has (a mapping's undefined values among them). */
  size: number;
  next: number;
  /** How many entries were written. */
  written: number;
  /** Where the first entry starts. */
  firstStart: EntryStart;
}

/** The frame of a collection opened at a nesting level: the level's frame, reset, or a new one at a new level. */
function openFrame(stack: Frame[], depth: number, value: Frame['collection'], firstStart: EntryStart): void {
  const keys = Array.isArray(value) ? undefined : Object.keys(value);
  const size = keys === undefined ? (value as readonly unknown[]).length : keys.length;
  const frame = stack[depth];
  if (frame === undefined) {
    stack.push({ collection: value, keys, size, next: 0, written: 0, firstStart });
    return;
  }
  frame.collection = value;
  frame.keys = keys;
  frame.size = size;
  frame.next = 0;
  frame.written = 0;
  frame.firstStart = firstStart;
}

/** A sequence item's entry start and `-`, remembered per start. */
const dashTexts = new Map<EntryStart, string>();

function dashText(start: EntryStart): string {
  if (!remembersStart(start)) return flatText(entryStart(start), '-');
  let text = dashTexts.get(start);
  if (text === undefined) {
    text = flatText(entryStart(start), '-');
    dashTexts.set(start, text);
  }
  return text;
}

function entryStart(start: EntryStart): string {
  return start === DOCUMENT_START ? '' : start === SAME_LINE ? ' ' : lineStart(start);
}

/**
 * Entry starts are remembered down to this nesting level, deeper than any flow file nests (tasks.ts,
 * compile.ts): remembering every level of a deeper document would keep text quadratic in its depth.
 */
const REMEMBERED_DEPTH = 256;

function remembersStart(start: EntryStart): boolean {
  return start < REMEMBERED_DEPTH;
}

/** A line break and the indentation of a nesting level (two spaces each). */
const lineStarts: string[] = ['\n'];

function lineStart(depth: number): string {
  if (!remembersStart(depth)) return flatText('\n', '  '.repeat(depth));
  while (lineStarts.length <= depth) lineStarts.push(flatText('\n', '  '.repeat(lineStarts.length)));
  return lineStarts[depth]!;
}

/**
 * The parts as one flat string. Concatenation (`+`, templates, `repeat`) makes V8 keep a long
 * result as a tree of its parts (a rope), and a remembered piece that is a rope is walked again
 * each time an output is joined from it: `join` copies the characters into a string of their own.
 */
function flatText(...parts: string[]): string {
  return parts.join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The library writes a key of more than 1,024 characters as an explicit `? key`. */
const MAX_IMPLICIT_KEY = 1024;

/** `---`, `...` or `%` at a line start: the library writes such text differently at the top level than nested. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
/**
 * Scalars are few and repeat across the files of a flow and across flows: each is written by the
 * library once, and remembered as the writer places it: a key as `key:`, a value as ` value`.
 * Only what the writer accepts is remembered, so a remembered text needs no second look.
 */
const keyTexts = new Map<string, string>();
const stringTexts = new Map<string, string>();
const otherTexts = new Map<number | boolean | null, string>();
const MAX_CACHED_SCALARS = 20_000;

/**
 * Per entry start: each key with that start before its `key:`. Bounded in all, like the other
 * caches: forgotten together past MAX_CACHED_SCALARS entries.
 */
let keyEntryTexts: Map<string, string>[] = [];
let keyEntryCount = 0;

/** The entry start and `key:` for a key the library writes implicitly, else undefined. */
function keyEntryText(start: EntryStart, key: string): string | undefined {
  if (!remembersStart(start)) {
    const text = keyColonText(key);
    return text === undefined ? undefined : flatText(entryStart(start), text);
  }
  // Indexed from DOCUMENT_START, the lowest start: an array index is cheaper than a second Map.
  const known = keyEntryTexts[start - DOCUMENT_START]?.get(key);
  if (known !== undefined) return known;
  const text = keyColonText(key);
  if (text === undefined) return undefined;
  if (keyEntryCount >= MAX_CACHED_SCALARS) {
    keyEntryTexts = [];
    keyEntryCount = 0;
  }
  const byKey = (keyEntryTexts[start - DOCUMENT_START] ??= new Map());
  const entryText = flatText(entryStart(start), text);
  byKey.set(ownCopy(key), entryText);
  keyEntryCount += 1;
  return entryText;
}

/** `key:` for a key the library writes implicitly, else undefined. */
function keyColonText(key: string): string | undefined {
  const known = keyTexts.get(key);
  if (known !== undefined) return known;
  const text = isPlainAsIs(key) ? key : acceptedString(key) ? libraryText(key) : undefined;
  if (text === undefined || text.length > MAX_IMPLICIT_KEY) return undefined;
  return remember(keyTexts, key, flatText(text, ':'));
}

/** ` value` for a scalar the writer can place anywhere, else undefined. */
function spacedScalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const known = stringTexts.get(value);
    if (known !== undefined) return known;
    // Most new strings (a prompt, an expression of this flow) are plain words and sentences: told
    // so by one pattern instead of a whole `yaml` Document each.
    const text = isPlainAsIs(value) ? value : acceptedString(value) ? libraryText(value) : undefined;
    return text === undefined ? undefined : remember(stringTexts, value, flatText(' ', text));
  }
  // -0 and 0 are one Map key but two texts: -0 is left to the Document.
  if (typeof value === 'boolean' || value === null || (typeof value === 'number' && !Object.is(value, -0)))
    return otherTexts.get(value) ?? remember(otherTexts, value, flatText(' ', libraryText(value)));
  return undefined;
}

/**
 * Text the library writes plain and unchanged, as a key or a value, at any place (its
 * `plainString`): it starts with a letter, so with no indicator, and is no number, timestamp,
 * `.inf`, `~` or `<<` in YAML 1.1 or 1.2 (but `e5`: below); it holds only printable characters (no control
 * character, which the library double-quotes, no line break, no surrogate), no `: ` and no ` #`,
 * and does not end with a space or a `:`. The letter-led words YAML 1.1 or 1.2 read as a boolean
 * or null, and YAML 1.1's floats without a mantissa (`e5`, `E-3`), are left to the library
 * (NOT_TEXT_WORD, a superset of them). Anything else is asked of
 * the library as before; `test/targets/genesys/yaml-writer.test.ts` holds this to it.
 */
const PLAIN_AS_IS = /^[A-Za-z](?:[^\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff :]|:(?=[^ ])| (?=[^#]))*$/;
const NOT_TEXT_WORD = /^(?:y|n|yes|no|true|false|on|off|null|e[-+]?[0-9]+)$/i;

const LOWER_E = 0x65;

export function isPlainAsIs(text: string): boolean {
  // Every word of NOT_TEXT_WORD is 5 characters or fewer, or starts with an `e`.
  return PLAIN_AS_IS.test(text) && ((text.length > 5 && (text.charCodeAt(0) | 0x20) !== LOWER_E) || !NOT_TEXT_WORD.test(text));
}

/** A multi-line string or a document marker may be written differently depending on its place. */
function acceptedString(value: string): boolean {
  return !value.includes('\n') && !DOCUMENT_MARKER.test(value);
}

function libraryText(value: string | number | boolean | null): string {
  return stringify(value, { ...ARCHY_YAML_OPTIONS, ...ARCHY_YAML_WRITE_OPTIONS }).slice(0, -1);
}

/**
 * A string key as a copy of its own: a value read from a spec is a slice of the spec's whole text
 * (V8 slices substrings of 13 characters and more), and a cache of slices keeps every spec of a
 * batch alive. Concatenating, then slicing, makes V8 copy the characters into a string of their own.
 */
function ownCopy<T extends string | number | boolean | null>(value: T): T {
  return (typeof value === 'string' ? ` ${value}`.slice(1) : value) as T;
}

function remember<T extends string | number | boolean | null>(cache: Map<T, string>, value: T, text: string): string {
  if (cache.size >= MAX_CACHED_SCALARS) cache.clear();
  cache.set(ownCopy(value), text);
  return text;
}
