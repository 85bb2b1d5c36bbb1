import type { SourceSpan } from '../diagnostic.js';
import { printable } from './printable.js';
import type { Style } from './style.js';

const CONTEXT_LINES = 2;
const MAX_LINE_WIDTH = 150;

/** Source lines around a span, with a gutter and a `^^^` underline (Redocly's layout). */
export function codeFrame(text: string, span: SourceSpan, style: Style): string {
  const lines = linesOf(text);
  const first = Math.max(1, span.start.line - CONTEXT_LINES);
  const last = Math.min(lines.length, span.start.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const line = printable(clip(lines[number - 1] ?? ''));
    const marker = number === span.start.line ? '>' : ' ';
    out.push(style.dim(`${marker} ${String(number).padStart(width)} | `) + line);
    if (number === span.start.line) out.push(style.dim(`  ${' '.repeat(width)} | `) + underline(line, span));
  }
  return out.join('\n');
}

/** The last text split, kept: a report renders many frames of one file, and splitting it for each is quadratic. */
let lastSplit: { text: string; lines: string[] } | undefined;

function linesOf(text: string): string[] {
  if (lastSplit?.text !== text) lastSplit = { text, lines: text.split(/\r?\n/) };
  return lastSplit.lines;
}

function underline(line: string, span: SourceSpan): string {
  const start = Math.min(span.start.column - 1, line.length);
  const end = span.end.line === span.start.line ? Math.min(span.end.column - 1, line.length) : line.length;
  const indent = line.slice(0, start).replace(/[^\t]/g, ' ');
  return indent + '^'.repeat(Math.max(1, end - start));
}

function clip(line: string): string {
  return line.length > MAX_LINE_WIDTH ? `${line.slice(0, MAX_LINE_WIDTH)}…` : line;
}
