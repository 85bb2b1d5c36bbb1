import type { SpecPath } from '../diagnostics/diagnostic.js';
import { isRefProblem, type FlowIndex } from './flow-index.js';
import { collectRefUses, type RefUse } from './ref-uses.js';
import { ownEntry } from '../util/own.js';
import { memoizeForLast } from '../util/memo.js';

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
 * Where the values of `sources` can flow. Flow insensitive (the order of steps is ignored), so it
 * over-approximates: a value that may reach a place is treated as if it does. One breadth-first
 * walk over the copies (assignments, and endpoints that may answer with what they were sent), so it
 * is linear in the uses; each tainted name keeps the first path found to it.
 */
export function computeTaint(index: FlowIndex, sources: ReadonlyMap<string, TaintLink>, options: TaintOptions): TaintFacts {
  const state = new TaintState(index);
  const uses = collectRefUses(index.spec);
  const copies = copiesByOrigin(index, uses, options);
  const pending: string[] = [];
  for (const [variable, link] of sources) {
    state.variables.set(variable, { source: variable, trail: [link] });
    pending.push(`var:${variable}`);
  }
  for (let head = 0; head < pending.length; head++)
    for (const use of copies.get(pending[head]!) ?? []) {
      const tainted = state.propagate(use);
      if (tainted) pending.push(tainted);
    }
  const tainted = uses.flatMap((use) => {
    const taint = state.taintOf(use.ref);
    return taint ? [{ use, taint }] : [];
  });
  return { uses: tainted, taintOf: (ref) => state.taintOf(ref) };
}

type CopyUse = Extract<RefUse, { kind: 'assign' | 'requestBody' | 'urlParameter' }>;

/** The uses that copy a value somewhere, by the key of what they read (`var:<name>`, `endpoint:<id>`). */
function copiesByOrigin(index: FlowIndex, uses: readonly RefUse[], options: TaintOptions): Map<string, CopyUse[]> {
  const copies = new Map<string, CopyUse[]>();
  for (const use of uses) {
    const sent = use.kind === 'requestBody' || use.kind === 'urlParameter';
    const isCopy = use.kind === 'assign' || (sent && options.throughResponses && !isVerifier(index, use.endpoint));
    const key = isCopy ? keyOfRef(index, use.ref) : undefined;
    if (key === undefined) continue;
    const list = copies.get(key);
    if (list) list.push(use as CopyUse);
    else copies.set(key, [use as CopyUse]);
  }
  return copies;
}

/** What a ref reads, as a taint key: a variable, or the answer of an endpoint. Call data is never tainted. */
function keyOfRef(index: FlowIndex, ref: string): string | undefined {
  const resolved = index.resolveRef(ref);
  if (isRefProblem(resolved) || resolved.kind === 'call') return undefined;
  return resolved.kind === 'variable' ? `var:${resolved.name}` : `endpoint:${resolved.endpoint}`;
}

/**
 * Where the credentials flow, through assignments and the answers of non-verifier endpoints:
 * computed once per flow, since the secure checks, the URL checks and the policy rules all ask.
 */
export const sensitiveTaint: (index: FlowIndex) => TaintFacts = memoizeForLast((index: FlowIndex) =>
  computeTaint(index, sensitiveSources(index), { throughResponses: true }),
);

/** The sources of the leak analysis: every credential, declared `sensitive: true` or recognised by its use (credentials.ts). */
export function sensitiveSources(index: FlowIndex): Map<string, TaintLink> {
  const sources = new Map<string, TaintLink>();
  for (const name of Object.keys(index.spec.variables ?? {})) {
    if (!index.isCredential(name)) continue;
    const recognised = index.credentialFacts.undeclared.get(name);
    sources.set(
      name,
      recognised
        ? { message: `\`${name}\` holds a credential: ${recognised.message}`, path: recognised.path }
        : { message: `sensitive variable \`${name}\` is declared here`, path: ['variables', name], onKey: true },
    );
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

  /** Apply one copy of a tainted value; the key of what it newly tainted, if anything. */
  propagate(use: CopyUse): string | undefined {
    const taint = this.taintOf(use.ref);
    if (!taint) return undefined;
    if (use.kind === 'assign') {
      if (this.variables.has(use.variable)) return undefined;
      this.variables.set(use.variable, extend(taint, { message: `copied into \`${use.variable}\` here`, path: use.path }));
      return `var:${use.variable}`;
    }
    if (this.endpoints.has(use.endpoint)) return undefined;
    this.endpoints.set(
      use.endpoint,
      extend(taint, { message: `sent to endpoint \`${use.endpoint}\` as \`${use.field}\` here`, path: use.path }),
    );
    return `endpoint:${use.endpoint}`;
  }
}

function extend(taint: Taint, link: TaintLink): Taint {
  return { source: taint.source, trail: [...taint.trail, link] };
}

/** The credential verifier: the one endpoint allowed to receive a credential, and trusted not to echo it. */
export function isVerifier(index: FlowIndex, endpoint: string): boolean {
  const definition = ownEntry(index.spec.endpoints, endpoint);
  return definition?.verifiesCredential === true;
}
