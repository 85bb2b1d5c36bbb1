/**
 * Line starts of a text, for `file:line:column` positions. The same shape as the `yaml` library's
 * `LineCounter` (it is passed to `parseDocument`, which calls `addNewLine` unbound), so a spec read
 * by `yaml` fills it while parsing and one read by the fast path fills it from its line feeds.
 */
export class LineIndex {
  readonly lineStarts: number[] = [];

  /** An arrow, not a method: `yaml` keeps the function and calls it without its object. */
  readonly addNewLine = (offset: number): number => this.lineStarts.push(offset);

  /** Line and column (both from 1) of an offset; a line feed belongs to the line it ends. */
  readonly linePos = (offset: number): { line: number; col: number } => {
    const line = this.lineOf(offset) + 1;
    if (line === 0) return { line: 0, col: offset };
    return { line, col: offset - this.lineStarts[line - 1]! + 1 };
  };

  /** Every line start of `text`: offset 0 and the offset after each line feed, as `yaml` records them. */
  static of(text: string): LineIndex {
    const index = new LineIndex();
    index.addNewLine(0);
    for (let feed = text.indexOf('\n'); feed !== -1; feed = text.indexOf('\n', feed + 1)) index.addNewLine(feed + 1);
    return index;
  }

  /** The line holding `offset`, counted from 0 (-1 before the first start): the last line start at or before it. */
  lineOf(offset: number): number {
    return this.linesStartingAtOrBefore(offset) - 1;
  }

  /** How many line starts are at or before `offset` (binary search: the starts are ascending). */
  private linesStartingAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lineStarts[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
