import type { ContractCode, Diagnostic, Severity, SpecPath } from '../../diagnostics/diagnostic.js';
import { DiagnosticSink, type SpecSource } from '../../flowspec/source.js';

export interface Finding {
  code: ContractCode;
  severity: Severity;
  message: string;
  path: SpecPath;
  hint: string;
  onKey?: boolean;
}

/**
 * Findings of one probe run. The same problem seen through both vendors' requests is one
 * diagnostic that names both; positions are resolved against the spec once, at the end.
 */
export class Findings {
  private readonly entries = new Map<string, { finding: Finding; vendors: string[] }>();

  add(vendor: string, finding: Finding): void {
    const key = `${finding.code}\u0000${finding.path.join('.')}\u0000${finding.message}`;
    const entry = this.entries.get(key);
    if (!entry) this.entries.set(key, { finding, vendors: [vendor] });
    else if (!entry.vendors.includes(vendor)) entry.vendors.push(vendor);
  }

  has(code: ContractCode): boolean {
    return [...this.entries.values()].some((entry) => entry.finding.code === code);
  }

  diagnostics(source: SpecSource): Diagnostic[] {
    const sink = new DiagnosticSink(source);
    for (const { finding, vendors } of this.entries.values())
      sink.report({
        code: finding.code,
        severity: finding.severity,
        message: vendors.length > 0 && vendors[0] !== '' ? `${finding.message} (${vendors.join(' and ')} request)` : finding.message,
        path: finding.path,
        hint: finding.hint,
        ...(finding.onKey ? { onKey: true } : {}),
      });
    return sink.diagnostics;
  }
}
