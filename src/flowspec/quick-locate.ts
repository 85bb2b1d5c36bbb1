import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { LineIndex } from './line-index.js';

/**
 * Where `locate` (source.ts) puts the node at `path` of a spec the fast path read (fast-yaml.ts),
 * found from the text alone by reading the lines on the way: a clean spec's diagnostics (a
 * compile's notes) then need no `yaml` Document, whose parse was a quarter of a compile. It answers
 * only for the layouts it models (block mappings and lists, one-line scalars and flow mappings) and
 * is undefined for anything else (block scalars, multi-line values, a missing path, unusual keys),
 * where the caller builds the Document as before. `test/flowspec/quick-locate.test.ts` holds it
 * against the Document on every node of the repository's YAML and of mutated specs.
 *
 * The answer is the `[start, end]` that `locate` gives `spanAt`: the node's start, and its end or,
 * for a node that goes on past its first line, the end of that line. Each block collection's items
 * are read once, the first time a path goes through it: a spec with thousands of diagnostics reads
 * its text a few times, not once per diagnostic.
 */
export function quickLocator(text: string, lines: LineIndex): (path: SpecPath, onKey: boolean) => [number, number] | undefined {
  if (DOCUMENT_MARKERS.test(text) || text.includes('\r') || text.includes('\t')) return () => undefined;
  const reader = new LineReader(text, lines);
  const first = reader.nextContentLine(0);
  const root = first === undefined ? undefined : reader.blockNodeAt(first, -1);
  return (path, onKey) => {
    let node: Located | undefined = root;
    let key: [number, number] | undefined;
    for (const segment of path) {
      if (!node) return undefined;
      const child: Child | undefined = reader.child(node, segment);
      if (!child) return undefined;
      node = child.value;
      key = child.key;
    }
    if (onKey && key) return key;
    return node ? reader.range(node) : undefined;
  };
}

