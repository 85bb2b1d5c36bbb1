import { describeSamples } from './string-fields/judge.js';

/** The other half of string-fields.test.ts's samples, in a file of its own so that vitest runs both halves at once. */
describeSamples(1);
