import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/pipeline.js';
import { RULES } from '../../src/lint/rules/index.js';
import { agreementOptions } from '../simulate/helpers.js';
import { check, codes, positionOf, readRepoFile } from '../helpers/fixtures.js';

const CASE = 'test/cases/transfer-steps/spec.yaml';

/** The transfer-steps case with edits applied through the YAML document API (positions kept). */
function mutateCase(edits: Record<string, unknown>): string {
  const document = parseDocument(readRepoFile(CASE));
  for (const [path, value] of Object.entries(edits)) {
    const segments = path.split('.');
    if (value === undefined) document.deleteIn(segments);
    else document.setIn(segments, value);
  }
  return document.toString();
}

const errors = (text: string) => check(text).filter((diagnostic) => diagnostic.severity === 'error');

describe('the transfer step in the checks', () => {
  it('is accepted in a 1.1 spec with no error', () => {
    expect(codes(errors(readRepoFile(CASE)))).toEqual([]);
  });

  it('needs spec version 1.1: an error at each transfer `type` key', () => {
    const text = mutateCase({ ivrflow: 1 });
    const transfers = codes(check(text)).filter((code) => code.startsWith('schema/version'));
    expect(transfers).toContain(`schema/version@${positionOf(text, 'type: transfer').line}:${positionOf(text, 'type: transfer').column}`);
    expect(transfers.length).toBeGreaterThanOrEqual(3);
  });

  it.each(['18005550199', '+0800123', '+1 800 555 0199', '+1800555019912345', 'tel:+18005550199'])(
    'refuses %s as a number, at the number',
    (number) => {
      const text = mutateCase({ 'steps.toFraudLine.to': { number } });
      const found = errors(text);
      expect(found.map((diagnostic) => diagnostic.code)).toEqual(['transfer/invalid-number']);
      expect(found[0]!.span?.start.line).toBe(positionOf(text, 'number:', 2).line);
      expect(found[0]!.hint).toContain('+18005550100');
    },
  );

  it('refuses a ref to a value that is not a string', () => {
    const text = mutateCase({ 'variables.overflowLine': { type: 'integer', initial: 442071838750 } });
    expect(errors(text).map((diagnostic) => diagnostic.code)).toEqual(['type/mismatch']);
  });

  it('refuses a failure path inside the secure section, where transfers are blind', () => {
    const text = mutateCase({ 'steps.toFraudLine.onFailure': 'goodbye' });
    const found = errors(text);
    expect(found.map((diagnostic) => diagnostic.code)).toEqual(['secure/transfer-failure-path']);
    expect(found[0]!.span?.start.line).toBe(positionOf(text, 'onFailure: goodbye', 3).line);
  });

  it('refuses an unknown ref and a failure path to an unknown step', () => {
    const text = mutateCase({ 'steps.toOverflow.to': { number: { ref: 'overflowLin' } }, 'steps.toOverflow.onFailure': 'goodby' });
    expect(
      errors(text)
        .map((diagnostic) => diagnostic.code)
        .sort(),
    ).toEqual(['ref/unknown-step', 'ref/unknown-variable']);
  });

  it.each([
    ['both a number and a flow', { 'steps.toOverflow.to': { number: '+18005550199', flow: 'Claims' } }],
    ['neither', { 'steps.toOverflow.to': {} }],
    ['no `to`', { 'steps.toOverflow.to': undefined }],
    ['an empty flow name', { 'steps.toOverflow.to': { flow: '' } }],
  ])('refuses %s with a positioned schema error', (_name, edits) => {
    const found = errors(mutateCase(edits));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((diagnostic) => diagnostic.code.startsWith('schema/') && diagnostic.span !== undefined)).toBe(true);
  });
});

describe('a sensitive value never becomes a transfer number, whatever the rules say', () => {
  /** The overflow number taken from the PIN, through a copy. */
  const leaking = mutateCase({
    'variables.pinCopy': { type: 'string' },
    'steps.collectPin.next': 'copyPin',
    'steps.copyPin': { type: 'assign', set: { pinCopy: { ref: 'pin' } }, next: 'check' },
    'steps.check.onFailure': 'leak',
    'steps.leak': { type: 'transfer', to: { number: { ref: 'pinCopy' } } },
  });

  it('the rule no-sensitive-leak reports it at the ref', () => {
    const found = check(leaking).filter((diagnostic) => diagnostic.code === 'rule/no-sensitive-leak');
    expect(found.map((diagnostic) => diagnostic.message).some((message) => message.includes('transfer dials `pinCopy`'))).toBe(true);
  });

  it('the guard refuses it with every rule off', async () => {
    const rules = new Map(RULES.map((rule) => [rule.id, { level: 'off' as const, reason: 'tuning the rules for a test' }]));
    const result = await compileSpec('spec.yaml', Buffer.from(leaking), { rules });
    expect(result.artifacts).toBeUndefined();
    expect(result.diagnostics.some((diagnostic) => diagnostic.code === 'secure/sensitive-output' && /dial/.test(diagnostic.message))).toBe(
      true,
    );
  });
});

describe('the transfer step on the platforms', () => {
  it('names only a flow CXone can hold as a script name', async () => {
    const text = mutateCase({ 'steps.toClaimsFlow.to': { flow: 'Claims {tier} line' } });
    const options = { ...agreementOptions(CASE), targets: ['cxone' as const] };
    const result = await compileSpec('spec.yaml', Buffer.from(text), options);
    const found = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(found.map((diagnostic) => diagnostic.code)).toEqual(['target/limit']);
    expect(result.artifacts).toBeUndefined();
  });

  it('needs the tenant catalog on CXone, and says which action at the step', async () => {
    const result = await compileSpec('spec.yaml', Buffer.from(readRepoFile(CASE)), { targets: ['cxone'] });
    const found = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(found.map((diagnostic) => diagnostic.message.match(/CXone's (\w+) action/)?.[1])).toEqual(['RUNSCRIPT', 'TRANSFER', 'TRANSFER']);
    expect(found.every((diagnostic) => diagnostic.hint?.includes('--cxone-catalog') && diagnostic.span !== undefined)).toBe(true);
    expect(result.artifacts).toBeUndefined();
  });
});
