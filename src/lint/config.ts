/** How a project tunes a rule: its level, and for credential rules turned down, why. */
export type RuleLevel = 'error' | 'warning' | 'off';

export interface RuleSetting {
  level: RuleLevel;
  /** Required when a rule that protects a credential is turned off or down; echoed in the output. */
  reason?: string;
}

/** Rule id → setting. Rules not listed run at their default severity. */
export type RuleConfig = ReadonlyMap<string, RuleSetting>;
