import type { Diagnostic } from '../diagnostic.js';
import { codeFrame } from './codeframe.js';
import { printable } from './printable.js';
import type { Style } from './style.js';

export interface StylishOptions {
  /** Notes (severity info) as one line each, their other places counted: they say what a target does not model, not what to fix. */
  briefNotes: boolean;
}

/** Human output: `file:line:column severity code message`, a code frame, the hint, related places. */
export function renderStylish(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  style: Style,
  options: StylishOptions = { briefNotes: false },
): string {
  const brief = (diagnostic: Diagnostic) => options.briefNotes && diagnostic.severity === 'info';
  const full = diagnostics
    .filter((diagnostic) => !brief(diagnostic))
    .map((diagnostic) => renderOne(diagnostic, sources.get(diagnostic.file), style));
  const notes = diagnostics.filter(brief).map((diagnostic) => renderNoteLine(diagnostic, style));
  const blocks = [...full, ...(notes.length > 0 ? [`${notes.join('\n')}\n  ${style.dim('(--verbose shows each note in full)')}`] : [])];
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n\n${summary(diagnostics, style)}\n` : '';
}

function renderNoteLine(diagnostic: Diagnostic, style: Style): string {
  const others = diagnostic.related?.length ?? 0;
  const more = others > 0 ? style.dim(` (+${others} more place${others === 1 ? '' : 's'})`) : '';
  return `${style.bold(printable(location(diagnostic)))} ${style.info('info')} ${style.dim(diagnostic.code)}  ${printable(diagnostic.message)}${more}`;
}

function renderOne(diagnostic: Diagnostic, text: string | undefined, style: Style): string {
  const paint = style[diagnostic.severity];
  const lines = [
    `${style.bold(printable(location(diagnostic)))} ${paint(diagnostic.severity)} ${style.dim(diagnostic.code)}  ${printable(diagnostic.message)}`,
  ];
  if (diagnostic.span && text !== undefined && text.length > 0) lines.push(codeFrame(text, diagnostic.span, style));
  if (diagnostic.hint) lines.push(`  ${style.bold('hint:')} ${printable(diagnostic.hint)}`);
  for (const related of diagnostic.related ?? []) {
    const where = related.span ? `${related.file}:${related.span.start.line}:${related.span.start.column}` : related.file;
    lines.push(`  ${style.dim(printable(`${where}: ${related.message}`))}`);
  }
  return lines.join('\n');
}

export function location(diagnostic: Diagnostic): string {
  return diagnostic.span ? `${diagnostic.file}:${diagnostic.span.start.line}:${diagnostic.span.start.column}` : diagnostic.file;
}

function summary(diagnostics: readonly Diagnostic[], style: Style): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const files = new Set(diagnostics.map((diagnostic) => diagnostic.file)).size;
  const notes = infos > 0 ? `, ${plural(infos, 'note')}` : '';
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes} in ${plural(files, 'file')}`;
  if (errors > 0) return style.error(`✖ ${text}`);
  return warnings > 0 ? style.warning(`⚠ ${text}`) : style.info(`ℹ ${text}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
