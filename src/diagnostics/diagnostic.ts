/** Diagnostics are data: every stage reports them through a sink and never throws for user errors. */

export type Severity = 'error' | 'warning' | 'info';

/** A point in a source file. `line` and `column` are 1-based; `offset` is 0-based, in UTF-16 units. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface SourceSpan {
  start: Position;
  end: Position;
}

/** Line 1, column 1: where a diagnostic about the file as a whole (unreadable, too large, empty) points. */
export const FILE_START: SourceSpan = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

/** Keys and indexes from the document root to a node, e.g. ['steps', 'collectOtp', 'timeoutSeconds']. */
export type SpecPath = readonly (string | number)[];

export interface RelatedLocation {
  message: string;
  file: string;
  path: SpecPath;
  span?: SourceSpan;
}

/** Codes of the checks built into the compiler. Policy rules report as `rule/<rule-id>`. */
export type CoreCode =
  | 'io/not-found'
  | 'io/not-a-file'
  | 'io/unreadable'
  | 'input/empty'
  | 'input/binary'
  | 'input/too-large'
  | 'input/limit'
  | 'yaml/syntax'
  | 'yaml/duplicate-key'
  | 'yaml/alias-limit'
  | 'yaml/multiple-documents'
  | 'yaml/forbidden-key'
  | 'yaml/unknown-tag'
  | 'yaml/directive'
  | IncludeCode
  | 'schema/version'
  | 'schema/required'
  | 'schema/unknown-key'
  | 'schema/type'
  | 'schema/enum'
  | 'schema/invalid'
  | 'ref/unknown-step'
  | 'ref/unknown-endpoint'
  | 'ref/unknown-secret'
  | 'ref/unknown-variable'
  | 'ref/unknown-queue'
  | 'ref/unknown-result'
  | 'ref/unknown-field'
  | 'ref/reserved-name'
  | 'ref/duplicate-result'
  | 'graph/unreachable-step'
  | 'graph/no-end'
  | 'graph/retry-exhausted-loops'
  | 'graph/retry-never-repeats'
  | 'graph/unreachable-choice'
  | 'graph/unreachable-outcome'
  | 'transfer/invalid-number'
  | 'prompt/template'
  | 'type/mismatch'
  | 'secure/not-sensitive-variable'
  | 'secure/sensitive-initial-value'
  | 'secure/missing-section'
  | 'secure/bypass'
  | 'secure/sensitive-export'
  | 'secure/unexported-value'
  | 'secure/unavailable-cycle'
  | 'secure/read-outside-section'
  | 'secure/reserved-placeholder'
  | 'secure/sensitive-output'
  | 'secure/identifier-used-as-credential'
  | 'spec/control-character'
  | 'spec/language'
  | 'secure/second-verifier'
  | 'secure/transfer-failure-path'
  | 'env/missing-value'
  | 'endpoint/invalid-url'
  | 'endpoint/insecure-url'
  | 'endpoint/body-not-allowed'
  | 'endpoint/path-parameter'
  | 'lint/rule-crashed'
  | 'lint/rule-override'
  | 'target/limit'
  | 'target/missing-name'
  | 'target/unescapable'
  | 'target/unsupported'
  | 'target/unfilled-placeholder'
  | 'target/credential-in-script'
  | 'target/tts-rewrite'
  | 'target/platform-repeats-request'
  | 'archy/error'
  | 'archy/warning'
  | 'scenario/version'
  | 'scenario/duplicate-name'
  | 'scenario/outcome'
  | 'scenario/unknown-name'
  | 'scenario/missing'
  | ContractCode
  | PublishCode;

/** A file named by a spec's `include:` that cannot be merged in (src/flowspec/include.ts). */
export type IncludeCode =
  | 'include/not-found'
  | 'include/unreadable'
  | 'include/outside-folder'
  | 'include/cycle'
  | 'include/depth'
  | 'include/invalid'
  | 'include/version'
  | 'include/duplicate-id';

/** What a platform said about a published artifact (`ivrflow publish`), at the spec step that produced it. */
export type PublishCode = 'publish/rejected' | 'publish/warning' | 'publish/job-failed';

/** What `ivrflow contract` finds in a live backend, reported at the spec position of the field or check. */
export type ContractCode =
  | 'contract/unreachable'
  | 'contract/not-json'
  | 'contract/rejected-valid'
  | 'contract/missing-field'
  | 'contract/wrong-type'
  | 'contract/success-never-matches'
  | 'contract/wrong-credential-accepted'
  | 'contract/bearer-not-checked'
  | 'contract/stale-accepted'
  | 'contract/replay-accepted'
  | 'contract/bad-input-crash'
  | 'contract/bad-input-accepted'
  | 'contract/latency'
  | 'contract/no-request'
  | 'contract/credential-leak'
  | 'contract/echoes-credential';

export type DiagnosticCode = CoreCode | `rule/${string}`;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence; names the offending value in backticks. */
  message: string;
  /** The spec file as the user named it (never made absolute). */
  file: string;
  path: SpecPath;
  span?: SourceSpan;
  /** What to do about it. */
  hint?: string;
  related?: readonly RelatedLocation[];
  /** For policy rules: which of the rule's messages this is (tests assert it, not the prose). */
  messageId?: string;
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(isError);
}
