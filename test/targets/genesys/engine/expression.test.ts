import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from '../../../../src/targets/genesys/engine/expression.js';
import { EngineError } from '../../../../src/targets/engine-contract.js';
import { NOT_SET, stringValue, type ArchValue } from '../../../../src/targets/genesys/engine/values.js';

function run(text: string, variables: Record<string, ArchValue> = {}, now = '2026-01-02T03:04:05Z'): ArchValue {
  const read = (name: string) => {
    if (!(name in variables)) throw new EngineError(`no ${name}`);
    return variables[name]!;
  };
  return evaluate(parseExpression(text, 'test'), { read, now, where: 'test' });
}

describe('Architect expressions', () => {
  it('reads string literals with the escapes the emitter writes', () => {
    expect(run('"o\\"k\\\\"')).toEqual(stringValue('o"k\\'));
    expect(run('Flow.s == "gold \\"plus\\""', { 'Flow.s': stringValue('gold "plus"') })).toEqual({ type: 'boolean', value: true });
  });

  it('keeps Architect types: integers, decimals, booleans, negative numbers', () => {
    expect(run('7')).toEqual({ type: 'integer', value: 7 });
    expect(run('0.5')).toEqual({ type: 'decimal', value: 0.5 });
    expect(run('-3')).toEqual({ type: 'integer', value: -3 });
    expect(run('Flow.n >= 0.5', { 'Flow.n': { type: 'integer', value: 1 } })).toEqual({ type: 'boolean', value: true });
    expect(run('If(true, false, true)')).toEqual({ type: 'boolean', value: false });
  });

  it('evaluates If lazily, so an IsSet guard protects the branch it skips', () => {
    const guarded = 'If(IsSet(Flow.n), ToString(Flow.n), "")';
    expect(run(guarded, { 'Flow.n': NOT_SET })).toEqual(stringValue(''));
    expect(run(guarded, { 'Flow.n': { type: 'integer', value: 12 } })).toEqual(stringValue('12'));
    expect(run('If(IsNotSetOrEmpty(Flow.s), false, Flow.s == "x")', { 'Flow.s': stringValue('') })).toEqual({
      type: 'boolean',
      value: false,
    });
  });

  it('refuses a comparison with NOT_SET, and ToString of NOT_SET, instead of guessing', () => {
    expect(() => run('Flow.s == "x"', { 'Flow.s': NOT_SET })).toThrow(EngineError);
    expect(() => run('ToString(Flow.s)', { 'Flow.s': NOT_SET })).toThrow(/ToString of NOT_SET/);
    expect(() => run('Flow.s == 1', { 'Flow.s': stringValue('1') })).toThrow(/cannot compare/);
  });

  it('renders the call time as ISO 8601 UTC with milliseconds', () => {
    expect(run('ToString(GetCurrentDateTimeUtc())', {}, '2026-01-02T04:04:05+01:00')).toEqual(stringValue('2026-01-02T03:04:05.000Z'));
  });

  it('renders each call its own time, the one it was last asked for kept only for that timestamp', () => {
    const now = (timestamp: string) => run('ToString(GetCurrentDateTimeUtc())', {}, timestamp);
    for (const _ of [1, 2]) {
      expect(now('2026-01-02T04:04:05+01:00')).toEqual(stringValue('2026-01-02T03:04:05.000Z'));
      expect(now('2026-01-02T04:04:05+01:00')).toEqual(stringValue('2026-01-02T03:04:05.000Z'));
      expect(now('2027-05-06T07:08:09Z')).toEqual(stringValue('2027-05-06T07:08:09.000Z'));
      expect(() => now('yesterday')).toThrow(/not an ISO 8601 instant/);
      expect(() => now('yesterday')).toThrow(/not an ISO 8601 instant/);
    }
  });

  it('replaces every occurrence, counts and converts', () => {
    expect(run('Replace(Replace(Flow.s, "#", ""), "*", "")', { 'Flow.s': stringValue('1*2#3#') })).toEqual(stringValue('123'));
    expect(run('Length("héllo")')).toEqual({ type: 'integer', value: 5 });
    expect(run('ToInt("42")')).toEqual({ type: 'integer', value: 42 });
    expect(run('FindSkill("back\\\\slash")')).toEqual({ type: 'skill', name: 'back\\slash' });
  });

  it('adds integers, the form a priority above 10 takes', () => {
    expect(run('10 + 40')).toEqual({ type: 'integer', value: 50 });
    expect(() => run('Flow.s + 1', { 'Flow.s': stringValue('1') })).toThrow(/integers only/);
  });

  it('reads the E.164 number of the tel: URI Call.Ani holds', () => {
    expect(run('ToPhoneNumber(Call.Ani).e164', { 'Call.Ani': stringValue('tel:+15550100100') })).toEqual(stringValue('+15550100100'));
    expect(run('ToPhoneNumber(Call.Ani).e164', { 'Call.Ani': stringValue('tel: +13175550116') })).toEqual(stringValue('+13175550116'));
    expect(() => run('ToPhoneNumber(Call.Ani).e164', { 'Call.Ani': stringValue('anonymous') })).toThrow(/not modelled/);
  });

  it('evaluates and/or on set booleans', () => {
    expect(run('true and false or true')).toEqual({ type: 'boolean', value: true });
    expect(() => run('Flow.b and true', { 'Flow.b': NOT_SET })).toThrow(EngineError);
  });

  it.each([
    ['Substring("abc", 0, 1)', /unknown function Substring/],
    ['Task.x == 1', /unknown name Task.x/],
    ['"a\\n"', /unsupported text/],
    ['IsSet(Flow.x', /unexpected end/],
    ['Flow.x * 2', /unsupported text|unexpected/],
    ['ToPhoneNumber(Call.Ani).national', /only ToPhoneNumber\(\.\.\.\)\.e164/],
    ['If(true, 1)', /If takes 3 arguments/],
  ])('rejects %s when the artifact is read', (text, message) => {
    expect(() => parseExpression(text, 'where')).toThrow(message);
  });
});
