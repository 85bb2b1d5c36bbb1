import { createHash } from 'node:crypto';
import type { Diagnostic, Severity } from '../diagnostic.js';

/** What SARIF says about each rule; the CLI builds it from the rule registry and the core codes. */
export interface RuleMetadata {
  /** The diagnostic code, e.g. `rule/no-sensitive-leak` or `ref/unknown-step`. */
  id: string;
  description: string;
  defaultLevel: Severity;
  helpUri?: string;
  /** The rule's documentation as Markdown, for viewers that show help in place (`help.markdown`). */
  helpMarkdown?: string;
  /** Guards a credential or card data: tagged `security` with a `security-severity`, so code scanning ranks it as a vulnerability. */
  protectsCredential?: boolean;
}

export interface SarifOptions {
  toolVersion: string;
  informationUri: string;
  rules: readonly RuleMetadata[];
  /** The URI of a reported file: relative to the base folder where it is inside it, or undefined to use the file name as given. */
  uriOf?: (file: string) => ArtifactUri;
}

/** A relative URI is resolved against the `%SRCROOT%` base (the `--base` folder), an absolute one stands alone. */
export type ArtifactUri = { uri: string; uriBaseId?: string };

/**
 * GitHub shows a credential rule's alert as "high" (7.0-8.9): a leaked OTP or token is exploitable,
 * but only by someone who can read the recording or the repository.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
const CREDENTIAL_SECURITY_SEVERITY = '8.0';

/** GitHub code scanning shows at most this many results of a run (docs: SARIF upload limits). */
export const MAX_SARIF_RESULTS = 25_000;

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * that appear in the results, and each result located by a relative URI and a 1-based region.
 */
export function renderSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const kept = diagnostics.slice(0, MAX_SARIF_RESULTS);
  const uriOf = options.uriOf ?? ((file: string) => ({ uri: toUri(file) }));
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
        results: kept.map((diagnostic) => result(diagnostic, ruleIds.indexOf(diagnostic.code), uriOf)),
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
    help: {
      text: rule?.helpUri ? `${description} See ${rule.helpUri}` : description,
      ...(rule?.helpMarkdown ? { markdown: rule.helpMarkdown } : {}),
    },
    defaultConfiguration: { level: sarifLevel(rule?.defaultLevel ?? 'error') },
    ...(rule?.protectsCredential
      ? { properties: { tags: ['security', 'credential'], 'security-severity': CREDENTIAL_SECURITY_SEVERITY } }
      : {}),
  };
}

function result(diagnostic: Diagnostic, ruleIndex: number, uriOf: (file: string) => ArtifactUri) {
  const artifact = uriOf(diagnostic.file);
  return {
    ruleId: diagnostic.code,
    ruleIndex,
    level: sarifLevel(diagnostic.severity),
    message: { text: diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message },
    locations: [location(artifact, diagnostic.span)],
    partialFingerprints: { 'ivrflowSpecPath/v1': fingerprint(diagnostic, artifact.uri) },
    ...(diagnostic.related?.length
      ? {
          relatedLocations: diagnostic.related.map((related, index) => ({
            id: index + 1,
            ...location(uriOf(related.file), related.span),
            message: { text: related.message },
          })),
        }
      : {}),
  };
}

/**
 * Code scanning matches an alert across commits by its fingerprints. ivrflow knows where a problem is
 * in the spec's structure (the key path), which survives lines added above it, so that path, with
 * the rule and the file's URI (as the run names it), identifies the alert; the message is left out, as it may quote a value.
 */
function fingerprint(diagnostic: Diagnostic, uri: string): string {
  return createHash('sha256')
    .update(JSON.stringify([diagnostic.code, uri, diagnostic.path]))
    .digest('hex')
    .slice(0, 32);
}

function location(artifact: ArtifactUri, span: Diagnostic['span']) {
  const region = span
    ? {
        startLine: span.start.line,
        startColumn: span.start.column,
        endLine: span.end.line,
        endColumn: Math.max(span.end.column, span.start.column + (span.end.line === span.start.line ? 1 : 0)),
      }
    : { startLine: 1 };
  return { physicalLocation: { artifactLocation: artifact, region } };
}

/** Relative, forward slashes, percent-encoded where a URI needs it. */
export function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}
