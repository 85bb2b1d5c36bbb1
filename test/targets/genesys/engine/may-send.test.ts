import { describe, expect, it } from 'vitest';
import { maySend } from '../../../../src/targets/genesys/engine/index.js';
import type { Action } from '../../../../src/targets/genesys/engine/flow-file.js';

/**
 * The engine runs an action list without a generator when `maySend` says nothing in it can send a
 * request; a list it misjudges would stop the call with an internal error. Only the kinds and the
 * nested lists matter here, so the actions are sketched.
 */
const sketch = (action: Record<string, unknown>) => ({ name: 'step', where: 'test', ...action }) as unknown as Action;
const play = sketch({ kind: 'playAudio' });
const request = sketch({ kind: 'callData', success: [], failure: [], timedOut: [] });
const secureFlow = sketch({ kind: 'transferToFlowSecure', failure: [] });

/** Every way one action list can hold another. */
const HOLDERS: ((inner: Action[]) => Action)[] = [
  (inner) => sketch({ kind: 'decision', yes: [play], no: inner }),
  (inner) => sketch({ kind: 'decision', yes: inner, no: [] }),
  (inner) => sketch({ kind: 'loop', body: inner }),
  (inner) => sketch({ kind: 'collectInput', success: [], failure: inner }),
  (inner) => sketch({ kind: 'collectInput', success: inner, failure: [] }),
  (inner) => sketch({ kind: 'callData', success: inner, failure: [], timedOut: [] }),
  (inner) => sketch({ kind: 'transferToAcd', failure: inner }),
  (inner) => sketch({ kind: 'transferToNumber', failure: inner }),
  (inner) => sketch({ kind: 'transferToFlow', failure: inner }),
];

describe('maySend', () => {
  it('finds a data action or a secure flow transfer at any depth, through every kind that holds actions', () => {
    for (const sender of [request, secureFlow])
      for (const outer of HOLDERS) for (const inner of HOLDERS) expect(maySend([play, outer([play, inner([play, sender])])])).toBe(true);
  });

  it('finds nothing in lists of actions that send nothing, however nested', () => {
    const quiet = [play, sketch({ kind: 'updateData', statements: [] }), sketch({ kind: 'loopExit' }), sketch({ kind: 'disconnect' })];
    for (const outer of HOLDERS.filter((_, index) => index !== 5))
      for (const inner of HOLDERS.filter((_, index) => index !== 5)) expect(maySend([outer([inner(quiet)])])).toBe(false);
  });

  it('walks a deep nesting without recursion', () => {
    let list: Action[] = [request];
    for (let depth = 0; depth < 100_000; depth += 1) list = [sketch({ kind: 'loop', body: list })];
    expect(maySend(list)).toBe(true);
  });
});
