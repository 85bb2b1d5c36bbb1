import { describe, expect, it } from 'vitest';
import { printable } from '../../src/diagnostics/render/printable.js';
import { check, readRepoFile, renderPlain } from '../helpers/fixtures.js';

describe('stylish output of hostile text', () => {
  it('shows control characters from the file as visible pictures, in the message and the code frame, columns kept', () => {
    const text = readRepoFile('flows/identity-promotion.yaml').replace('    timeoutSeconds: 15\n', '    timeoutSecond\u001b[2J\r: 15\n');
    const output = renderPlain(check(text), text);
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(output).toContain('Unknown key `timeoutSecond\u241b[2J\u240d` in `endpoints.verifyIdentity`.');
    expect(output).toContain('> 30 |     timeoutSecond\u241b[2J\u240d: 15\n     |     ^^^^^^^^^^^^^^^^^\n');
  });

  it('replaces bidi overrides and keeps tabs', () => {
    expect(printable('a\u202eb\tc\u0007')).toBe('a\ufffdb\tc\u2407');
  });
});
