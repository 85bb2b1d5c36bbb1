import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../../src/pipeline.js';
import { MAX_ARCHY_TRACES, readArchyResults } from '../../../src/targets/genesys/archy-results.js';
import { readRepoFile } from '../../helpers/fixtures.js';

const graph = checkSpec('identity-promotion.yaml', Buffer.from(readRepoFile('flows/identity-promotion.yaml')), {
  targets: ['genesys'],
}).graph!;

describe('readArchyResults', () => {
  it('turns error and warning traces into diagnostics at their trace, and fails on an error', () => {
    const results = readArchyResults({
      status: 'failure',
      exitCode: 1,
      output: {
        traces: [
          { text: 'Something broke', type: 'error' },
          { text: 'Heads up', type: 'warning' },
          { text: 'fyi', type: 'info' },
        ],
      },
    });
    expect(results.failed).toBe(true);
    expect(results.inResults.map(({ code, severity, path }) => [code, severity, path])).toEqual([
      ['archy/error', 'error', ['output', 'traces', 0, 'text']],
      ['archy/warning', 'warning', ['output', 'traces', 1, 'text']],
      ['archy/warning', 'info', ['output', 'traces', 2, 'text']],
    ]);
  });

  it('passes a clean publish, warnings included', () => {
    const results = readArchyResults({ status: 'success', exitCode: 0, output: { traces: [{ text: 'note', type: 'warning' }] } });
    expect(results.failed).toBe(false);
  });

  it('places a trace at the spec step, data action or flow its text names', () => {
    const results = readArchyResults(
      {
        output: {
          traces: [
            { text: "Action 'collectOtp' has an invalid expression", type: 'error' },
            { text: "Cannot find data action 'Verify Identity OTP'", type: 'error' },
            { text: "Flow 'Identity Promotion - Secure OTP' already locked", type: 'error' },
            { text: 'A message naming nothing ivrflow wrote', type: 'error' },
          ],
        },
      },
      graph,
    );
    expect(results.inSpec.map(({ path }) => path)).toEqual([['steps', 'collectOtp'], ['endpoints', 'verifyIdentity'], ['secure']]);
    expect(results.inResults.map(({ path }) => path)).toEqual([['output', 'traces', 3, 'text']]);
  });

  it('matches whole names only: a step id inside a longer word names nothing', () => {
    const results = readArchyResults({ output: { traces: [{ text: 'recollectOtpX failed', type: 'error' }] } }, graph);
    expect(results.inSpec).toEqual([]);
  });

  it('reports a failing exit code with no error trace', () => {
    const results = readArchyResults({ status: 'failure', exitCode: 3 });
    expect(results.failed).toBe(true);
    expect(results.inResults.map(({ code, path }) => [code, path])).toEqual([['archy/error', ['exitCode']]]);
  });

  it.each([
    ['a list', [], []],
    ['a string exit code', { exitCode: '1' }, ['exitCode']],
    ['traces that are not a list', { output: { traces: 'x' } }, ['output', 'traces']],
    ['a trace without text', { output: { traces: [{ type: 'error' }] } }, ['output', 'traces', 0]],
    ['output that is not an object', { output: 3 }, ['output']],
  ])('refuses %s at its place, as a failure', (_, data, path) => {
    const results = readArchyResults(data);
    expect(results.failed).toBe(true);
    expect(results.inResults[0]).toMatchObject({ severity: 'error', path });
  });

  it('refuses more traces than it reads, without reading them', () => {
    const traces = Array.from({ length: MAX_ARCHY_TRACES + 1 }, () => ({ text: 'x', type: 'error' }));
    const results = readArchyResults({ output: { traces } });
    expect(results.inResults).toHaveLength(1);
    expect(results.inResults[0]).toMatchObject({ code: 'input/too-large', path: ['output', 'traces'] });
  });
});
