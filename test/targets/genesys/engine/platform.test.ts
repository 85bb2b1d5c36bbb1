import { beforeAll, describe, expect, it } from 'vitest';
import { collectedDigits } from '../../../../src/targets/genesys/engine/collect-input.js';
import { parseTemplate, renderTemplate } from '../../../../src/targets/genesys/engine/velocity.js';
import type { Digits } from '../../../../src/targets/genesys/engine/flow-file.js';
import { readRepoFile } from '../../../helpers/fixtures.js';
import { call, compileFlow, compileGenesys, json, keys, SILENCE, withArtifact, type Compiled } from './harness.js';

describe('collectInput', () => {
  const collect = (entry: string, digits: Digits, includeTerminator = false) =>
    collectedDigits(keys(entry), digits, includeTerminator, 'test');
  const pin: Digits = { kind: 'range', min: 4, max: 8, terminator: '#' };

  it('ends the entry at the terminator, leaving it out unless asked', () => {
    expect(collect('1234#99', pin)).toBe('1234');
    expect(collect('1234#', pin, true)).toBe('1234#');
    expect(collect('123#', pin)).toBeUndefined();
  });

  it('completes at the maximum and drops later keys', () => {
    expect(collect('1234567890#', pin)).toBe('12345678');
    expect(collect('123456789', { kind: 'exact', count: 6 })).toBe('123456');
  });

  it('accepts an entry the inter-digit timeout ends, if it has the minimum', () => {
    expect(collect('12345', pin)).toBe('12345');
    expect(collect('12', pin)).toBeUndefined();
    expect(collectedDigits(SILENCE, pin, false, 'test')).toBeUndefined();
  });

  it('fails on the opposite of a * or # terminator (help center, Collect Input action)', () => {
    expect(collect('12*34#', pin)).toBeUndefined();
    expect(collect('1234#', { kind: 'range', min: 4, max: 8, terminator: '*' })).toBeUndefined();
  });

  it('counts * and # towards an exact length without a terminator (UNVERIFIED)', () => {
    expect(collect('12345#', { kind: 'exact', count: 6 })).toBe('12345#');
  });
});

describe('Velocity subset', () => {
  const render = (template: string, inputs: Record<string, string> = {}) =>
    renderTemplate(parseTemplate(template, ['input', 'credential'], 'test'), { inputs: new Map(Object.entries(inputs)) }, 'test');

  it('writes a literal $ and # through the escape tool', () => {
    expect(render('a=${esc.d}x${esc.h}frag ${esc.d}{y}')).toBe('a=$x#frag ${y}');
  });

  it('escapes an input for a JSON string, and inserts a credential stand-in', () => {
    expect(render('{"v": "$esc.jsonString(${input.v})", "raw": ${input.n}}', { v: 'say "hi"\\\n', n: '3' })).toBe(
      '{"v": "say \\"hi\\"\\\\\\n", "raw": 3}',
    );
    expect(render('Bearer ${credentials.token}')).toBe('Bearer <secret:token>');
  });

  it.each([['#set($a = 1)'], ['$input.v'], ['${math.add(1,2)}'], ['$!{input.v}']])('rejects %s', (template) => {
    expect(() => parseTemplate(template, ['input'], 'test')).toThrow(/Velocity/);
  });

  it('rejects a reference the field may not hold', () => {
    expect(() => parseTemplate('${status}', ['input', 'credential'], 'test')).toThrow(/output reference is not expected/);
  });
});

