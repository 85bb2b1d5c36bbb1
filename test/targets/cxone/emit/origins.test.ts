import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileSpec } from '../../../../src/pipeline.js';
import { caption } from '../../../../src/targets/cxone/conventions.js';
import { ROOT } from '../../../helpers/fixtures.js';
import { parseScript } from './script-graph.js';

/** The artifact's origins: action id → the spec path a publish diagnostic points at. */
describe('the CXone script origins', () => {
  it('point BEGIN at start, an initial value at its variable, and every action of a step at that step', async () => {
    const file = join(ROOT, 'test/cases/cxone-hostile-strings/spec.yaml');
    const result = await compileSpec('spec.yaml', readFileSync(file), { targets: ['cxone'], placeholders: 'keep' });
    const artifact = result.artifacts?.find((candidate) => candidate.target === 'cxone');
    expect(artifact?.origins).toBeDefined();
    const origins = artifact!.origins!;
    const script = parseScript(artifact!.contents);
    expect(Object.keys(origins).map(Number)).toEqual([...script.actions.keys()]);
    expect(origins['1']).toEqual(['start']);
    const steps = Object.keys((parse(readFileSync(file, 'utf8')) as { steps: object }).steps);
    let stepActions = 0;
    let initials = 0;
    for (const action of script.actions.values()) {
      const origin = origins[String(action.id)];
      if (action.label === caption('note', 'initial value')) {
        initials++;
        expect(origin).toEqual(['variables', 'note', 'initial']);
      }
      // A step's actions are captioned with the step id, alone or before a colon.
      const step = steps.find((id) => action.label === caption(id) || action.label.startsWith(`${caption(id)}: `));
      if (step === undefined) continue;
      stepActions++;
      expect(origin, action.label).toEqual(['steps', step]);
    }
    expect(stepActions).toBeGreaterThan(steps.length);
    expect(initials).toBe(1);
  });
});
