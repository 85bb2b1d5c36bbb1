import type { SpecPath } from '../diagnostics/diagnostic.js';
import { isRefProblem, type FlowIndex } from '../flowspec/flow-index.js';
import { collectRefUses, type RefUse } from '../flowspec/ref-uses.js';

/** One place on the way of a value: where it was declared, copied, sent or read back. */
export interface TaintLink {
  message: string;
  path: SpecPath;
  onKey?: boolean;
}

export interface Taint {
  /** The variable the value comes from. */
  source: string;
  /** From the source's declaration to the last hop before the use that reads it. */
  trail: readonly TaintLink[];
}

export interface TaintedUse {
  use: RefUse;
  taint: Taint;
}

export interface TaintFacts {
  /** Every ref use that reads a tainted value, in document order. */
  uses: readonly TaintedUse[];
  /** The taint of a ref, or undefined when it is clean. */
  taintOf(ref: string): Taint | undefined;
}

export interface TaintOptions {
  /**
   * A non-verifier endpoint that receives a tainted value may answer with it (an echo, a lookup
   * keyed on it): its response fields are tainted too. Off to follow assignments only.
   */
  throughResponses: boolean;
}

/**
 * Where the values of `sources` can flow: a fixed point over every ref the spec reads. Flow
 * insensitive (the order of steps is ignored), so it over-approximates: a value that may reach a
 * place is treated as if it does. Each tainted name keeps the first path found to it.
 */
export function computeTaint(index: FlowIndex, sources: ReadonlyMap<string, TaintLink>, options: TaintOptions): TaintFacts {
  const state = new TaintState(index);
  for (const [variable, link] of sources) state.variables.set(variable, { source: variable, trail: [link] });
  const uses = collectRefUses(index.spec);
  let changed = true;
  while (changed) changed = uses.some((use) => state.propagate(use, options));
  // `some` stops at the first change so each round starts again from the top; the maps only grow.
  const tainted = uses.flatMap((use) => {
    const taint = state.taintOf(use.ref);
    return taint ? [{ use, taint }] : [];
  });
  return { uses: tainted, taintOf: (ref) => state.taintOf(ref) };
}

/** The sources of the leak analysis: every variable declared `sensitive: true`. */
export function sensitiveSources(index: FlowIndex): Map<string, TaintLink> {
  const sources = new Map<string, TaintLink>();
  for (const [name, variable] of Object.entries(index.spec.variables ?? {})) {
    if (variable.sensitive === true)
      sources.set(name, { message: `sensitive variable \`${name}\` is declared here`, path: ['variables', name], onKey: true });
  }
  return sources;
}

class TaintState {
  readonly variables = new Map<string, Taint>();
  private readonly endpoints = new Map<string, Taint>();

  constructor(private readonly index: FlowIndex) {}

  taintOf(ref: string): Taint | undefined {
    const resolved = this.index.resolveRef(ref);
    if (isRefProblem(resolved)) return undefined;
    switch (resolved.kind) {
      case 'call':
        return undefined;
      case 'variable':
        return this.variables.get(resolved.name);
      case 'result': {
        const taint = this.endpoints.get(resolved.endpoint);
        return (
          taint &&
          extend(taint, {
            message: `the answer of \`${resolved.endpoint}\` is read as \`${resolved.result}\` here`,
            path: ['steps', resolved.step, 'result'],
          })
        );
      }
    }
  }

  /** Apply one use; true when it tainted something new. */
  propagate(use: RefUse, options: TaintOptions): boolean {
    if (use.kind === 'assign' && !this.variables.has(use.variable)) {
      const taint = this.taintOf(use.ref);
      if (taint) this.variables.set(use.variable, extend(taint, { message: `copied into \`${use.variable}\` here`, path: use.path }));
      return taint !== undefined;
    }
    if (
      use.kind === 'requestBody' &&
      options.throughResponses &&
      !this.endpoints.has(use.endpoint) &&
      !isVerifier(this.index, use.endpoint)
    ) {
      const taint = this.taintOf(use.ref);
      if (taint)
        this.endpoints.set(
          use.endpoint,
          extend(taint, { message: `sent to endpoint \`${use.endpoint}\` as \`${use.field}\` here`, path: use.path }),
        );
      return taint !== undefined;
    }
    return false;
  }
}

function extend(taint: Taint, link: TaintLink): Taint {
  return { source: taint.source, trail: [...taint.trail, link] };
}

/** The credential verifier: the one endpoint allowed to receive a credential, and trusted not to echo it. */
export function isVerifier(index: FlowIndex, endpoint: string): boolean {
  const definition = Object.hasOwn(index.spec.endpoints ?? {}, endpoint) ? index.spec.endpoints![endpoint] : undefined;
  return definition?.verifiesCredential === true;
}
