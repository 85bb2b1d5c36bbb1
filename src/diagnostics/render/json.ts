import type { Diagnostic } from '../diagnostic.js';

/** Machine output: one object per diagnostic with 1-based line/column, stable key order. */
export function renderJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((diagnostic) => ({
    file: diagnostic.file,
    line: diagnostic.span?.start.line ?? null,
    column: diagnostic.span?.start.column ?? null,
    endLine: diagnostic.span?.end.line ?? null,
    endColumn: diagnostic.span?.end.column ?? null,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    path: diagnostic.path,
    hint: diagnostic.hint ?? null,
    related: (diagnostic.related ?? []).map((related) => ({
      file: related.file,
      line: related.span?.start.line ?? null,
      column: related.span?.start.column ?? null,
      message: related.message,
      path: related.path,
    })),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
