import { describe, expect, it } from 'vitest';
import { check, codes, compile, mutateFlow, positionOf } from '../helpers/fixtures.js';

function onUnavailable(text: string): string {
  const where = positionOf(text, 'onUnavailable:');
  return `secure/unavailable-cycle@${where.line}:${where.column + 'onUnavailable: '.length}`;
}

describe('the secure section’s way out when it cannot be entered', () => {
  it('is refused when it is the entry itself, and the flow is not compiled (the Genesys emitter recursed forever)', async () => {
    const text = mutateFlow('identity-promotion', { 'secure.onUnavailable': 'authenticate' });
    expect(codes(check(text))).toEqual([onUnavailable(text)]);
    const compiled = await compile(text);
    expect(compiled.artifacts).toBeUndefined();
  });

  it('is refused when it is a step inside the section that leads back to the entry', () => {
    const text = mutateFlow('identity-promotion', { 'secure.onUnavailable': 'invalidCode' });
    expect(codes(check(text))).toEqual([onUnavailable(text)]);
  });

  it('is refused when its path leads back to the entry', async () => {
    const text = mutateFlow('identity-promotion', {
      'secure.onUnavailable': 'tryAgain',
      'steps.tryAgain': { type: 'play', prompt: 'One moment.', next: 'authenticate' },
      'steps.greeting.next': 'tryAgain',
    });
    expect(codes(check(text))).toEqual([onUnavailable(text)]);
    expect((await compile(text)).artifacts).toBeUndefined();
  });

  it('is accepted outside the section, also when the inbound part reaches the entry from several steps', () => {
    const text = mutateFlow('identity-promotion', {
      'steps.greeting.next': 'choose',
      'steps.choose': { type: 'condition', if: { ref: 'call.ani', exists: true }, then: 'authenticate', else: 'welcomeAnonymous' },
      'steps.welcomeAnonymous': { type: 'play', prompt: 'Welcome.', next: 'authenticate' },
    });
    expect(codes(check(text))).toEqual([]);
  });
});
