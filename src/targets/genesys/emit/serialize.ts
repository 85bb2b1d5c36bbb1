/**
 * YAML that reads back identically under YAML 1.2 and 1.1 (research/archy.md §2.0: published files
 * are read by 1.1 tools too, and `yes`/`no` output keys must stay text). The data is plain JSON-like
 * (maps, lists, strings, numbers, booleans), so the writer is small: a string is written plain only
 * when it is printable ASCII that starts with a letter, has no `: ` or ` #`, does not end in `:` or a
 * space, and is not a word YAML 1.1 reads as a boolean or null; everything else is double-quoted with
 * JSON's escapes, which both YAML versions share. Round-trip tests read every file with both versions.
 */
export function toYaml(data: unknown, header: readonly string[], keyComments: ReadonlyMap<string, string> = new Map()): string {
  // A spec file name is user text: a line break in it must not end the comment.
  const comments = header.map((line) => `# ${line.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '?')}`.trimEnd());
  return `${comments.join('\n')}\n\n${writeBlock(data, 0, keyComments).join('\n')}\n`;
}

export function toJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Words YAML 1.1 reads as booleans or null (yaml.org/type/bool.html, null.html). */
const YAML11_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const PLAIN = /^[A-Za-z][\x20-\x7e]*$/;
/** Characters outside YAML's printable set, or read as line breaks by YAML 1.1, escaped in quotes. */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const text = String(value);
  if (PLAIN.test(text) && !/: | #/.test(text) && !/[: ]$/.test(text) && !YAML11_WORDS.has(text.toLowerCase())) return text;
  return JSON.stringify(text).replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function emptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

/** The lines of a collection at `indent` spaces; scalars never reach here. */
function writeBlock(value: unknown, indent: number, keyComments: ReadonlyMap<string, string>): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!isCollection(item)) lines.push(`${pad}- ${emptyCollection(item) ?? scalar(item)}`);
      else {
        const nested = writeBlock(item, indent + 2, keyComments);
        // The first line of an item's block goes after its dash: `- task:`.
        lines.push(`${pad}- ${nested[0]!.trimStart()}`, ...nested.slice(1));
      }
    }
    return lines;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const comment = keyComments.get(key);
    if (comment !== undefined) lines.push(`${pad}# ${comment}`);
    if (!isCollection(child)) lines.push(`${pad}${scalar(key)}: ${emptyCollection(child) ?? scalar(child)}`);
    else lines.push(`${pad}${scalar(key)}:`, ...writeBlock(child, indent + 2, keyComments));
  }
  return lines;
}