describe('data actions as the platform runs them', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileFlow('pin-with-summary');
  });
  const verified = json(200, { status: 'success', customer_id: 'C-1', tier: 'gold', account_status: 'active', routing_priority: 3 });
  const gold = { kind: 'route', queue: 'gold', priority: 40, skills: [] };

  it('takes any 2xx as an answer', () => {
    const run = call(
      compiled,
      [keys('1234#')],
      [
        { kind: 'response', status: 201, body: '{"status": "success", "tier": "gold", "account_status": "active"}' },
        json(204, { status: 'ok' }),
      ],
    );
    expect(run.recorder.callEnd).toEqual(gold);
  });

  it('fails the action when a field has the wrong JSON type: the summary is skipped', () => {
    const run = call(
      compiled,
      [keys('1234#')],
      [verified, json(200, { status: 'ok', last_contact_reason: 'x', open_tickets: '2', summary: 's' })],
    );
    expect(run.attributes.map(([name]) => name)).toEqual(['customer.id', 'customer.tier', 'customer.accountStatus']);
    expect(run.recorder.callEnd).toEqual(gold);
  });

  it('fails the action on a 2xx that is not JSON', () => {
    const run = call(compiled, [keys('1234#')], [{ kind: 'response', status: 200, body: 'OK' }]);
    expect(run.recorder.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 10, skills: [] });
  });

  it('fills a missing field from translationMapDefaults and passes a JSON null on as NOT_SET', () => {
    const run = call(
      compiled,
      [keys('1234#')],
      [json(200, { status: 'success', account_status: 'active', tier: null }), json(200, { status: 'ok' })],
    );
    expect(JSON.parse(run.requests[1]!.body!).customer_id).toBe('');
    expect(run.attributes).toEqual([
      ['customer.id', ''],
      ['customer.tier', ''],
      ['customer.accountStatus', 'active'],
      ['summary.lastContactReason', ''],
      ['summary.openTickets', ''],
      ['summary.text', ''],
    ]);
    expect(run.recorder.callEnd).toEqual({ kind: 'route', queue: 'general', priority: 20, skills: [] });
  });

  it('fails the action without a request when a required input is NOT_SET (UNVERIFIED)', () => {
    const run = call(
      compiled,
      [keys('1234#')],
      [json(200, { status: 'success', tier: 'gold', account_status: 'active', customer_id: null })],
    );
    // customer_id: null leaves the summary lookup's input NOT_SET: no second request is made.
    expect(run.requests).toHaveLength(1);
    expect(run.recorder.callEnd).toEqual(gold);
  });

  it('applies the shorter of the flow timeout and the action timeout', () => {
    const run = call(compiled, [keys('1234#')], [{ kind: 'timeout' }]);
    expect(run.requests[0]!.timeoutSeconds).toBe(15);
    const slowerFlow = {
      ...compiled,
      artifacts: withArtifact(compiled, 'genesys/secure-call.yaml', (text) => text.replace('seconds: 15', 'seconds: 30')),
    };
    expect(call(slowerFlow, [keys('1234#')], [{ kind: 'timeout' }]).requests[0]!.timeoutSeconds).toBe(15);
  });
});

describe('hostile strings', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compileGenesys(readRepoFile('test/cases/genesys-hostile-strings/spec.yaml'));
  });

  it('sends every spec string through Velocity, YAML and Architect unchanged', () => {
    const run = call(compiled, [keys('12345*')], [json(200, { status: 'o"k\\', tier: 'gold "plus"', score: 0.75 })]);
    const [request] = run.requests;
    expect(request!.url).toBe('https://auth.example.com/v1/verify?a=1&b=$x#frag');
    expect(request!.headers['x-note']).toBe('a "b" $c #d ${e} #if(x)');
    expect(request!.timeoutSeconds).toBe(12.5);
    expect(JSON.parse(request!.body!)).toEqual({
      id: 'conv-1',
      at: '2026-01-02T03:04:05.000Z',
      code: '12345',
      note: 'no',
      literal: 'quote " backslash \\ dollar $x ${y} hash #set($a = 1) ## comment\nnewline é',
      count: 3,
      flag: true,
    });
    expect(run.prompts).toEqual([
      'Bonjour: «bienvenue» # pas un commentaire {{x}} ${y}\nsecond line, \'single\' "double"',
      'no',
      'Un instant : on vous transfère…',
    ]);
    expect(run.attributes).toEqual([
      ['hostile.text', 'on: "x" #y {{z}} ${w} ✓'],
      ['hostile.tier', 'gold "plus"'],
      ['hostile.score', '0.75'],
    ]);
    expect(run.recorder.callEnd).toEqual({ kind: 'route', queue: 'vip', priority: 1000, skills: ['Français "VIP"', 'back\\slash'] });
  });
});
