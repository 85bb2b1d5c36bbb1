import { describe, expect, it } from 'vitest';
import { parseRuleConfig } from '../../src/lint/load-config.js';
import { RULES } from '../../src/lint/rules/index.js';

describe('rule configuration', () => {
  it('reads levels in the short and the long form', () => {
    const loaded = parseRuleConfig({ rules: { 'http-timeout': 'warning', 'replay-protection': { level: 'off' } } }, RULES);
    expect(loaded.problems).toEqual([]);
    expect([...loaded.config]).toEqual([
      ['http-timeout', { level: 'warning' }],
      ['replay-protection', { level: 'off' }],
    ]);
    expect(loaded.overrides).toEqual([]);
  });

  it('refuses to turn a credential rule off or down without a reason', () => {
    for (const level of ['off', 'warning']) {
      const loaded = parseRuleConfig({ rules: { 'no-sensitive-leak': level } }, RULES);
      expect(loaded.problems.map((problem) => problem.path)).toEqual([['rules', 'no-sensitive-leak']]);
      expect(loaded.config.has('no-sensitive-leak')).toBe(false);
    }
  });

  it('accepts it with a reason, and lists it as an override to echo', () => {
    const loaded = parseRuleConfig({ rules: { 'no-sensitive-leak': { level: 'off', reason: ' Synthetic data only (SEC-1) ' } } }, RULES);
    expect(loaded.problems).toEqual([]);
    expect(loaded.overrides).toEqual([{ rule: 'no-sensitive-leak', level: 'off', reason: 'Synthetic data only (SEC-1)' }]);
  });

  it('reports unknown rules, keys and levels with a suggestion', () => {
    const loaded = parseRuleConfig(
      { rule: {}, rules: { 'http-timout': 'off', 'http-timeout': 'warn', 'replay-protection': { level: 'off', resaon: 'x' } } },
      RULES,
    );
    expect(loaded.problems.map((problem) => [problem.path.join('.'), problem.hint])).toEqual([
      ['rule', 'Did you mean `rules`?'],
      ['rules.http-timout', 'Did you mean `http-timeout`?'],
      ['rules.http-timeout', 'Did you mean `warning`?'],
      ['rules.replay-protection.resaon', 'Did you mean `reason`?'],
    ]);
  });
});
