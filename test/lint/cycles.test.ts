/**
 * unboundedCycles walks again only the steps that lie on a loop of the whole step graph (the
 * index's components). It must find what Tarjan's algorithm finds over every step but the
 * retries: the same loops, each in spec order, listed in the spec order of their first steps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowIndex } from '../../src/flowspec/flow-index.js';
import type { FlowSpec, StepSpec } from '../../src/flowspec/types.js';
import { unboundedCycles } from '../../src/lint/cycles.js';
import { stronglyConnected } from '../../src/util/strongly-connected.js';

/** The loops by their definition: the components, with more than one step or an edge to itself, of the graph without retries. */
function loopsWithoutRetries(index: FlowIndex): string[][] {
  const order = [...index.steps.keys()];
  const kept = order.filter((id) => index.steps.get(id)!.type !== 'retry');
  const successors = (id: string) =>
    index
      .edges(id)
      .map((edge) => edge.to)
      .filter((to) => kept.includes(to));
  return stronglyConnected(kept, successors)
    .filter((component) => component.length > 1 || successors(component[0]!).includes(component[0]!))
    .map((component) => component.sort((a, b) => order.indexOf(a) - order.indexOf(b)))
    .sort((a, b) => order.indexOf(a[0]!) - order.indexOf(b[0]!));
}

/** A step of each kind that has one, two or three transitions, to the step numbers given. */
function step(kind: number, to: readonly number[]): StepSpec {
  const id = (at: number) => `s${to[at % to.length]}`;
  if (kind === 0) return { type: 'play', prompt: 'Hello.', next: id(0) };
  if (kind === 1) return { type: 'retry', maxAttempts: 3, body: id(0), onExhausted: id(1) };
  if (kind === 2) return { type: 'condition', if: { ref: 'call.ani', exists: true }, then: id(0), else: id(1) };
  return { type: 'disconnect' };
}

const flows = fc
  .array(fc.tuple(fc.nat({ max: 3 }), fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 2 })), { minLength: 1, maxLength: 12 })
  .map((steps): FlowSpec => {
    const count = steps.length;
    const entries = steps.map(
      ([kind, to], at) =>
        [
          `s${at}`,
          step(
            kind,
            to.map((target) => target % count),
          ),
        ] as const,
    );
    return { ivrflow: 1, name: 'Loops', language: 'en-US', start: 's0', steps: Object.fromEntries(entries) } as unknown as FlowSpec;
  });

describe('unboundedCycles', () => {
  it('finds the loops without a retry that Tarjan over all steps but the retries finds, in the same order', () => {
    let found = 0;
    fc.assert(
      fc.property(flows, (spec) => {
        const expected = loopsWithoutRetries(new FlowIndex(spec));
        found += expected.length;
        expect(unboundedCycles(new FlowIndex(spec))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(1000);
  });
});
