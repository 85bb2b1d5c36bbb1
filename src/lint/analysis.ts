import type { FlowIndex } from '../flowspec/flow-index.js';
import { unboundedCycles } from './cycles.js';
import { sensitiveTaint, type TaintFacts } from '../flowspec/taint.js';

/**
 * Facts several rules need, computed lazily and at most once per spec. Add an analysis here
 * (a getter that caches) rather than recomputing it inside a rule.
 */
export class LintAnalysis {
  private cyclesCache?: readonly (readonly string[])[];

  constructor(private readonly index: FlowIndex) {}

  /** Where the sensitive variables flow: through assignments and the answers of non-verifier endpoints. */
  get taint(): TaintFacts {
    return sensitiveTaint(this.index);
  }

  /** Loops of the step graph that pass through no retry step, each in spec order. */
  get unboundedCycles(): readonly (readonly string[])[] {
    this.cyclesCache ??= unboundedCycles(this.index);
    return this.cyclesCache;
  }
}
