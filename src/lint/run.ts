import type { FlowIndex } from '../flowspec/flow-index.js';
import type { DiagnosticSink } from '../flowspec/source.js';
import type { FlowSpec } from '../flowspec/types.js';
import { LintAnalysis } from './analysis.js';
import type { RuleConfig } from './config.js';
import { formatMessage, type Rule, type RuleContext } from './rule.js';
import { RULES } from './rules/index.js';

export interface LintOptions {
  config?: RuleConfig;
  /** The rules to run; the registry by default. */
  rules?: readonly Rule[];
}

/**
 * Run every enabled policy rule on a spec that passed the semantic checks. A rule that throws is a
 * bug in ivrflow: it is reported as a diagnostic and the other rules still run.
 */
export function lintSpec(spec: FlowSpec, index: FlowIndex, sink: DiagnosticSink, options: LintOptions = {}): void {
  const analysis = new LintAnalysis(index);
  for (const rule of options.rules ?? RULES) {
    const level = options.config?.get(rule.id)?.level ?? rule.severity;
    if (level === 'off') continue;
    try {
      rule.check(contextFor(rule, level, { spec, index, analysis, sink }));
    } catch (error) {
      sink.report({
        code: 'lint/rule-crashed',
        message: `Rule \`${rule.id}\` failed: ${error instanceof Error ? error.message : String(error)}. This is a bug in ivrflow.`,
        path: [],
        hint: 'Please report it with this spec; turn the rule off in ivrflow.config.yaml meanwhile.',
      });
    }
  }
}

interface ContextParts {
  spec: FlowSpec;
  index: FlowIndex;
  analysis: LintAnalysis;
  sink: DiagnosticSink;
}

function contextFor(rule: Rule, level: 'error' | 'warning', parts: ContextParts): RuleContext<string> {
  return {
    spec: parts.spec,
    index: parts.index,
    analysis: parts.analysis,
    report(messageId, path, data, options = {}) {
      parts.sink.report({
        code: `rule/${rule.id}`,
        severity: options.severity ?? level,
        messageId,
        message: formatMessage(rule.messages[messageId] ?? messageId, data),
        path,
        ...(options.onKey ? { onKey: true } : {}),
        ...(options.hint ? { hint: options.hint } : {}),
        ...(options.related ? { related: options.related } : {}),
      });
    },
  };
}
