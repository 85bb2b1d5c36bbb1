import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { check, codes, compile, exampleEnvironment, mutateFlow, positionOf } from '../helpers/fixtures.js';

/**
 * Cycles through the three ways in and out of the secure section (its entry, its `onUnavailable`
 * path and its exports) are the checks' to find: each case either compiles on both targets or is
 * refused by `validate` already, never by an emitter (the Genesys one once recursed forever).
 */
const TARGETS = { targets: ['genesys', 'cxone'] as const, environment: exampleEnvironment() };

const errors = (diagnostics: readonly Diagnostic[]) => codes(diagnostics.filter((diagnostic) => diagnostic.severity === 'error'));
const refusedByValidate = async (text: string) => {
  const validated = errors(check(text));
  const generated = await compile(text, { ...TARGETS, targets: [...TARGETS.targets] });
  expect(generated.artifacts).toBeUndefined();
  // generate finds nothing that validate did not.
  expect(errors(generated.diagnostics)).toEqual(validated);
  return validated;
};
const compiles = async (text: string) => {
  expect(errors(check(text))).toEqual([]);
  const generated = await compile(text, { ...TARGETS, targets: [...TARGETS.targets] });
  expect(errors(generated.diagnostics)).toEqual([]);
  expect(generated.artifacts?.map((artifact) => artifact.target)).toEqual(expect.arrayContaining(['genesys', 'cxone']));
};
/** The code at the value after `needle` (its last occurrence), as `codes` prints it. */
const at = (code: string, text: string, needle: string) => {
  const where = positionOf(text, needle, text.split(needle).length - 1);
  return `${code}@${where.line}:${where.column + needle.length}`;
};
const conditionOnTier = (then: string, otherwise: string) => ({
  type: 'condition',
  if: { ref: 'auth.tier', equals: 'platinum' },
  then,
  else: otherwise,
});

describe('cycles through secure.entry', () => {
  it('compile when a step of the section leads back to the entry through the inbound part', async () => {
    await compiles(mutateFlow('identity-promotion', { 'steps.invalidCode.next': 'greeting' }));
  });

  it('compile when the entry is a plain step inside a loop of the section', async () => {
    await compiles(mutateFlow('identity-promotion', { 'secure.entry': 'greeting', 'steps.invalidCode.next': 'greeting' }));
  });
});

describe('cycles through secure.onUnavailable', () => {
  it('are refused by validate when a step it shares with the section leads back to the entry', async () => {
    const text = mutateFlow('identity-promotion', { 'steps.serviceUnavailable.onFailure': 'greeting' });
    expect(await refusedByValidate(text)).toEqual([at('secure/unavailable-cycle', text, 'onUnavailable: ')]);
  });

  it('are refused by validate when it is the entry itself', async () => {
    const text = mutateFlow('identity-promotion', { 'secure.onUnavailable': 'authenticate' });
    expect(await refusedByValidate(text)).toEqual([at('secure/unavailable-cycle', text, 'onUnavailable: ')]);
  });
});

describe('cycles through secure.exports', () => {
  it('are refused by validate when an export is read on the onUnavailable path (Genesys: in the other flow)', async () => {
    const text = mutateFlow('identity-promotion', {
      'secure.onUnavailable': 'byTier',
      'steps.byTier': conditionOnTier('serviceUnavailable', 'routeFailed'),
    });
    expect(await refusedByValidate(text)).toEqual([at('secure/read-outside-section', text, 'ref: ')]);
  });

  it('are refused by validate when an export is read before the entry, and after it goes back there', async () => {
    const text = mutateFlow('identity-promotion', {
      'steps.greeting.next': 'byTier',
      'steps.byTier': conditionOnTier('authenticate', 'authenticate'),
      'steps.invalidCode.next': 'greeting',
    });
    expect(await refusedByValidate(text)).toEqual([at('secure/read-outside-section', text, 'ref: ')]);
  });

  it('are refused by validate when a step the onUnavailable path shares with the section reads one', async () => {
    const text = mutateFlow('identity-promotion', {
      'steps.serviceUnavailable': {
        type: 'route',
        prompt: 'One moment.',
        by: { ref: 'auth.tier' },
        cases: { platinum: { queue: 'platinum', priority: 50 } },
        default: { queue: 'general', priority: 10 },
      },
    });
    expect(await refusedByValidate(text)).toEqual([at('secure/read-outside-section', text, 'ref: ')]);
  });

  it('compile when an export is read inside the section, after the section led back out and in', async () => {
    await compiles(
      mutateFlow('identity-promotion', {
        'steps.routeByTier.onFailure': 'byTier',
        'steps.byTier': conditionOnTier('greeting', 'routeFailed'),
      }),
    );
  });
});
