/**
 * The options file's note on a placeholder written as a YAML mapping key (src/targets/genesys/emit/options-file.ts),
 * against the line-by-line pattern it used before: the lines holding the placeholder are the only
 * ones that pattern can match, so testing only those finds the same keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../../../src/targets/artifact.js';
import { buildOptionsData } from '../../../../src/targets/genesys/emit/options-file.js';
import { PlaceholderUses } from '../../../../src/targets/genesys/emit/placeholders.js';

const AS_KEY = 'also a mapping key';

function flowFile(contents: string): Artifact {
  return { path: 'genesys/inbound-call.yaml', contents, target: 'genesys', kind: 'inboundCall' };
}

/** The pattern before, a RegExp per placeholder tested on every line of the file. */
function usedAsKeyBefore(yaml: string, key: string): boolean {
  const token = `{{${key}}}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return yaml.split('\n').some((line) => new RegExp(`^\\s*["']?[^"':]*${token}[^"':]*["']?:`).test(line));
}

function notes(key: string, contents: string): string | undefined {
  const uses = new PlaceholderUses();
  uses.add(flowFile(contents));
  return buildOptionsData([key], uses).comments.get(key);
}

const FILES = [
  'a:\n  callData:\n    "{{integration}}":\n      x: 1\n',
  'a:\n  name: {{integration}}\n',
  '      - {{integration}} data: 2\n',
  "  '{{integration}}': 3",
  'first: "{{integration}}"\nsecond:\n      {{integration}}: 4',
  'no placeholder: here\n',
  'x: "a: {{integration}}"\n',
  '{{integration}}',
];

describe('the options file notes', () => {
  it('say a placeholder is a mapping key exactly where the line-by-line pattern said so', () => {
    let keys = 0;
    for (const contents of FILES) {
      const before = usedAsKeyBefore(contents, 'integration');
      if (before) keys += 1;
      expect(notes('integration', contents)?.includes(AS_KEY) ?? false, contents).toBe(before);
    }
    expect(keys).toBeGreaterThanOrEqual(3);
  });

  it('say a placeholder is a mapping key exactly where the pattern says so, on random lines around it', () => {
    const piece = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\ufeff',
      '"',
      "'",
      ':',
      ': ',
      'a',
      '-',
      '- ',
      '#',
      '{',
      '}',
      '{{x}}',
      '{{x}',
      '\r',
      '\n',
      'é',
    );
    const text = fc.array(fc.oneof(piece, fc.constant('{{x}}')), { maxLength: 12 }).map((pieces) => pieces.join(''));
    let keys = 0;
    fc.assert(
      fc.property(text, (contents) => {
        const before = usedAsKeyBefore(contents, 'x');
        if (before) keys += 1;
        expect(notes('x', contents)?.includes(AS_KEY) ?? false).toBe(before);
      }),
      { numRuns: 5000, seed: 20_261_203 },
    );
    // Not vacuous: many of the lines are keys.
    expect(keys).toBeGreaterThan(250);
  });

  it('read a `.` in a placeholder as itself, not as any character', () => {
    expect(notes('a.b', 'x:\n  "{{axb}}": 1\n  y: {{a.b}}\n')).not.toContain(AS_KEY);
    expect(notes('a.b', 'x:\n  "{{a.b}}": 1\n')).toContain(AS_KEY);
  });
});
