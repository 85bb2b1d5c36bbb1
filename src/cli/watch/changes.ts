import { printable } from '../../diagnostics/render/printable.js';
import type { Style } from '../../diagnostics/render/style.js';

/** A diagnostic as the JSON reports hold it (`jsonDiagnostics`). */
export interface ReportedDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  path: readonly (string | number)[];
}

/**
 * Which diagnostics appeared and which went away. A diagnostic is the same one when only its line
 * moved (an edit above it), so typing a comment does not reprint every finding below it.
 */
export function diagnosticChanges(before: readonly ReportedDiagnostic[], after: readonly ReportedDiagnostic[], style: Style): string[] {
  const previous = new Set(before.map(identity));
  const current = new Set(after.map(identity));
  return [
    ...before.filter((diagnostic) => !current.has(identity(diagnostic))).map((diagnostic) => line('-', diagnostic, style, 'gone')),
    ...after.filter((diagnostic) => !previous.has(identity(diagnostic))).map((diagnostic) => line('+', diagnostic, style)),
  ];
}

function identity(diagnostic: ReportedDiagnostic): string {
  return JSON.stringify([diagnostic.file, diagnostic.severity, diagnostic.code, diagnostic.path, diagnostic.message]);
}

function line(sign: string, diagnostic: ReportedDiagnostic, style: Style, note?: string): string {
  const where = `${diagnostic.file}${diagnostic.line === null ? '' : `:${diagnostic.line}:${diagnostic.column ?? 1}`}`;
  const severity = style[diagnostic.severity](diagnostic.severity);
  const text = `${sign} ${printable(where)} ${severity} ${printable(diagnostic.message)} ${style.dim(diagnostic.code)}`;
  return note ? `${text} ${style.dim(`(${note})`)}` : text;
}

/** `2 errors, 1 warning`. */
export function countLine(diagnostics: readonly ReportedDiagnostic[]): string {
  const count = (severity: ReportedDiagnostic['severity']) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
