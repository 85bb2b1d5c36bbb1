import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/pipeline.js';
import { check, mutateFlow, positionOf } from '../helpers/fixtures.js';

/** identity-promotion with the verifier's URL replaced. */
const verifierAt = (url: string) => mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.url': url });

/** identity-promotion plus an endpoint that is sent nothing sensitive (the caller's number), at `url`. */
function withLookup(url: string): string {
  return mutateFlow('identity-promotion', {
    'endpoints.lookup': {
      method: 'POST',
      url,
      timeoutSeconds: 15,
      body: { ani: { ref: 'call.ani' } },
      response: { fields: { note: 'string' } },
    },
    'steps.greeting.next': 'lookupCaller',
    'steps.lookupCaller': {
      type: 'http',
      endpoint: 'lookup',
      result: 'lookupResult',
      onSuccess: 'authenticate',
      onFailure: 'authenticate',
      onTimeout: 'authenticate',
    },
  });
}

function urlDiagnostics(text: string, environment?: Map<string, string>) {
  const diagnostics = checkSpec('spec.yaml', Buffer.from(text), environment ? { environment } : {}).diagnostics;
  return diagnostics.filter((diagnostic) => diagnostic.code.startsWith('endpoint/'));
}

describe('endpoint URLs', () => {
  it.each([
    ['a relative URL', '/api/v1/auth/verify', 'endpoint/invalid-url'],
    ['a URL with a space', 'ftp://x y/verify', 'endpoint/invalid-url'],
    ['an ftp URL', 'ftp://identity.example.com/verify', 'endpoint/invalid-url'],
    ['a relative URL after a placeholder-free prefix', 'api/{{version}}/verify', 'endpoint/invalid-url'],
    ['the OTP over plain http', 'http://identity.example.com/verify', 'endpoint/insecure-url'],
    ['the OTP over plain http, even to loopback', 'http://127.0.0.1:8080/verify', 'endpoint/insecure-url'],
    ['the OTP over plain http to a host from the environment', 'http://{{identity_host}}/verify', 'endpoint/insecure-url'],
  ])('refuses %s, at the URL, with a hint', (_, url, code) => {
    const text = verifierAt(url);
    const [diagnostic, ...others] = urlDiagnostics(text);
    expect(others).toEqual([]);
    expect(diagnostic!.code).toBe(code);
    expect(diagnostic!.severity).toBe('error');
    expect(diagnostic!.span!.start.line).toBe(positionOf(text, '    url: ').line);
    expect(diagnostic!.hint).toBeTruthy();
  });

  it.each([
    'https://identity.example.com/api/v1/auth/verify',
    '{{identity_base_url}}/api/v1/auth/verify',
    'https://{{identity_host}}/verify',
  ])('accepts %s for the verifier', (url) => {
    expect(check(verifierAt(url))).toEqual([]);
  });

  it.each(['http://127.0.0.1:8080/lookup', 'http://localhost/lookup', 'http://[::1]:9000/lookup'])(
    'accepts plain http to loopback (%s) for an endpoint sent nothing sensitive',
    (url) => {
      expect(urlDiagnostics(withLookup(url))).toEqual([]);
    },
  );

  it('refuses plain http to another host even when nothing sensitive is sent', () => {
    expect(urlDiagnostics(withLookup('http://crm.example.com/lookup')).map((diagnostic) => diagnostic.code)).toEqual([
      'endpoint/insecure-url',
    ]);
  });

  it('judges a URL with placeholders once the environment fills them', () => {
    const text = verifierAt('{{identity_base_url}}/api/v1/auth/verify');
    const environment = (base: string) =>
      new Map([
        ['identity_base_url', base],
        ['identity_integration', 'x'],
        ['platinum_queue', 'p'],
        ['general_queue', 'g'],
        ['platinum_skill', 'ps'],
        ['general_skill', 'gs'],
      ]);
    expect(urlDiagnostics(text, environment('https://identity.example.com'))).toEqual([]);
    const plain = urlDiagnostics(text, environment('http://identity.example.com'));
    expect(plain.map((diagnostic) => diagnostic.code)).toEqual(['endpoint/insecure-url']);
    expect(plain[0]!.message).toContain('once the environment is filled in');
    expect(urlDiagnostics(text, environment('identity.example.com')).map((diagnostic) => diagnostic.code)).toEqual([
      'endpoint/invalid-url',
    ]);
  });
});
