/**
 * The suite's second fuzz file: the property of fuzz.test.ts on other mutants (the next seed, as the
 * second worker of `npm run fuzz` draws them), in its own file so vitest runs the two on both cores.
 * A campaign runs only fuzz.test.ts, once per worker.
 */
import { describeFuzz, SUITE_RUNS, SUITE_SEED } from './property.js';

describeFuzz({ runs: SUITE_RUNS, seed: SUITE_SEED + 1, campaign: false });
