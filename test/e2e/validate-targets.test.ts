import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ivrflow, tempDir } from '../helpers/cli.js';
import { mutateFlow, positionOf } from '../helpers/fixtures.js';

function specFile(text: string): string {
  const file = join(tempDir(), 'flow.yaml');
  writeFileSync(file, text);
  return file;
}

describe('validate reports vendor name clashes for the selected targets', () => {
  it.each([
    ['an attribute `OTP` beside the variable `otp`', 'OTP', 'which variable `otp` already uses'],
    ['an attribute named like a generated variable', 'ivrflow_tries_authenticate', 'reserved for the generated script'],
  ])('%s: an error from validate (it was caught only by generate), and only when cxone is selected', async (_, attribute, message) => {
    const text = mutateFlow('identity-promotion', { [`steps.promoteIdentity.attributes[${attribute}]`]: 'x' });
    const file = specFile(text);
    const where = positionOf(text, `${attribute}:`);
    const both = await ivrflow(['validate', file, '--format', 'json']);
    expect(both.exitCode).toBe(1);
    const [diagnostic] = (JSON.parse(both.stdout) as { diagnostics: { line: number; column: number; message: string }[] }).diagnostics;
    expect(diagnostic).toMatchObject({ line: where.line, column: where.column, message: expect.stringContaining(message) });
    expect((await ivrflow(['validate', file, '--target', 'cxone'])).exitCode).toBe(1);
    expect(await ivrflow(['validate', file, '--target', 'genesys'])).toMatchObject({ exitCode: 0 });
  });
});
