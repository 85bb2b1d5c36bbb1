import type { DiagnosticCode } from '../diagnostics/diagnostic.js';
import { didYouMean, SuggestionBudget } from '../diagnostics/suggest.js';
import { stronglyConnected } from '../util/strongly-connected.js';
import { recogniseCredentials, type CredentialFacts } from './credentials.js';
import { CALL_FIELDS, isCallField, type ResolvedRef } from './refs.js';
import { stepTransitions, type Transition } from './transitions.js';
import { responseFieldType, responseFieldsOf, type FlowSpec, type StepSpec } from './types.js';
import { ownEntry } from '../util/own.js';

export interface RefProblem {
  code: DiagnosticCode;
  message: string;
  hint?: string;
  /** Caused by a problem reported elsewhere (the result's endpoint is unknown): not reported again. */
  consequential?: boolean;
}

export interface ResultSource {
  step: string;
  endpoint: string;
}

/**
 * Built once from a schema-valid spec: steps by id, edges, reachability, result names and ref
 * resolution. The semantic checks, the policy rules and the lowering all read the flow through it.
 */
export class FlowIndex {
  readonly steps: ReadonlyMap<string, StepSpec>;
  /**
   * The same steps as id and step pairs, in spec order, listed once: a loop over them allocates
   * nothing, where each `Object.entries` of the steps or walk of the map's entries makes a pair per step.
   */
  readonly stepEntries: readonly (readonly [string, StepSpec])[];
  readonly results: ReadonlyMap<string, ResultSource>;
  readonly reachable: ReadonlySet<string>;
  /** Steps of the secure section: every step reachable from `secure.entry`. Empty without one. */
  readonly secureSteps: ReadonlySet<string>;
  /** The variables that hold a credential, declared or recognised by their use (credentials.ts). */
  readonly credentialFacts: CredentialFacts;
  private predecessorsCache?: ReadonlyMap<string, readonly string[]>;
  private componentsCache?: ReadonlyMap<string, number>;
  private retryLoopsCache?: ReadonlyMap<string, RetryLoop>;
  private retryOfStepCache?: ReadonlyMap<string, string>;
  /** Shared by every "did you mean" of unresolved refs, so thousands of them stay linear. */
  private readonly suggestions = new SuggestionBudget();
  private readonly resolvedRefs = new Map<string, ResolvedRef | RefProblem>();
  private readonly stepsOfTypeCache = new Map<StepSpec['type'], (readonly [string, StepSpec])[]>();
  private readonly edgesCache = new Map<string, readonly Transition[]>();

  constructor(readonly spec: FlowSpec) {
    this.stepEntries = Object.entries(spec.steps);
    this.steps = new Map(this.stepEntries);
    this.results = collectResults(this.stepEntries);
    this.reachable = this.reachableFrom(spec.start);
    // The way out when the secure section cannot be entered runs wherever its entry is reached from.
    if (spec.secure && this.reachable.has(spec.secure.entry))
      for (const id of this.reachableFrom(spec.secure.onUnavailable)) (this.reachable as Set<string>).add(id);
    this.secureSteps = spec.secure && this.steps.has(spec.secure.entry) ? this.reachableFrom(spec.secure.entry) : new Set();
    this.credentialFacts = recogniseCredentials(spec);
  }

  /** Whether a variable holds a credential: declared sensitive, or used like one. */
  isCredential(name: string): boolean {
    return this.credentialFacts.credentials.has(name);
  }

  step(id: string): StepSpec | undefined {
    return this.steps.get(id);
  }

  /** The steps of one type, in spec order, typed for it. Listed for every type in one pass: most checks and rules ask for one. */
  stepsOfType<T extends StepSpec['type']>(type: T): readonly [string, Extract<StepSpec, { type: T }>][] {
    if (this.stepsOfTypeCache.size === 0) {
      for (const entry of this.stepEntries) {
        const steps = this.stepsOfTypeCache.get(entry[1].type);
        if (steps === undefined) this.stepsOfTypeCache.set(entry[1].type, [entry]);
        else steps.push(entry);
      }
    }
    return (this.stepsOfTypeCache.get(type) ?? NO_STEPS_OF_TYPE) as [string, Extract<StepSpec, { type: T }>][];
  }

