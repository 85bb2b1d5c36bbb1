import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL, loadScenarioFile } from '../../src/simulate/scenario/load.js';
import { codes, yaml } from '../helpers/fixtures.js';
import { exampleGraph } from './helpers.js';

const graph = exampleGraph('identity-promotion');
const load = (text: string) => loadScenarioFile('flow.test.yaml', Buffer.from(text, 'utf8'), graph);

const MINIMAL = yaml`
  ivrflowTest: 1
  scenarios:
    - name: silent caller
      caller: [silence, silence, silence]
      expect:
        route: { queue: general }
`;

describe('scenario files', () => {
  it('resolves a scenario with the default call and no replies', () => {
    const loaded = load(MINIMAL);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.scenarios).toEqual([
      {
        name: 'silent caller',
        index: 0,
        input: { call: DEFAULT_CALL, caller: [{ kind: 'silence' }, { kind: 'silence' }, { kind: 'silence' }], transfer: 'succeeds' },
        replies: new Map(),
        expect: { end: { kind: 'route', queue: 'general' } },
      },
    ]);
  });

  it('merges defaults: the call field by field, the endpoints endpoint by endpoint', () => {
    const loaded = load(yaml`
      ivrflowTest: 1
      defaults:
        call: { ani: "+1555", id: call-1 }
        endpoints:
          verifyIdentity: timeout
        transfer: fails
      scenarios:
        - name: one
          call: { id: call-2 }
          expect: { disconnect: true }
        - name: two
          transfer: succeeds
          endpoints:
            verifyIdentity:
              - { status: 200, body: { status: success }, delaySeconds: 3 }
              - { status: 502, body: bad gateway }
          expect: { disconnect: true }
    `);
    const [one, two] = loaded.scenarios!;
    expect(one!.input.call).toEqual({ ...DEFAULT_CALL, ani: '+1555', id: 'call-2' });
    expect(one!.input.transfer).toBe('fails');
    expect(one!.replies.get('verifyIdentity')).toEqual({ kind: 'every', reply: { kind: 'timeout' } });
    expect(two!.input.transfer).toBe('succeeds');
    expect(two!.replies.get('verifyIdentity')).toEqual({
      kind: 'sequence',
      replies: [
        { kind: 'response', status: 200, body: '{"status":"success"}', delaySeconds: 3 },
        { kind: 'response', status: 502, body: 'bad gateway', delaySeconds: 0 },
      ],
    });
  });

  it('resolves expected prompts from step ids to matchers of the text they play', () => {
    const loaded = load(MINIMAL.replace('route: { queue: general }', 'route: { queue: general }\n      prompts: [greeting, noInput]'));
    const prompts = loaded.scenarios![0]!.expect?.prompts ?? [];
    expect(prompts.map((prompt) => prompt.step)).toEqual(['greeting', 'noInput']);
    const [greeting, noInput] = prompts.map((prompt) => prompt.matcher);
    expect(greeting!.test('Welcome to Example Bank. To help us serve you, we will verify your identity.')).toBe(true);
    expect(greeting!.test('Welcome to Example Bank.')).toBe(false);
    expect(noInput!.test('Sorry, we did not receive your code.')).toBe(true);
    expect(noInput!.test('Sorry, we did not receive your code. Extra')).toBe(false);
  });

  it('needs the version key', () => {
    expect(codes(load(MINIMAL.replace('ivrflowTest: 1\n', '')).diagnostics)).toEqual(['scenario/version@1:1']);
    expect(codes(load(MINIMAL.replace('ivrflowTest: 1', 'ivrflowTest: 2')).diagnostics)).toEqual(['scenario/version@1:14']);
  });

  it('reports schema problems where they are', () => {
    const loaded = load(
      MINIMAL.replace('caller: [silence, silence, silence]', 'caller: [silence, "12a4#"]\n    transfer: maybe').replace('route:', 'rout:'),
    );
    expect(codes(loaded.diagnostics)).toEqual(['schema/invalid@4:23', 'schema/enum@5:15', 'schema/unknown-key@7:7']);
    expect(loaded.diagnostics.find((diagnostic) => diagnostic.code === 'schema/unknown-key')?.hint).toBe('Did you mean `route`?');
    // A value that misses a pattern is told what the schema allows there.
    expect(loaded.diagnostics.find((diagnostic) => diagnostic.code === 'schema/invalid')?.hint).toBe(
      'DTMF keys (digits, `*`, `#`; at most 32), or `silence`.',
    );
  });

  it('points a bad reply at the value inside the answer or list that is wrong, not at the whole reply', () => {
    const loaded = load(yaml`
      ivrflowTest: 1
      scenarios:
        - name: replies
          endpoints:
            verifyIdentity: { status: "200", delaySeconds: -1 }
          expect: { disconnect: true }
        - name: a list
          endpoints:
            verifyIdentity: [timeout, { status: 99 }, tiemout]
          expect: { disconnect: true }
    `);
    expect(codes(loaded.diagnostics)).toEqual(['schema/type@5:33', 'schema/invalid@5:54', 'schema/invalid@9:43', 'schema/invalid@9:49']);
    expect(loaded.diagnostics[3]!.hint).toContain('`timeout` (no answer in time), `networkError`');
  });

  it('checks every name against the flow, with a suggestion', () => {
    const loaded = load(yaml`
      ivrflowTest: 1
      scenarios:
        - name: typos
          endpoints:
            verifyIdentiy: timeout
          expect:
            route: { queue: platnum }
            prompts: [greting, verifyOtp]
            attempts: { authenticat: 1 }
            requests:
              verify: []
    `);
    expect(codes(loaded.diagnostics)).toEqual([
      'scenario/unknown-name@5:7',
      'scenario/unknown-name@7:23',
      'scenario/unknown-name@8:17',
      'scenario/unknown-name@8:26',
      'scenario/unknown-name@9:19',
      'scenario/unknown-name@11:9',
    ]);
    expect(loaded.diagnostics.map((diagnostic) => diagnostic.hint)).toEqual([
      'Did you mean `verifyIdentity`?',
      'Did you mean `platinum`?',
      'Did you mean `greeting`?',
      expect.stringContaining('The flow has: greeting, collectOtp'),
      'Did you mean `authenticate`?',
      'Did you mean `verifyIdentity`?',
    ]);
    expect(loaded.scenarios).toBeUndefined();
  });

  it('wants exactly one outcome and unique names', () => {
    const loaded = load(yaml`
      ivrflowTest: 1
      scenarios:
        - name: same
          expect: { attributes: {} }
        - name: same
          expect: { disconnect: true, route: { queue: general } }
    `);
    expect(codes(loaded.diagnostics)).toEqual(['scenario/outcome@4:13', 'scenario/duplicate-name@5:11', 'scenario/outcome@6:13']);
  });

  it('reads hostile YAML as diagnostics, never a crash', () => {
    expect(codes(load('').diagnostics)).toEqual(['input/empty@1:1']);
    expect(codes(load('a: [').diagnostics)[0]).toMatch(/^yaml\/syntax/);
    expect(codes(load('ivrflowTest: 1\n__proto__: {}\nscenarios: []\n').diagnostics)).toEqual(['yaml/forbidden-key@2:1']);
    expect(load('- 1\n').diagnostics[0]?.hint).toBe('Start with `ivrflowTest: 1`.');
  });
});
