import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/pipeline.js';
import { createEngine } from '../../src/simulate/engines.js';
import { ENGINE_NAMES } from '../../src/targets/engine-contract.js';
import { check, codes, mutateFlow, positionOf, readRepoFile } from '../helpers/fixtures.js';
import { call, prompts, simulate } from '../simulate/helpers.js';

const FLOW = 'member-services-menu';

describe('the menu step in the checks', () => {
  it('is accepted in a 1.1 spec with no diagnostics of its own', () => {
    expect(codes(check(readRepoFile(`flows/${FLOW}.yaml`)).filter((diagnostic) => diagnostic.severity === 'error'))).toEqual([]);
  });

  it('needs spec version 1.1: an error at its `type` key, not a silent upgrade', () => {
    const text = mutateFlow(FLOW, { ivrflow: 1 });
    const where = positionOf(text, 'type: menu');
    expect(codes(check(text))).toEqual([`schema/version@${where.line}:${where.column}`]);
  });

  it('warns at a key listed twice, pointing at the choice that wins', () => {
    const text = mutateFlow(FLOW, {
      'steps.mainMenu.choices': [
        { key: 1, next: 'toClaims' },
        { key: 2, next: 'toBilling' },
        { key: '1', next: 'toAgent' },
      ],
    });
    const diagnostics = check(text).filter((diagnostic) => diagnostic.code === 'graph/unreachable-choice');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.span?.start.line).toBe(positionOf(text, 'key: "1"').line);
    expect(diagnostics[0]!.related?.[0]?.span?.start.line).toBe(positionOf(text, 'key: 1').line);
  });

  it('reports an unknown choice target at that choice', () => {
    const text = mutateFlow(FLOW, { 'steps.mainMenu.choices': [{ key: 1, next: 'toClams' }] });
    const unknown = check(text).filter((diagnostic) => diagnostic.code === 'ref/unknown-step');
    expect(unknown.map((diagnostic) => diagnostic.span?.start.line)).toEqual([positionOf(text, 'next: toClams').line]);
    expect(unknown[0]!.hint).toContain('toClaims');
  });

  it.each([
    ['a key that is no DTMF key', { 'steps.mainMenu.choices': [{ key: 'A', next: 'toClaims' }] }],
    ['more than five attempts', { 'steps.mainMenu.attempts': 6 }],
    ['no choices', { 'steps.mainMenu.choices': [] }],
    ['no onNoMatch', { 'steps.mainMenu.onNoMatch': undefined }],
  ])('refuses %s with a positioned schema error', (_name, edits) => {
    const diagnostics = check(mutateFlow(FLOW, edits));
    expect(diagnostics.some((diagnostic) => diagnostic.code.startsWith('schema/') && diagnostic.span !== undefined)).toBe(true);
  });
});

describe('the menu step on the three engines', () => {
  const KEYS = ['silence', '1', '2', '0', '7', '#', '*', '21'];
  const sequences = KEYS.flatMap((first) => KEYS.flatMap((second) => KEYS.map((third) => [first, second, third])));

  it(`ends every one of ${KEYS.length ** 3} three-try callers the same way, with the same prompts`, async () => {
    const file = `flows/${FLOW}.yaml`;
    const compiled = await compileSpec(file, Buffer.from(readRepoFile(file)), { placeholders: 'keep' });
    const flow = { graph: compiled.graph!, artifacts: compiled.artifacts! };
    const engines = await Promise.all(ENGINE_NAMES.map((name) => createEngine(name, flow)));
    const outcomes = new Set<string>();
    for (const caller of sequences) {
      const runs = engines.map((engine) => simulate(engine, call(caller)));
      const [spec, ...vendors] = runs.map((run) => ({ end: run.callEnd, prompts: prompts(run) }));
      for (const vendor of vendors) expect({ caller, ...vendor }).toEqual({ caller, ...spec });
      outcomes.add(JSON.stringify(spec!.end));
    }
    // Claims, billing, the agent queue and the goodbye are all reached.
    expect(outcomes.size).toBe(4);
  });

  it('replays the prompt on each try and decides on the last one', async () => {
    const file = `flows/${FLOW}.yaml`;
    const compiled = await compileSpec(file, Buffer.from(readRepoFile(file)), { placeholders: 'keep' });
    const spec = await createEngine('spec', { graph: compiled.graph!, artifacts: compiled.artifacts! });
    const noMatchLast = simulate(spec, call(['silence', 'silence', '9']));
    expect(noMatchLast.callEnd).toEqual({ kind: 'disconnect' });
    expect(prompts(noMatchLast)).toHaveLength(4);
    const noInputLast = simulate(spec, call(['9', '9', 'silence']));
    expect(noInputLast.callEnd).toMatchObject({ kind: 'route', queue: 'general' });
  });
});
