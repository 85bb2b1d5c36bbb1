import type { Rule } from '../rule.js';
import { authenticatedPriority } from './authenticated-priority.js';
import { boundedRetry } from './bounded-retry.js';
import { defensiveResponseCheck } from './defensive-response-check.js';
import { dtmfTerminator } from './dtmf-terminator.js';
import { everyPathEnds } from './every-path-ends.js';
import { httpOutcomesHandled } from './http-outcomes-handled.js';
import { httpTimeout } from './http-timeout.js';
import { identicalBranches } from './identical-branches.js';
import { noCardData } from './no-card-data.js';
import { noLiteralSecret } from './no-literal-secret.js';
import { noSensitiveLeak } from './no-sensitive-leak.js';
import { replayProtection } from './replay-protection.js';
import { sensitiveGather } from './sensitive-gather.js';
import { unusedDeclaration } from './unused-declaration.js';

/** Every policy rule, alphabetically by id. Explicit imports: a rule file that is not listed here does not run. */
export const RULES: readonly Rule[] = [
  authenticatedPriority,
  boundedRetry,
  defensiveResponseCheck,
  dtmfTerminator,
  everyPathEnds,
  httpOutcomesHandled,
  httpTimeout,
  identicalBranches,
  noCardData,
  noLiteralSecret,
  noSensitiveLeak,
  replayProtection,
  sensitiveGather,
  unusedDeclaration,
];
