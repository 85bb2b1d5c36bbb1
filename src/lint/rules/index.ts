import type { Rule } from '../rule.js';
import { httpTimeout } from './http-timeout.js';

/** Every policy rule, alphabetically by id. Explicit imports: a rule file that is not listed here does not run. */
export const RULES: readonly Rule[] = [httpTimeout];
