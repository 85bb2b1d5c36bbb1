import type { Diagnostic, Severity } from '../diagnostic.js';

/** What SARIF says about each rule; the CLI builds it from the rule registry and the core codes. */
export interface RuleMetadata {
  /** The diagnostic code, e.g. `rule/no-sensitive-leak` or `ref/unknown-step`. */
  id: string;
  description: string;
  defaultLevel: Severity;
  helpUri?: string;
}

export interface SarifOptions {
  toolVersion: string;
  informationUri: string;
  rules: readonly RuleMetadata[];
}

/** GitHub code scanning shows at most this many results of a run (docs: SARIF upload limits). */
export const MAX_SARIF_RESULTS = 25_000;

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * that appear in the results, and each result located by a relative URI and a 1-based region.
 */
export function renderSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const kept = diagnostics.slice(0, MAX_SARIF_RESULTS);
  const metadata = new Map(options.rules.map((rule) => [rule.id, rule]));
  // Every known rule is described, not only those that fired, so code scanning can show the full set.
  const ruleIds = [...new Set([...options.rules.map((rule) => rule.id), ...kept.map((diagnostic) => diagnostic.code)])].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ivrflow',
            version: options.toolVersion,
            informationUri: options.informationUri,
            rules: ruleIds.map((id) => ruleDescriptor(id, metadata.get(id))),
          },
        },
        results: kept.map((diagnostic) => result(diagnostic, ruleIds.indexOf(diagnostic.code))),
        ...(diagnostics.length > kept.length
          ? {
              properties: { truncated: `${diagnostics.length - kept.length} results left out (GitHub keeps ${MAX_SARIF_RESULTS} per run)` },
            }
          : {}),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function ruleDescriptor(id: string, rule: RuleMetadata | undefined) {
  const description = rule?.description ?? id;
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}),
    help: { text: rule?.helpUri ? `${description} See ${rule.helpUri}` : description },
    defaultConfiguration: { level: sarifLevel(rule?.defaultLevel ?? 'error') },
  };
}

function result(diagnostic: Diagnostic, ruleIndex: number) {
  return {
    ruleId: diagnostic.code,
    ruleIndex,
    level: sarifLevel(diagnostic.severity),
    message: { text: diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message },
    locations: [location(diagnostic.file, diagnostic.span)],
    ...(diagnostic.related?.length
      ? {
          relatedLocations: diagnostic.related.map((related, index) => ({
            id: index + 1,
            ...location(related.file, related.span),
            message: { text: related.message },
          })),
        }
      : {}),
  };
}

function location(file: string, span: Diagnostic['span']) {
  const region = span
    ? {
        startLine: span.start.line,
        startColumn: span.start.column,
        endLine: span.end.line,
        endColumn: Math.max(span.end.column, span.start.column + (span.end.line === span.start.line ? 1 : 0)),
      }
    : { startLine: 1 };
  return { physicalLocation: { artifactLocation: { uri: toUri(file) }, region } };
}

/** Relative, forward slashes, percent-encoded where a URI needs it. */
function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}
