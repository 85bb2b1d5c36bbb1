import type { FlowIndex } from '../spec/flow-index.js';
import { unboundedCycles } from './cycles.js';
import { computeTaint, sensitiveSources, type TaintFacts } from './taint.js';

/**
 * Facts several rules need, computed lazily and at most once per spec. Add an analysis here
 * (a getter that caches) rather than recomputing it inside a rule.
 */
export class LintAnalysis {
  private predecessorsCache?: ReadonlyMap<string, readonly string[]>;
  private taintCache?: TaintFacts;
  private cyclesCache?: readonly (readonly string[])[];

  constructor(private readonly index: FlowIndex) {}

  /** For each step, the steps with a transition to it. */
  get predecessors(): ReadonlyMap<string, readonly string[]> {
    if (!this.predecessorsCache) {
      const map = new Map<string, string[]>();
      for (const id of this.index.steps.keys()) for (const edge of this.index.edges(id)) map.set(edge.to, [...(map.get(edge.to) ?? []), id]);
      this.predecessorsCache = map;
    }
    return this.predecessorsCache;
  }

  /** Where the sensitive variables flow: through assignments and the answers of non-verifier endpoints. */
  get taint(): TaintFacts {
    this.taintCache ??= computeTaint(this.index, sensitiveSources(this.index), { throughResponses: true });
    return this.taintCache;
  }

  /** Loops of the step graph that pass through no retry step, each in spec order. */
  get unboundedCycles(): readonly (readonly string[])[] {
    this.cyclesCache ??= unboundedCycles(this.index);
    return this.cyclesCache;
  }
}
