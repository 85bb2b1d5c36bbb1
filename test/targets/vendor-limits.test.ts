import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../src/pipeline.js';
import { mutateFlow } from '../helpers/fixtures.js';

/** Vendor ceilings are facts of one target, checked once by that target whatever the rules say. */
function limitErrors(seconds: number, options: Parameters<typeof checkSpec>[2] = {}) {
  const spec = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.timeoutSeconds': seconds });
  const { diagnostics } = checkSpec('spec.yaml', Buffer.from(spec), options);
  return diagnostics.filter((diagnostic) => diagnostic.path.join('.') === 'endpoints.verifyIdentity.timeoutSeconds');
}

describe('vendor limits', () => {
  it('reports a 75 s timeout once, as the Genesys data action limit', () => {
    const found = limitErrors(75);
    expect(found.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['target/limit', 'error']]);
    expect(found[0]!.message).toContain('Genesys data action range of 1 to 60 s');
  });

  it('reports it once even with http-timeout turned down to a warning', () => {
    const found = limitErrors(75, { rules: new Map([['http-timeout', { level: 'warning' }]]) });
    expect(found.map((diagnostic) => diagnostic.code)).toEqual(['target/limit']);
  });

  it('checks only the selected targets', () => {
    expect(limitErrors(75, { targets: ['cxone'] })).toEqual([]);
    expect(limitErrors(120, { targets: ['cxone'] }).map((diagnostic) => diagnostic.message)).toEqual([
      'CXone waits at most 90 s for a REST call; `verifyIdentity` asks for 120 s.',
    ]);
    expect(limitErrors(120).length).toBe(2);
  });

  it('keeps the graph from a spec that breaks a vendor limit, so nothing is emitted', () => {
    const spec = mutateFlow('identity-promotion', { 'endpoints.verifyIdentity.timeoutSeconds': 75 });
    expect(checkSpec('spec.yaml', Buffer.from(spec)).graph).toBeUndefined();
    expect(checkSpec('spec.yaml', Buffer.from(spec), { targets: ['cxone'] }).graph).toBeDefined();
  });
});
