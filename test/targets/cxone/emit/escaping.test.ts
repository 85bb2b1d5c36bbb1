import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jsonObjectSnippet,
  snippetString,
  snippetStringWithPlaceholders,
  ttsSequence,
  ttsText,
  neutralisedTtsText,
} from '../../../../src/targets/cxone/emit/escape.js';
import { ROOT } from '../../../helpers/fixtures.js';
import { actionsNamed, compileTextScript, property, snippetCode } from './script-graph.js';

const HOSTILE = [
  'plain',
  'a "quote"',
  "it's",
  'brace {otp} and }',
  'back\\slash',
  'line\nbreak\r\ttab',
  'café 日本語 🙂',
  '"; TRACE otp; x = "',
  '\\"{',
  '$"',
];

/**
 * Reads one Snippet string literal as Studio does (docs/cxone.md §6.5): `"…"` is taken
 * verbatim up to the next quote, `$"…"` honours `\"`, `\'`, `\{`, `\\`, `\t`, `\r`, `\n`.
 * Returns the text, the literal's length, and whether a `{` was left live (a substitution).
 */
function readSnippetString(code: string): { text: string; length: number; live: boolean } {
  const escaped = code.startsWith('$"');
  let position = escaped ? 2 : 1;
  let text = '';
  let live = false;
  const escapes: Record<string, string> = { '"': '"', "'": "'", '{': '{', t: '\t', r: '\r', n: '\n' };
  while (position < code.length) {
    const char = code[position]!;
    if (char === '"') return { text, length: position + 1, live };
    if (escaped && char === '\\') {
      const next = code[position + 1]!;
      expect(Object.keys(escapes), `unknown escape \\${next}`).toContain(next);
      text += escapes[next];
      position += 2;
      continue;
    }
    if (code.startsWith('{char(92)}', position)) {
      // A backslash: a constant expression substitution, since `\\` is seen nowhere public.
      text += '\\';
      position += '{char(92)}'.length;
      continue;
    }
    if (char === '{') live = true;
    text += char;
    position++;
  }
  throw new Error(`unterminated string: ${code}`);
}

/** Every string literal of one line of code, read in order; a broken literal throws. */
function stringLiterals(line: string): string[] {
  const found: string[] = [];
  let position = 0;
  while (position < line.length) {
    const start = line.startsWith('$"', position) ? position : line[position] === '"' ? position : -1;
    if (start === -1) {
      position++;
      continue;
    }
    const read = readSnippetString(line.slice(start));
    found.push(read.text);
    position = start + read.length;
  }
  return found;
}

describe('Snippet string escaping', () => {
  it.each(HOSTILE)('round-trips %j as one literal with no live substitution', (text) => {
    const literal = snippetString(text);
    const read = readSnippetString(literal);
    expect(read).toEqual({ text, length: literal.length, live: false });
  });

  it('keeps {{placeholders}} verbatim for deploy-time substitution, and escapes the rest', () => {
    const literal = snippetStringWithPlaceholders('https://x/{{base_url}}/a"b{c}');
    expect(literal).toContain('{{base_url}}');
    expect(readSnippetString(literal.replace('{{base_url}}', 'host')).text).toBe('https://x/host/a"b{c}');
  });

  it('builds JSON text whose only live substitution is the bearer token', () => {
    const headers = [{ name: 'X-"Note"', value: 'a{b}\\c\nd' }];
    const literal = jsonObjectSnippet(headers, 'tok');
    const read = readSnippetString(literal.replace('{tok}', 'SECRET'));
    expect(JSON.parse(read.text)).toEqual({ Authorization: 'Bearer SECRET', 'X-"Note"': 'a{b}\\c\nd' });
    expect(read.live).toBe(false);
  });
});

describe('TTS sequences', () => {
  it('neutralises quotes and braces, so a prompt can neither end a segment nor read a variable aloud', () => {
    const sequence = ttsSequence('Say "{otp}" now\nplease');
    expect(sequence).toBe(`"%Say '(otp)' now please"`);
  });

  it('splits long prompts into segments of at most 300 characters on word boundaries', () => {
    const words = Array.from({ length: 120 }, (_, index) => `word${index}`).join(' ');
    const segments = [...ttsSequence(words).matchAll(/"%([^"]*)"/g)].map((match) => match[1]!);
    expect(segments.length).toBeGreaterThan(2);
    for (const segment of segments) expect(segment.length).toBeLessThanOrEqual(300);
    expect(segments.join(' ')).toBe(words);
  });

  it.each([
    ...HOSTILE,
    '',
    '  Welcome to the member line.  ',
    'two  spaces',
    '\u00a0non-breaking\u2003em space\u00a0',
    'nul\u0000 del\u007f ls\u2028 ps\u2029',
    ' \t\n ',
    'x\u000by',
    'del\u007finside',
    'line\u2028separator',
    'paragraph\u2029separator',
  ])('ttsText(%j) is what every replacement gives', (text) => {
    expect(ttsText(text)).toBe(neutralisedTtsText(text));
  });
});

describe('a spec full of hostile strings (test/cases/cxone-hostile-strings)', () => {
  const text = readFileSync(join(ROOT, 'test/cases/cxone-hostile-strings/spec.yaml'), 'utf8');

  it('puts every spec string in the Snippet code as one literal that reads back exactly', async () => {
    const script = await compileTextScript(text);
    const code = snippetCode(script).join('\n');
    const expected = [
      'quote " brace { close } backslash \\ newline \n tab \t apostrophe \' é 日本',
      'va"l{ue}\\ \n',
      'o"k{',
      'She said "hi" {account}\nbye',
      'x"}{account}\n',
    ];
    const literals = code
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .flatMap((line) => stringLiterals(line));
    for (const value of expected) expect(literals).toContain(value);
  });

  it('never lets a prompt, caption or literal property name a variable', async () => {
    const script = await compileTextScript(text);
    for (const play of [...actionsNamed(script, 'PLAY'), ...actionsNamed(script, 'MENU')]) {
      expect(String(property(play, 'Sequence'))).not.toMatch(/[{}]/);
      expect(String(property(play, 'Sequence'))).toMatch(/^"%[^"]*"( "%[^"]*")*$/);
    }
    for (const assign of actionsNamed(script, 'ASSIGN'))
      expect(String(property(assign, 'Value'))).toMatch(/^(\{[A-Za-z_]\w*\}(\+1)?|\{\{secret_\w+\}\}|[^{}"]*)$/);
    const condition = actionsNamed(script, 'IF').find((action) => action.label === 'Check')!;
    expect(property(condition, 'Expression')).toBe('(res_tier != "" & (res_tier = $"gold\\"" | res_tier = $"\\{plat}"))');
  });
});