/** A document start or end marker: more than one document, or one that the fast path would not model. */
const DOCUMENT_MARKERS = /^(?:---|\.\.\.)(?:[ \t]|$)/m;
/** A plain key that `yaml` reads as the same string (`true`, `null`, numbers and the like read as other values). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NON_STRING_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
/** A plain scalar in a flow collection: up to the next `,`, `}` or `]`. */
const FLOW_PLAIN = /^[^,{}[\]#"'\n]*/;

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
/** The indent of a line whose spaces end in a tab, which `yaml` refuses as indentation. */
const TAB_INDENT = -1;
/** What a line holds after its indent: nothing, a comment, or YAML. */
const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** A node: a block mapping or list whose items start at `column` of `line`, or a value written at `offset`. */
type Located =
  | { kind: 'blockMap'; line: number; column: number }
  | { kind: 'blockSeq'; line: number; column: number }
  | { kind: 'inline'; offset: number; parentIndent: number };

interface Child {
  value: Located | undefined;
  key?: [number, number];
}

class LineReader {
  private readonly starts: readonly number[];
  /** Each line's indent in spaces, or TAB_INDENT: measured once, as every collection a path goes through reads the lines below it. */
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.starts = lines.lineStarts;
    this.indents = new Int32Array(this.starts.length);
    this.kinds = new Uint8Array(this.starts.length);
    for (let line = 0; line < this.starts.length; line += 1) this.measure(line);
  }

  private measure(line: number): void {
    const start = this.starts[line]!;
    let offset = start;
    while (this.text.charCodeAt(offset) === SPACE) offset += 1;
    const first = this.text.charCodeAt(offset);
    this.indents[line] = first === TAB ? TAB_INDENT : offset - start;
    this.kinds[line] = offset >= this.lineEnd(line) ? BLANK : first === HASH ? COMMENT : CONTENT;
  }

  /** The end of a line: the offset of its line feed, or of the end of the text. */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  /** Spaces before a line's first character; undefined for a line indented with a tab. */
  private indent(line: number): number | undefined {
    const indent = this.indents[line]!;
    return indent === TAB_INDENT ? undefined : indent;
  }

  /** The first line at or after `line` with something other than spaces and a comment. */
  nextContentLine(line: number): number | undefined {
    for (let at = line; at < this.starts.length; at += 1) {
      if (this.indents[at] === TAB_INDENT) return undefined;
      if (this.kinds[at] === CONTENT) return at;
    }
    return undefined;
  }

  /** The block collection starting on `line`, when it is indented past `parentIndent`. */
  blockNodeAt(line: number, parentIndent: number): Located | undefined {
    const column = this.indent(line);
    if (column === undefined || column <= parentIndent) return undefined;
    const offset = this.starts[line]! + column;
    if (this.isDash(offset)) return { kind: 'blockSeq', line, column };
    return this.keyAt(offset) ? { kind: 'blockMap', line, column } : undefined;
  }

  private isDash(offset: number): boolean {
    return (
      this.text[offset] === '-' && (this.text[offset + 1] === ' ' || this.text[offset + 1] === '\n' || offset + 1 === this.text.length)
    );
  }

  /** A plain or quoted key at `offset` followed by `:`; its text, its range and where its value starts. */
  private keyAt(offset: number): { name: string; range: [number, number]; colon: number } | undefined {
    const feed = this.text.indexOf('\n', offset);
    const lineEnd = feed === -1 ? this.text.length : feed;
    const quote = this.text[offset];
    let name: string;
    let end: number;
    if (quote === '"' || quote === "'") {
      const close = this.text.indexOf(quote, offset + 1);
      if (close === -1 || close > lineEnd) return undefined;
      name = this.text.slice(offset + 1, close);
      if (name.includes('\\') || name.includes("'") || name.includes('"')) return undefined;
      end = close + 1;
    } else {
      end = this.plainKeyEnd(offset, lineEnd);
      name = this.text.slice(offset, end);
      if (!PLAIN_KEY.test(name) || NON_STRING_WORDS.has(name)) return undefined;
    }
    let colon = end;
    while (this.text[colon] === ' ') colon += 1;
    if (this.text[colon] !== ':') return undefined;
    const after = this.text[colon + 1];
    if (after !== undefined && after !== ' ' && after !== '\n') return undefined;
    return { name, range: [offset, end], colon };
  }

  /** Where a plain key that starts at `offset` ends: before the first `:` or `#` of the line, and the spaces before it. */
  private plainKeyEnd(offset: number, lineEnd: number): number {
    let end = offset;
    for (let code = this.text.charCodeAt(end); end < lineEnd && code !== COLON && code !== HASH; code = this.text.charCodeAt(end)) end += 1;
    while (end > offset && this.text.charCodeAt(end - 1) === SPACE) end -= 1;
    return end;
  }

  child(node: Located, segment: string | number): Child | undefined {
    if (node.kind === 'blockMap') return this.blockMapChild(node, segment);
    if (node.kind === 'blockSeq') return this.blockSeqChild(node, segment);
    const char = this.text[node.offset];
    if (char === '{') return this.flowMapChild(node.offset, segment);
    // A list item `- key: value` is a block mapping at the key's column.
    const column = node.offset - this.starts[this.lineOf(node.offset)]!;
    if (char !== '[' && this.keyAt(node.offset)) return this.blockMapChild({ line: this.lineOf(node.offset), column }, segment);
    return undefined;
  }

  private lineOf(offset: number): number {
    return this.lines.lineOf(offset);
  }

  /** The items at `column` of the collection starting on `line`, until a line indented less; each item's start. */
  private items(line: number, column: number): number[] {
    const starts = [this.starts[line]! + column];
    for (let at = this.nextContentLine(line + 1); at !== undefined; at = this.nextContentLine(at + 1)) {
      const indent = this.indents[at]!;
      if (indent < column) break;
      if (indent === column) starts.push(this.starts[at]! + indent);
    }
    return starts;
  }

  /** Each block mapping's keys (first line and column), read on the first lookup; undefined for one whose keys are not all modelled. */
  private readonly mapKeys = new Map<string, Map<string, { range: [number, number]; colon: number }> | undefined>();
  /** Each block list's item offsets (first line and column), read on the first lookup. */
  private readonly listItems = new Map<string, number[] | undefined>();

  private blockMapChild(node: { line: number; column: number }, segment: string | number): Child | undefined {
    const where = `${node.line}:${node.column}`;
    if (!this.mapKeys.has(where)) this.mapKeys.set(where, this.readKeys(node));
    const key = this.mapKeys.get(where)?.get(String(segment));
    return key && { key: key.range, value: this.valueAfter(key.colon + 1, node.column, true) };
  }

  private readKeys(node: { line: number; column: number }): Map<string, { range: [number, number]; colon: number }> | undefined {
    const keys = new Map<string, { range: [number, number]; colon: number }>();
    for (const offset of this.items(node.line, node.column)) {
      if (this.isDash(offset)) continue; // a list at the key's own column belongs to the key before
      const key = this.keyAt(offset);
      if (!key) return undefined;
      if (!keys.has(key.name)) keys.set(key.name, key);
    }
    return keys;
  }

  private blockSeqChild(node: { line: number; column: number }, segment: string | number): Child | undefined {
    if (typeof segment !== 'number') return undefined;
    const where = `${node.line}:${node.column}`;
    if (!this.listItems.has(where)) this.listItems.set(where, this.readItems(node));
    const offset = this.listItems.get(where)?.[segment];
    return offset === undefined ? undefined : { value: this.valueAfter(offset + 1, node.column, false) };
  }

  /** A list's items up to the first line at its column that is no item (the list ends there). */
  private readItems(node: { line: number; column: number }): number[] {
    const items: number[] = [];
    for (const offset of this.items(node.line, node.column)) {
      if (!this.isDash(offset)) break;
      items.push(offset);
    }
    return items;
  }

  /** The value after a key's `:` or an item's `-`: on the same line, or a block collection on the lines below. */
  private valueAfter(offset: number, indent: number, sameColumnList: boolean): Located | undefined {
    let at = offset;
    while (this.text[at] === ' ') at += 1;
    if (at < this.text.length && this.text[at] !== '\n' && this.text[at] !== '#')
      return { kind: 'inline', offset: at, parentIndent: indent };
    const next = this.nextContentLine(this.lineOf(offset) + 1);
    if (next === undefined) return undefined;
    const nested = this.blockNodeAt(next, indent);
    if (nested) return nested;
    const column = this.indent(next);
    return sameColumnList && column === indent && this.isDash(this.starts[next]! + column)
      ? { kind: 'blockSeq', line: next, column }
      : undefined;
  }

  /** A key of a one-line flow mapping `{ a: 1, b: [x] }`. */
  private flowMapChild(open: number, segment: string | number): Child | undefined {
    const end = this.lineEnd(this.lineOf(open));
    let at = open + 1;
    for (;;) {
      while (this.text[at] === ' ') at += 1;
      if (at >= end || this.text[at] === '}') return undefined;
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(at, end))?.[0];
      if (name === undefined || NON_STRING_WORDS.has(name) || this.text[at + name.length] !== ':') return undefined;
      const keyRange: [number, number] = [at, at + name.length];
      at += name.length + 1;
      if (this.text[at] !== ' ') return undefined;
      while (this.text[at] === ' ') at += 1;
      const valueEnd = this.flowValueEnd(at, end);
      if (valueEnd === undefined) return undefined;
      if (name === String(segment)) return { key: keyRange, value: { kind: 'inline', offset: at, parentIndent: Infinity } };
      at = valueEnd;
      while (this.text[at] === ' ') at += 1;
      if (this.text[at] === ',') at += 1;
      else if (this.text[at] !== '}') return undefined;
    }
  }

  /** The end of a value in a flow collection on one line: a bracketed collection, a quoted or a plain scalar. */
  private flowValueEnd(at: number, lineEnd: number): number | undefined {
    const char = this.text[at];
    if (char === '{' || char === '[') return this.closingBracket(at, lineEnd);
    if (char === '"' || char === "'") return this.quotedEnd(at, lineEnd);
    const plain = FLOW_PLAIN.exec(this.text.slice(at, lineEnd))![0].trimEnd();
    return plain === '' || plain.includes(': ') ? undefined : at + plain.length;
  }

  /** Just past the bracket that closes the one at `open`, on the same line (quotes skipped); a loop, not recursion. */
  private closingBracket(open: number, lineEnd: number): number | undefined {
    let depth = 0;
    for (let at = open; at < lineEnd; at += 1) {
      const char = this.text[at];
      if (char === '"' || char === "'") {
        const end = this.quotedEnd(at, lineEnd);
        if (end === undefined) return undefined;
        at = end - 1;
      } else if (char === '#') return undefined;
      else if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') {
        depth -= 1;
        if (depth === 0) return at + 1;
      }
    }
    return undefined;
  }

  /** Just past the quote that closes the one at `open`, on the same line. */
  private quotedEnd(open: number, lineEnd: number): number | undefined {
    const quote = this.text[open];
    for (let at = open + 1; at < lineEnd; at += 1) {
      const char = this.text[at];
      if (quote === '"' && char === '\\') at += 1;
      else if (char === quote) {
        if (quote === "'" && this.text[at + 1] === "'") at += 1;
        else return at + 1;
      }
    }
    return undefined;
  }

  /** What `locate` gives `spanAt` for a node; undefined where this reader is not sure. */
  range(node: Located): [number, number] | undefined {
    if (node.kind !== 'inline') return this.blockRange(node.line, node.column, node.kind === 'blockSeq');
    const line = this.lineOf(node.offset);
    const lineEnd = this.lineEnd(line);
    const char = this.text[node.offset];
    let end: number | undefined;
    if (char === '{' || char === '[') end = this.closingBracket(node.offset, lineEnd);
    else if (char === '"' || char === "'") end = this.quotedEnd(node.offset, lineEnd);
    else if (char === '|' || char === '>' || this.isDash(node.offset)) return undefined;
    else if (node.parentIndent === Infinity) {
      const plain = FLOW_PLAIN.exec(this.text.slice(node.offset, lineEnd))![0].trimEnd();
      return plain === '' ? undefined : [node.offset, node.offset + plain.length];
    } else {
      if (this.keyAt(node.offset)) return this.blockRange(line, node.offset - this.starts[line]!, false);
      const lineText = this.text.slice(node.offset, lineEnd);
      const comment = lineText.search(/ #/);
      const plain = (comment === -1 ? lineText : lineText.slice(0, comment)).trimEnd();
      if (plain === '' || plain.includes(': ')) return undefined;
      end = node.offset + plain.length;
    }
    if (end === undefined || node.parentIndent === Infinity) return end === undefined ? undefined : [node.offset, end];
    // Only a comment may follow on the line, and no line below may continue the value.
    const rest = this.text.slice(end, lineEnd).trimStart();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    const next = this.nextLineAfter(line);
    if (next !== undefined && this.indent(next)! > node.parentIndent) return undefined;
    return [node.offset, end];
  }

  /** The next line after `line` that is not blank (a comment counts): a value continued there is not modelled. */
  private nextLineAfter(line: number): number | undefined {
    for (let at = line + 1; at < this.starts.length; at += 1) if (this.indents[at] === TAB_INDENT || this.kinds[at] !== BLANK) return at;
    return undefined;
  }

  /** A block collection spanning more than one line ends, for `locate`, where its first line does. */
  private blockRange(line: number, column: number, list: boolean): [number, number] | undefined {
    const start = this.starts[line]! + column;
    const next = this.nextContentLine(line + 1);
    if (next === undefined) return undefined;
    const indent = this.indent(next)!;
    // One line only (the next line belongs to another node): its end is not modelled.
    if (indent < column || (list && indent === column && !this.isDash(this.starts[next]! + indent))) return undefined;
    return [start, this.lineEnd(line)];
  }
}
