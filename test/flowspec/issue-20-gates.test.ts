import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SPEC_BYTES } from '../../src/flowspec/load.js';
import { ivrflow } from '../helpers/cli.js';
import { ROOT, check, codes, mutateFlow, positionOf, readRepoFile } from '../helpers/fixtures.js';

/**
 * Issue 20, "Gates that let bad specs through": one quick test per gate closed in earlier sessions,
 * so none of them opens again unnoticed. The side files' size limits are test/cli/side-files.test.ts,
 * the internal error's exit 70 test/cli/internal-error.test.ts; what only an emitter used to find is
 * test/registry/emitter-diagnostics.test.ts.
 */
describe('issue 20 gates', () => {
  it('a comparison without an operator nested in any, all and not is an error at the comparison', () => {
    const text = mutateFlow('identity-promotion', {
      'steps.promoteIdentity': {
        type: 'condition',
        if: { all: [{ exists: { ref: 'auth.tier' } }, { not: { any: [{ ref: 'auth.tier', equals: 'gold' }, { ref: 'auth.tier' }] } }] },
        then: 'routeByTier',
        else: 'routeByTier',
      },
    });
    const diagnostics = check(text);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((diagnostic) => diagnostic.severity === 'error' && diagnostic.span !== undefined && diagnostic.hint)).toBe(
      true,
    );
    expect(diagnostics.some((diagnostic) => diagnostic.message.includes('no operator'))).toBe(true);
  });

  it('secure.onUnavailable that is secure.entry is an error at its value', () => {
    const text = mutateFlow('identity-promotion', { 'secure.onUnavailable': 'authenticate' });
    const { line, column } = positionOf(text, 'onUnavailable: authenticate');
    expect(codes(check(text))).toEqual([`secure/unavailable-cycle@${line}:${column + 'onUnavailable: '.length}`]);
  });

  it('a `{{secret_*}}` placeholder in spec text is an error', () => {
    const text = mutateFlow('identity-promotion', { 'steps.greeting.prompt': 'Your token is {{secret_middlewareToken}}.' });
    expect(check(text).map((diagnostic) => diagnostic.code)).toContain('secure/reserved-placeholder');
  });

  it.each([
    ['an unknown tag', 'ivrflow: 1\nname: !custom Flow\n', 'yaml/unknown-tag'],
    ['a Python object tag', 'ivrflow: 1\nname: !!python/object:os.system x\n', 'yaml/unknown-tag'],
    ['%YAML 2.0', '%YAML 2.0\n---\nivrflow: 1\n', 'yaml/directive'],
  ])('%s is an error', (_, text, code) => {
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain(code);
    expect(diagnostics.find((diagnostic) => diagnostic.code === code)!.span).toBeDefined();
  });

  it('a scenario file over the input limit is refused (exit 2) before it is parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivrflow-gates-'));
    copyFileSync(join(ROOT, 'flows/identity-promotion.yaml'), join(dir, 'identity-promotion.yaml'));
    writeFileSync(join(dir, 'identity-promotion.test.yaml'), `ivrflowTest: 1\n# ${'x'.repeat(MAX_SPEC_BYTES)}\n`);
    const result = await ivrflow(['test', 'identity-promotion.yaml'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`at most ${MAX_SPEC_BYTES} bytes`);
    expect(readRepoFile('flows/identity-promotion.yaml')).toContain('ivrflow: 1');
  });
});
