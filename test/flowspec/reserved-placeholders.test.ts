import { describe, expect, it } from 'vitest';
import { check, codes, compile, mutateFlow, positionOf, readRepoFile } from '../helpers/fixtures.js';

const TOKEN = '{{secret_middlewareToken}}';

/** The example flow with one edit, and where an error is expected: at the text that was put in. */
function withEdit(path: string, value: unknown, at: string): { text: string; expected: string } {
  const text = mutateFlow('identity-promotion', { [path]: value });
  const where = positionOf(text, at);
  // A quoted scalar starts at its quote.
  const quoted = /["']/.test(text.split('\n')[where.line - 1]!.charAt(where.column - 2));
  return { text, expected: `secure/reserved-placeholder@${where.line}:${where.column - (quoted ? 1 : 0)}` };
}

describe('reserved placeholders', () => {
  it.each([
    ['an endpoint URL', 'endpoints.verifyIdentity.url', `https://id.example.com/verify?t=${TOKEN}`],
    ['a body literal', 'endpoints.verifyIdentity.body.auth_method', `otp ${TOKEN}`],
    ['a header', 'endpoints.verifyIdentity.headers', { 'X-Token': TOKEN }],
    ['an attribute literal', 'steps.promoteIdentity.attributes[customer.authenticated]', TOKEN],
    ['a prompt', 'steps.greeting.prompt', `Your token is ${TOKEN}`],
    ['a target name', 'targets.cxone.scriptName', TOKEN],
    ['a queue name in targets', 'targets.genesys.queues.general', TOKEN],
  ])('is an error in %s, at its position', (_, path, value) => {
    const { text, expected } = withEdit(path, value, typeof value === 'string' ? value : TOKEN);
    expect(codes(check(text))).toContain(expected);
    expect(codes(check(text)).filter((code) => code.startsWith('secure/reserved-placeholder'))).toHaveLength(1);
  });

  it.each(['{{ secret_middlewareToken }}', '{{SECRET_middlewareToken}}', '{{genesys_integration}}'])(
    'is recognised in the form %s',
    (placeholder) => {
      const { text, expected } = withEdit('steps.greeting.prompt', `Hello ${placeholder}`, `Hello ${placeholder}`);
      expect(codes(check(text))).toEqual([expected]);
    },
  );

  it('is an error in a description, which no vendor output needs to carry it', () => {
    const text = mutateFlow('identity-promotion', { description: `Uses ${TOKEN} somewhere.` });
    expect(codes(check(text)).map((code) => code.split('@')[0])).toEqual(['secure/reserved-placeholder']);
  });

  it('keeps the flow from compiling, so no artifact carries the secret placeholder as text', async () => {
    const { text } = withEdit('endpoints.verifyIdentity.url', `https://id.example.com/verify?t=${TOKEN}`, TOKEN);
    expect((await compile(text)).artifacts).toBeUndefined();
  });

  it('leaves non-secret placeholders where the docs allow them (the example flows use them)', () => {
    for (const flow of ['identity-promotion', 'international-otp', 'pin-with-summary'])
      expect(codes(check(readRepoFile(`flows/${flow}.yaml`))).filter((code) => code.startsWith('secure/'))).toEqual([]);
    const { text } = withEdit('targets.genesys.division', '{{division_name}}', '{{division_name}}');
    expect(codes(check(text))).toEqual([]);
  });
});
