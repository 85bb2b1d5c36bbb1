import type { SpecPath } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { RuleConfig, RuleLevel, RuleSetting } from './config.js';
import type { Rule } from './rule.js';

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'off'];

export interface ConfigProblem {
  message: string;
  path: SpecPath;
  /** Point at the key rather than the value. */
  onKey?: boolean;
  hint?: string;
}

/** A credential rule turned off or down: reviewers see it in every report. */
export interface CredentialOverride {
  rule: string;
  level: RuleLevel;
  reason: string;
}

export interface LoadedRuleConfig {
  config: RuleConfig;
  overrides: CredentialOverride[];
  problems: ConfigProblem[];
}

/**
 * Read `ivrflow.config.yaml` data: `rules: { <id>: <level> | { level, reason } }`. Turning off or
 * down a rule that protects a credential is refused without a `reason`.
 */
export function parseRuleConfig(data: unknown, rules: readonly Rule[]): LoadedRuleConfig {
  const result: LoadedRuleConfig = { config: new Map(), overrides: [], problems: [] };
  if (data === null || data === undefined) return result;
  if (!isRecord(data)) return { ...result, problems: [{ message: 'The configuration must be a mapping with a `rules` key.', path: [] }] };
  for (const key of Object.keys(data))
    if (key !== 'rules')
      result.problems.push({
        message: `Unknown key \`${key}\`.`,
        path: [key],
        onKey: true,
        hint: didYouMean(key, ['rules']) ?? 'The only key is `rules`.',
      });
  const entries = data['rules'] ?? {};
  if (!isRecord(entries))
    return { ...result, problems: [...result.problems, { message: '`rules` must map rule ids to levels.', path: ['rules'] }] };
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const settings = new Map<string, RuleSetting>();
  for (const [id, value] of Object.entries(entries)) {
    const rule = byId.get(id);
    if (!rule) {
      result.problems.push({
        message: `Unknown rule \`${id}\`.`,
        path: ['rules', id],
        onKey: true,
        hint: didYouMean(id, byId.keys()) ?? 'Run `ivrflow rules` for the list.',
      });
      continue;
    }
    const setting = parseSetting(value, ['rules', id], result.problems);
    if (!setting) continue;
    if (lowersCredentialRule(rule, setting.level)) {
      if (!setting.reason) {
        result.problems.push({
          message: `Rule \`${id}\` protects credentials: turning it ${setting.level === 'off' ? 'off' : 'down'} needs a \`reason\`.`,
          path: ['rules', id],
          onKey: true,
          hint: `Write \`${id}: { level: ${setting.level}, reason: "<why, with a ticket>" }\`.`,
        });
        continue;
      }
      result.overrides.push({ rule: id, level: setting.level, reason: setting.reason });
    }
    settings.set(id, setting);
  }
  return { ...result, config: settings };
}

function parseSetting(value: unknown, path: SpecPath, problems: ConfigProblem[]): RuleSetting | undefined {
  if (typeof value === 'string') return isLevel(value) ? { level: value } : reportLevel(value, path, problems);
  if (!isRecord(value)) {
    problems.push({ message: 'A rule setting is a level (`error`, `warning`, `off`) or `{ level, reason }`.', path });
    return undefined;
  }
  for (const key of Object.keys(value))
    if (key !== 'level' && key !== 'reason')
      problems.push({
        message: `Unknown key \`${key}\`.`,
        path: [...path, key],
        onKey: true,
        hint: didYouMean(key, ['level', 'reason']) ?? 'Keys: level, reason.',
      });
  const level = value['level'];
  if (typeof level !== 'string' || !isLevel(level)) return reportLevel(String(level), [...path, 'level'], problems);
  const reason = value['reason'];
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim() === '')) {
    problems.push({ message: '`reason` must be a non-empty text.', path: [...path, 'reason'] });
    return undefined;
  }
  return reason === undefined ? { level } : { level, reason: reason.trim() };
}

function reportLevel(value: string, path: SpecPath, problems: ConfigProblem[]): undefined {
  problems.push({ message: `\`${value}\` is not a level; use error, warning or off.`, path, hint: didYouMean(value, LEVELS) });
  return undefined;
}

function lowersCredentialRule(rule: Rule, level: RuleLevel): boolean {
  return rule.protectsCredential && (level === 'off' || (level === 'warning' && rule.severity === 'error'));
}

function isLevel(value: string): value is RuleLevel {
  return (LEVELS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
