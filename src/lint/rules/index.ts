import type { Rule } from '../rule.js';
import { httpTimeout } from './http-timeout.js';
import { noCardData } from './no-card-data.js';
import { noLiteralSecret } from './no-literal-secret.js';
import { noSensitiveLeak } from './no-sensitive-leak.js';
import { replayProtection } from './replay-protection.js';
import { sensitiveGather } from './sensitive-gather.js';

/** Every policy rule, alphabetically by id. Explicit imports: a rule file that is not listed here does not run. */
export const RULES: readonly Rule[] = [httpTimeout, noCardData, noLiteralSecret, noSensitiveLeak, replayProtection, sensitiveGather];