  /** Transitions to steps that exist (unknown targets are reported by the reference check); listed once per step. */
  edges(id: string): readonly Transition[] {
    let edges = this.edgesCache.get(id);
    if (edges === undefined) {
      const step = this.steps.get(id);
      edges = step ? stepTransitions(step).filter((transition) => this.steps.has(transition.to)) : [];
      this.edgesCache.set(id, edges);
    }
    return edges;
  }

  /**
   * Every step reachable from `from` (itself included), never entering `avoid`, following only the
   * transitions `follow` accepts (all of them by default).
   */
  reachableFrom(
    from: string,
    avoid: ReadonlySet<string> = NO_STEPS,
    follow: (from: string, edge: Transition) => boolean = ANY_EDGE,
  ): Set<string> {
    const seen = new Set<string>();
    const pending = this.steps.has(from) && !avoid.has(from) ? [from] : [];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of this.edges(id)) if (!avoid.has(edge.to) && !seen.has(edge.to) && follow(id, edge)) pending.push(edge.to);
    }
    return seen;
  }

  /** For each step, the steps with a transition to it. */
  get predecessors(): ReadonlyMap<string, readonly string[]> {
    if (!this.predecessorsCache) {
      const map = new Map<string, string[]>();
      for (const id of this.steps.keys())
        for (const edge of this.edges(id)) {
          const list = map.get(edge.to);
          if (list) list.push(id);
          else map.set(edge.to, [id]);
        }
      this.predecessorsCache = map;
    }
    return this.predecessorsCache;
  }

  /** The strongly connected component of each step (retries included): two steps share one when each reaches the other. */
  get components(): ReadonlyMap<string, number> {
    if (!this.componentsCache) {
      const componentOf = new Map<string, number>();
      const components = stronglyConnected([...this.steps.keys()], (id) => this.edges(id).map((edge) => edge.to));
      components.forEach((members, number) => {
        for (const id of members) componentOf.set(id, number);
      });
      this.componentsCache = componentOf;
    }
    return this.componentsCache;
  }

  /**
   * For every retry, the loop of its attempts: computed once for the whole flow. A step that leads
   * back to a retry shares its strongly connected component, and so does every step on the way, so
   * each walk stays inside one component and the total is linear for flows of separate retries.
   */
  get retryLoops(): ReadonlyMap<string, RetryLoop> {
    if (!this.retryLoopsCache) {
      const loops = new Map<string, RetryLoop>();
      for (const [id, step] of this.stepsOfType('retry')) loops.set(id, this.loopOf(id, step.body));
      this.retryLoopsCache = loops;
    }
    return this.retryLoopsCache;
  }

  /** The retry whose attempts can come back through the step, if any (the first listed in the spec). */
  retryContaining(stepId: string): string | undefined {
    if (!this.retryOfStepCache) {
      const retryOf = new Map<string, string>();
      for (const [id, loop] of this.retryLoops) for (const member of loop.steps) if (!retryOf.has(member)) retryOf.set(member, id);
      this.retryOfStepCache = retryOf;
    }
    return this.retryOfStepCache.get(stepId);
  }

  /** Whether `to` can be reached from `from` and back: both lie on one loop (or are the same step). */
  sameLoop(from: string, to: string): boolean {
    const component = this.components.get(from);
    return component !== undefined && component === this.components.get(to);
  }

  private loopOf(retryId: string, body: string): RetryLoop {
    const component = this.components.get(retryId);
    const steps = this.reachableFrom(body, new Set([retryId]), (_, edge) => this.components.get(edge.to) === component);
    if (!this.sameLoop(retryId, body)) steps.clear();
    const repeatsFrom = [...new Set(this.predecessors.get(retryId))].filter((id) => steps.has(id));
    return { steps, repeatsFrom };
  }

  /**
   * What a ref names, or why it names nothing. Remembered per ref: the checks, the rules, the taint
   * analysis and the lowering each resolve every ref of the flow. The answer is frozen, because the
   * IR holds it and one answer is shared by every read of the ref.
   */
  resolveRef(ref: string): ResolvedRef | RefProblem {
    let resolved = this.resolvedRefs.get(ref);
    if (resolved === undefined) this.resolvedRefs.set(ref, (resolved = Object.freeze(this.resolveUncached(ref))));
    return resolved;
  }

  private resolveUncached(ref: string): ResolvedRef | RefProblem {
    const [head = '', field] = ref.split('.');
    if (head === 'call') {
      if (field !== undefined && isCallField(field)) return { kind: 'call', field, type: 'string' };
      return {
        code: 'ref/unknown-field',
        message: `\`${ref}\` is not call data.`,
        hint:
          didYouMean(field ?? '', Object.keys(CALL_FIELDS), this.suggestions) ??
          `Call data: ${Object.keys(CALL_FIELDS)
            .map((name) => `call.${name}`)
            .join(', ')}.`,
      };
    }
    if (field === undefined) return this.resolveVariable(head);
    return this.resolveResultField(head, field);
  }

  private resolveVariable(name: string): ResolvedRef | RefProblem {
    const variable = this.spec.variables?.[name];
    if (variable && Object.hasOwn(this.spec.variables!, name))
      return { kind: 'variable', name, type: variable.type, sensitive: this.isCredential(name) };
    const hint = this.results.has(name)
      ? `\`${name}\` is an http result: read one of its fields, e.g. \`${name}.<field>\`.`
      : (didYouMean(name, Object.keys(this.spec.variables ?? {}), this.suggestions) ?? 'Declare it under `variables`.');
    return { code: 'ref/unknown-variable', message: `Unknown variable \`${name}\`.`, hint };
  }

  private resolveResultField(result: string, field: string): ResolvedRef | RefProblem {
    const source = this.results.get(result);
    if (!source)
      return {
        code: 'ref/unknown-result',
        message: `No http step has the result name \`${result}\`.`,
        hint: didYouMean(result, this.results.keys(), this.suggestions) ?? 'Set `result:` on the http step whose answer you read.',
      };
    const endpoint = ownEntry(this.spec.endpoints, source.endpoint);
    if (!endpoint)
      return { code: 'ref/unknown-endpoint', message: `Result \`${result}\` comes from an unknown endpoint.`, consequential: true };
    const type = responseFieldType(endpoint, field);
    if (!type) {
      const fields = Object.keys(responseFieldsOf(endpoint));
      return {
        code: 'ref/unknown-field',
        message: `The response of endpoint \`${source.endpoint}\` declares no field \`${field}\`.`,
        hint: didYouMean(field, fields, this.suggestions) ?? `Declared fields: ${fields.join(', ')}.`,
      };
    }
    return { kind: 'result', result, field, step: source.step, endpoint: source.endpoint, type };
  }
}

const NO_STEPS_OF_TYPE: readonly (readonly [string, StepSpec])[] = [];

/** `reachableFrom`'s defaults, shared: it runs a dozen times per flow. */
const NO_STEPS: ReadonlySet<string> = new Set();
const ANY_EDGE = (): boolean => true;

/** The part of a retry's attempt that can start another attempt. */
export interface RetryLoop {
  /** Steps reachable from the body, without passing through the retry, that can lead back to it. */
  steps: ReadonlySet<string>;
  /** The steps of `steps` with a transition back to the retry, in spec order: each starts the next attempt. */
  repeatsFrom: readonly string[];
}

export function isRefProblem(value: ResolvedRef | RefProblem): value is RefProblem {
  return 'code' in value;
}

function collectResults(steps: readonly (readonly [string, StepSpec])[]): Map<string, ResultSource> {
  const results = new Map<string, ResultSource>();
  for (const [id, step] of steps) {
    if (step.type !== 'http' || results.has(step.result)) continue;
    results.set(step.result, { step: id, endpoint: step.endpoint });
  }
  return results;
}
