import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/rules/index.js';
import { ROOT } from '../helpers/fixtures.js';

describe('rule registry', () => {
  it('lists every rule file, alphabetically, each under its own id', () => {
    const files = readdirSync(join(ROOT, 'src/lint/rules'))
      .filter((file) => file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''));
    expect(RULES.map((rule) => rule.id)).toEqual([...files].sort());
  });

  it.each(RULES.map((rule) => [rule.id]))('%s has a test, a doc page and a row in docs/rules/README.md', (id) => {
    expect(existsSync(join(ROOT, 'test/lint', `${id}.test.ts`))).toBe(true);
    expect(existsSync(join(ROOT, 'docs/rules', `${id}.md`))).toBe(true);
    expect(readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8')).toContain(`| [${id}](${id}.md) |`);
  });
});
