import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { FlowIndex } from '../flowspec/flow-index.js';
import type { FlowSpec } from '../flowspec/types.js';
import type { LintAnalysis } from './analysis.js';
import { packageFileUrl } from '../util/package-info.js';

export type RuleSeverity = 'error' | 'warning';

export interface ReportOptions {
  /** Point at the key of the last path segment rather than its value. */
  onKey?: boolean;
  hint?: string;
  /** Report this one as a warning even when the rule is an error (a softer case of the same rule). */
  severity?: 'warning';
  /** Other places that explain the problem: a taint path's source and hops, a first definition. */
  related?: readonly { message: string; path: SpecPath; onKey?: boolean }[];
}

export interface RuleContext<MessageId extends string> {
  spec: FlowSpec;
  index: FlowIndex;
  /** Analyses shared by several rules, computed once per spec on first use. */
  analysis: LintAnalysis;
  /** Report a problem: `{{name}}` in the message is replaced from `data`. */
  report(messageId: MessageId, path: SpecPath, data?: Record<string, string | number>, options?: ReportOptions): void;
}

export interface Rule<MessageId extends string = string> {
  /** Equals the file name under src/lint/rules/ and the doc page docs/rules/<id>.md. */
  id: string;
  severity: RuleSeverity;
  /** One line, shown by `ivrflow rules` and in SARIF. */
  description: string;
  /** Guards a credential or card data: turning it off or down needs a `reason` in the config. */
  protectsCredential: boolean;
  messages: Record<MessageId, string>;
  check(context: RuleContext<MessageId>): void;
}

/** Typed identity: keeps each rule's message ids checked against its `messages`. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The rule's documentation page, relative to the package root (it ships in the package). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The rule's documentation at the installed version (SARIF `helpUri`, `ivrflow rules`). */
export function ruleDocUrl(id: string): string {
  return packageFileUrl(ruleDocPath(id));
}
