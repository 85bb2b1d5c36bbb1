import type { Diagnostic } from '../diagnostic.js';
import { rawPackageFileUrl } from '../../util/package-info.js';

/** Raised when the shape changes in a way a reader must know about; schemas/ivrflow-report.schema.json describes each. */
export const JSON_REPORT_VERSION = 1;
export const JSON_REPORT_SCHEMA = 'schemas/ivrflow-report.schema.json';

export interface JsonReportOptions {
  toolVersion: string;
}

/**
 * Machine output of `validate` and `generate`: a versioned document with a JSON Schema, the counts,
 * and one object per diagnostic with 1-based line/column and stable key order.
 */
export function renderJson(diagnostics: readonly Diagnostic[], options: JsonReportOptions): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const report = {
    $schema: rawPackageFileUrl(JSON_REPORT_SCHEMA),
    version: JSON_REPORT_VERSION,
    tool: { name: 'ivrflow', version: options.toolVersion },
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      notes: count('info'),
      files: new Set(diagnostics.map((diagnostic) => diagnostic.file)).size,
    },
    diagnostics: jsonDiagnostics(diagnostics),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The diagnostics as plain objects, as the JSON report (and the test report) holds them. */
export function jsonDiagnostics(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((diagnostic) => ({
    file: diagnostic.file,
    line: diagnostic.span?.start.line ?? null,
    column: diagnostic.span?.start.column ?? null,
    endLine: diagnostic.span?.end.line ?? null,
    endColumn: diagnostic.span?.end.column ?? null,
    severity: diagnostic.severity,
    code: diagnostic.code,
    /** Policy rules only: which of the rule's messages this is, stable across rewordings. */
    messageId: diagnostic.messageId ?? null,
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
}
