import { describe, expect, it } from 'vitest';
import { looksRandom, hasAuthScheme, shannonEntropy } from '../../src/lint/secret-text.js';
import { mutateFlow, positionOf } from '../helpers/fixtures.js';
import { testRule } from '../helpers/rule-tester.js';
import { valueAt } from './security-fixtures.js';

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const withHeaders = (headers: Record<string, string>) => mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.headers': headers });
const withUrl = (url: string) => mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.url': url });
const withBody = (field: string, value: string) => mutateFlow('identity-promotion', { [`endpoints.verifyIdentity.body.${field}`]: value });

function urlAt(spec: string) {
  const { line, column } = positionOf(spec, 'url: ');
  return { line, column: column + 'url: '.length };
}

const bearerHeader = withHeaders({ Authorization: `Bearer ${JWT}` });
const apiKeyHeader = withHeaders({ 'X-Api-Key': '{{api_key}}' });
const hexHeader = withHeaders({ 'X-Client': 'd41d8cd98f00b204e9800998ecf8427e' });
const userinfo = withUrl('https://svc:hunter2@idp.example.com/api/v1/auth/verify');
const queryKey = withUrl('https://idp.example.com/api/v1/auth/verify?region=eu&key={{identity_key}}');
const randomPath = withUrl('https://hooks.example.com/services/X7f9kQ2mP4vR8sT1wY3zA6bC/verify');
const clientSecret = withBody('client_secret', 'hunter2');
const stripeKey = withBody('nonce', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc');
const basicBody = withBody('note', 'Basic Zm9vYmFyOmJhenF1eDEyMzQ1Ng==');

testRule('no-literal-secret', {
  valid: [
    { name: 'identity-promotion', spec: mutateFlow('identity-promotion', {}) },
    { name: 'international-otp (an ordinary header)', spec: mutateFlow('international-otp', {}) },
    { name: 'pin-with-summary', spec: mutateFlow('pin-with-summary', {}) },
    {
      name: 'a tenant UUID in the URL and placeholders in the query',
      spec: withUrl('https://api.example.com/tenants/3fa85f64-5717-4562-b3fc-2c963f66afa6/verify?region={{region}}'),
    },
    {
      name: 'query parameters that only end in key or code',
      spec: withUrl('https://api.example.com/verify?country_code=US&sort_key=name'),
    },
    { name: 'versioned words in a body literal', spec: withBody('channel', 'identity-promotion-v2-service') },
    {
      name: 'a PascalCase name and a plain sentence in headers',
      spec: withHeaders({ 'X-Flow': 'IdentityPromotionV2Service', 'X-Note': 'Basic customers only' }),
    },
  ],
  invalid: [
    {
      name: 'a literal bearer token header',
      spec: bearerHeader,
      errors: [{ messageId: 'authScheme', ...valueAt(bearerHeader, 'Authorization', 'Bearer'), severity: 'error' }],
    },
    {
      name: 'an API key header, even from a placeholder',
      spec: apiKeyHeader,
      errors: [{ messageId: 'secretHeader', ...positionOf(apiKeyHeader, 'X-Api-Key') }],
    },
    {
      name: 'a random hex value in a header',
      spec: hexHeader,
      errors: [{ messageId: 'highEntropy', ...valueAt(hexHeader, 'X-Client', 'd41d') }],
    },
    { name: 'user and password in the URL', spec: userinfo, errors: [{ messageId: 'urlCredentials', ...urlAt(userinfo) }] },
    { name: 'key= in the query string', spec: queryKey, errors: [{ messageId: 'urlSecretParam', ...urlAt(queryKey) }] },
    { name: 'a random path segment (a webhook secret)', spec: randomPath, errors: [{ messageId: 'highEntropy', ...urlAt(randomPath) }] },
    {
      name: 'a literal client secret in the body',
      spec: clientSecret,
      errors: [{ messageId: 'secretField', ...valueAt(clientSecret, 'client_secret', 'hunter2') }],
    },
    {
      name: 'a known key format in the body',
      spec: stripeKey,
      errors: [{ messageId: 'highEntropy', ...valueAt(stripeKey, 'nonce', 'sk_live') }],
    },
    {
      name: 'a Basic credential in the body',
      spec: basicBody,
      errors: [{ messageId: 'authScheme', ...valueAt(basicBody, 'note', 'Basic') }],
    },
  ],
});

describe('secret text heuristics', () => {
  it('computes Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it.each([
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    JWT,
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'd41d8cd98f00b204e9800998ecf8427e',
    'AKIAIOSFODNN7EXAMPLE',
    'X7f9kQ2mP4vR8sT1wY3zA6bC',
  ])('takes %s for a secret', (text) => {
    expect(looksRandom(text)).toBe(true);
  });

  it.each([
    'identity-promotion-v2-service',
    'api-v1-customers-summary-2024',
    'IdentityPromotionV2Service',
    'region1.identity.example.com',
    '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    'abcdefghijklmnopqrst1',
    'customer2024customer2024',
    'X7f9kQ2mP4vR8sT',
  ])('takes %s for ordinary text', (text) => {
    expect(looksRandom(text)).toBe(false);
  });

  it('needs a credential after the scheme', () => {
    expect(hasAuthScheme(`Bearer ${JWT}`)).toBe('Bearer');
    expect(hasAuthScheme('Bearer {{token}}')).toBe('Bearer');
    expect(hasAuthScheme('Basic customers')).toBeUndefined();
    expect(hasAuthScheme('token based')).toBeUndefined();
  });
});
