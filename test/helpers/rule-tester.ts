import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RuleConfig } from '../../src/lint/config.js';
import type { TargetName } from '../../src/flowspec/targets.js';
import { checkSpec } from '../../src/pipeline.js';

export interface ExpectedReport {
  messageId: string;
  line: number;
  column: number;
  severity?: 'error' | 'warning';
}

export interface InvalidCase {
  name: string;
  spec: string;
  errors: ExpectedReport[];
  targets?: TargetName[];
  rules?: RuleConfig;
}

export interface ValidCase {
  name: string;
  spec: string;
  targets?: TargetName[];
}

/**
 * RuleTester in the typescript-eslint style: each case is a whole spec; assertions are on the
 * rule's messageId, line and column (and severity when given), never on the prose. Every case must
 * otherwise pass the schema and semantic checks, so the rule really ran.
 */
export function testRule(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${ruleId}`, () => {
    it.each(cases.valid)('accepts: $name', ({ spec, targets }) => {
      const diagnostics = run(spec, targets);
      expect(reports(diagnostics, ruleId)).toEqual([]);
    });
    it.each(cases.invalid)('reports: $name', ({ spec, errors, targets, rules }) => {
      const diagnostics = run(spec, targets, rules);
      const expected = errors.map((error) => ({ ...error, severity: error.severity ?? expect.any(String) }));
      expect(reports(diagnostics, ruleId)).toEqual(expected);
    });
  });
}

function run(spec: string, targets?: TargetName[], rules?: RuleConfig): Diagnostic[] {
  const { diagnostics } = checkSpec('spec.yaml', Buffer.from(spec), { ...(targets ? { targets } : {}), ...(rules ? { rules } : {}) });
  const blocking = diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !diagnostic.code.startsWith('rule/'));
  expect(
    blocking.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`),
    'the case must pass the earlier checks, or the rule never runs',
  ).toEqual([]);
  return diagnostics;
}

function reports(diagnostics: readonly Diagnostic[], ruleId: string): ExpectedReport[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.code === `rule/${ruleId}`)
    .map((diagnostic) => ({
      messageId: diagnostic.messageId ?? '',
      line: diagnostic.span?.start.line ?? 0,
      column: diagnostic.span?.start.column ?? 0,
      severity: diagnostic.severity as 'error' | 'warning',
    }));
}
