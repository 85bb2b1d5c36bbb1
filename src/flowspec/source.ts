import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from './line-index.js';
import { yamlLibrary } from './yaml-library.js';
import type { Diagnostic, DiagnosticCode, Position, RelatedLocation, Severity, SourceSpan, SpecPath } from '../diagnostics/diagnostic.js';

/**
 * A parsed spec file: its text, its YAML document and the line index, the one source of positions.
 * A spec read by the fast path builds its `document` at the first read of the property.
 */
export interface SpecSource {
  /** The file name as the user gave it; used in diagnostics and never made absolute. */
  file: string;
  text: string;
  lineCounter: LineIndex;
  document?: Document.Parsed;
  /** For a spec the fast path read: `locate`'s offsets for a path found from the text alone, where it can be (quick-locate.ts). */
  quickRange?: (path: SpecPath, onKey: boolean) => [number, number] | undefined;
  /**
   * Set for a spec the fast path read (fast-yaml.ts): each string of its data is a run of the text's
   * characters, with `'` for a quoted `''`, a backslash escape's character, and a space or a line feed
   * where lines join. Checks that look for characters in every string can look in the text first (spec-text.ts).
   */
  stringsFromText?: true;
  /** A spec with `include:`: the files merged into it, and which of them holds each included id (include.ts). */
  included?: IncludedSources;
}

export interface IncludedSources {
  /** Every file merged in, in the order they were read. */
  files: readonly SpecSource[];
  /** Every file name an include resolved to, read or not (a missing one too): what `watch` watches. */
  names: readonly string[];
  /** The included file that holds the node at `path`, when an included file holds it; the path is the same in that file. */
  sourceOf(path: SpecPath): SpecSource | undefined;
}

/** The file that holds the node at `path`: an included file for an included id, else the spec itself. */
export function sourceOf(source: SpecSource, path: SpecPath): SpecSource {
  return source.included?.sourceOf(path) ?? source;
}

export function positionAt(source: SpecSource, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, source.text.length));
  // A file that was never parsed (empty, binary, too large) has no line index: its start is 1:1.
  if (source.lineCounter.lineStarts.length === 0) return { offset: 0, line: 1, column: 1 };
  const { line, col } = source.lineCounter.linePos(clamped);
  return { offset: clamped, line, column: col };
}

export function spanAt(source: SpecSource, start: number, end: number): SourceSpan {
  return { start: positionAt(source, start), end: positionAt(source, Math.max(start, end)) };
}

/**
 * The span of the node at `path`, or of its key when `onKey` is set (unknown keys point at the key).
 * Walks up to the nearest existing ancestor when the path does not exist (a missing required key
 * points at the map that lacks it).
 */
export function locate(source: SpecSource, path: SpecPath, onKey = false): SourceSpan | undefined {
  const quick = source.quickRange?.(path, onKey);
  if (quick) return spanAt(source, quick[0], quick[1]);
  const root = source.document?.contents;
  if (!root) return source.text.length === 0 ? spanAt(source, 0, 0) : undefined;
  let node: Node = root;
  let keyNode: Node | undefined;
  for (const segment of path) {
    const child = childOf(node, segment);
    if (!child) break;
    node = child.value ?? child.key ?? node;
    keyNode = child.key;
    if (!child.value) break;
  }
  const target = onKey && keyNode ? keyNode : node;
  const range = target.range;
  if (!range) return undefined;
  return spanAt(source, range[0], trimmedEnd(source.text, range[0], range[1]));
}

/** Each mapping's pairs by key, built on first use: locating every key of a 30,000-key mapping must not search it each time. */
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const { isPair, isScalar } = yamlLibrary();
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const item of map.items)
      if (isPair(item) && isScalar(item.key) && !pairs.has(String(item.key.value))) pairs.set(String(item.key.value), item);
    pairsByKey.set(map, pairs);
  }
  return pairs.get(key);
}

function childOf(node: Node, segment: string | number): { key?: Node; value?: Node } | undefined {
  const { isMap, isSeq } = yamlLibrary();
  if (isMap(node)) {
    const pair = pairOf(node, String(segment));
    if (!pair) return undefined;
    return { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item ? { value: item as Node } : undefined;
  }
  return undefined;
}

/** Block values include their trailing newlines and comments in `range[1]`; a span should end at the last visible character. */
function trimmedEnd(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(text[last - 1] ?? '')) last--;
  const firstLineEnd = text.indexOf('\n', start);
  return firstLineEnd !== -1 && firstLineEnd < last ? firstLineEnd : last;
}

export interface ReportInput {
  code: DiagnosticCode;
  severity?: Severity;
  message: string;
  path: SpecPath;
  hint?: string;
  /** Point at the key of the last path segment rather than its value. */
  onKey?: boolean;
  related?: readonly { message: string; path: SpecPath; onKey?: boolean }[];
  messageId?: string;
}

/** Collects diagnostics for one source, resolving each path to a span once, when it is reported. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly source: SpecSource) {}

  report(input: ReportInput): void {
    // An id merged from an included file is reported in that file, where the user wrote it.
    const source = sourceOf(this.source, input.path);
    const diagnostic: Diagnostic = {
      code: input.code,
      severity: input.severity ?? 'error',
      message: input.message,
      file: source.file,
      path: input.path,
      span: locate(source, input.path, input.onKey),
    };
    if (input.hint) diagnostic.hint = input.hint;
    if (input.messageId) diagnostic.messageId = input.messageId;
    if (input.related?.length) diagnostic.related = input.related.map((item) => this.relatedAt(item));
    this.diagnostics.push(diagnostic);
  }

  /** A diagnostic at a raw offset range (YAML syntax errors, which have no path yet). */
  reportAt(code: DiagnosticCode, message: string, start: number, end: number, hint?: string): void {
    const diagnostic: Diagnostic = {
      code,
      severity: 'error',
      message,
      file: this.source.file,
      path: [],
      span: spanAt(this.source, start, end),
    };
    if (hint) diagnostic.hint = hint;
    this.diagnostics.push(diagnostic);
  }

  private relatedAt(item: { message: string; path: SpecPath; onKey?: boolean }): RelatedLocation {
    const source = sourceOf(this.source, item.path);
    return { message: item.message, file: source.file, path: item.path, span: locate(source, item.path, item.onKey) };
  }
}
