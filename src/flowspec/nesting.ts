/**
 * How deeply a YAML text nests, measured on the text in one pass, before the YAML library sees it:
 * the library composes nodes recursively, and on a document nested deeply enough it gives up where
 * the stack runs out, which differs from run to run. The measure counts block levels by
 * indentation (a key or `- ` further right than the open ones opens a level) and flow brackets
 * outside quotes, comments and block scalars. It over-counts nothing a valid spec writes.
 */
export interface DeepPoint {
  /** Offset of the character that opens the level past the limit. */
  offset: number;
  depth: number;
}

/** The first point where the text nests deeper than `limit`, or undefined. */
export function firstTooDeep(text: string, limit: number): DeepPoint | undefined {
  const scanner = new NestingScanner(text, limit);
  return scanner.scan();
}

class NestingScanner {
  private readonly blockIndents: number[] = [];
  private flowDepth = 0;
  private quote: '"' | "'" | undefined;
  /** Lines indented more than this are block scalar content. */
  private blockScalarIndent: number | undefined;

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  scan(): DeepPoint | undefined {
    let lineStart = 0;
    while (lineStart <= this.text.length) {
      let lineEnd = this.text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = this.text.length;
      const found = this.scanLine(lineStart, lineEnd);
      if (found) return found;
      lineStart = lineEnd + 1;
    }
    return undefined;
  }

  private depth(): number {
    return this.blockIndents.length + this.flowDepth;
  }

  private scanLine(start: number, end: number): DeepPoint | undefined {
    let index = start;
    while (index < end && this.text[index] === ' ') index++;
    const indent = index - start;
    const blank = index >= end || this.text[index] === '\r' || this.text[index] === '#';
    if (this.blockScalarIndent !== undefined) {
      if (blank || indent > this.blockScalarIndent) return undefined;
      this.blockScalarIndent = undefined;
    }
    if (blank && this.quote === undefined) return undefined;
    if (this.quote === undefined && this.flowDepth === 0) {
      const opened = this.openBlockLevels(index, end, indent);
      if (opened.found) return opened.found;
      index = opened.next;
    }
    return this.scanContent(index, end, indent);
  }

  /** Block levels: the line's own indentation, then each `- ` or `? ` indicator on it, each one further right. */
  private openBlockLevels(from: number, end: number, indent: number): { next: number; found?: DeepPoint } {
    let column = indent;
    let index = from;
    for (;;) {
      while (this.blockIndents.length > 0 && this.blockIndents[this.blockIndents.length - 1]! >= column) this.blockIndents.pop();
      this.blockIndents.push(column);
      if (this.depth() > this.limit) return { next: index, found: { offset: index, depth: this.depth() } };
      const indicator = this.text[index];
      const after = this.text[index + 1];
      if ((indicator === '-' || indicator === '?') && (after === ' ' || index + 1 >= end)) {
        index += 2;
        while (index < end && this.text[index] === ' ') index++;
        column = index - from + indent;
        if (index >= end) return { next: index };
        continue;
      }
      return { next: index };
    }
  }

  /** The rest of a line: quotes, comments, flow brackets, a key opening a nested level, a block scalar header. */
  private scanContent(from: number, end: number, indent: number): DeepPoint | undefined {
    let valueStart = true;
    for (let index = from; index < end; index++) {
      if (this.quote === undefined && isPlainText(this.text.charCodeAt(index))) {
        valueStart = false;
        continue;
      }
      const char = this.text[index]!;
      if (this.quote !== undefined) {
        if (this.quote === '"' && char === '\\') index++;
        else if (char === this.quote) {
          if (this.quote === "'" && this.text[index + 1] === "'") index++;
          else this.quote = undefined;
        }
        continue;
      }
      if (char === '#' && (index === from || /\s/.test(this.text[index - 1]!))) return undefined;
      // An anchor or a tag comes before the value it names: skip it, the value still starts after it.
      if (valueStart && (char === '&' || char === '!')) {
        while (index + 1 < end && !/[\s[\]{},]/.test(this.text[index + 1]!)) index++;
        continue;
      }
      if (valueStart && (char === '"' || char === "'")) {
        this.quote = char;
        continue;
      }
      if ((char === '[' || char === '{') && (valueStart || this.flowDepth > 0)) {
        this.flowDepth++;
        if (this.depth() > this.limit) return { offset: index, depth: this.depth() };
        valueStart = true;
        continue;
      }
      if ((char === ']' || char === '}') && this.flowDepth > 0) {
        this.flowDepth--;
        continue;
      }
      if ((char === '|' || char === '>') && valueStart && this.flowDepth === 0) {
        this.blockScalarIndent = indent;
        return undefined;
      }
      if (char === ' ' || char === '\t' || char === '\r') continue;
      // After `: `, `, ` or an anchor/tag a new value starts; inside a plain scalar brackets are text.
      valueStart = ((char === ':' || char === ',') && /[\s,\]}]/.test(this.text[index + 1] ?? ' ')) || (char === ',' && this.flowDepth > 0);
    }
    return undefined;
  }
}

/**
 * The ASCII characters the scan acts on outside quotes: comments, anchors and tags, quotes, flow
 * brackets, block scalar headers, separators. Any other character of a plain scalar only ends the
 * start of a value, so it is passed over by one table lookup (most of a spec is such text).
 */
const SIGNIFICANT = new Uint8Array(128);
for (const char of '#&!"\'[]{}|> \t\r:,') SIGNIFICANT[char.charCodeAt(0)] = 1;

function isPlainText(code: number): boolean {
  return code < 128 && SIGNIFICANT[code] === 0;
}
