import { Document, isScalar, parse, visit } from 'yaml';

/**
 * YAML that reads back identically under YAML 1.2 and 1.1 (research/archy.md §2.0: published files
 * are read by 1.1 tools too). Written with the 1.1 schema, which quotes `yes`, `no`, `on`, `0755`;
 * then any string a 1.2 reader would take for something else (`0o17`) is double-quoted.
 */
export function toYaml(data: unknown, header: readonly string[], keyComments: ReadonlyMap<string, string> = new Map()): string {
  const document = new Document(data, { version: '1.1', aliasDuplicateObjects: false });
  visit(document, {
    Pair(_key, pair) {
      const comment = isScalar(pair.key) ? keyComments.get(String(pair.key.value)) : undefined;
      if (comment !== undefined && isScalar(pair.key)) pair.key.commentBefore = ` ${comment}`;
    },
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !readsBackAsString(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // A spec file name is user text: a line break in it must not end the comment.
  document.commentBefore = header.map((line) => ` ${line.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '?')}`).join('\n');
  return document.toString({ lineWidth: 0 });
}

function readsBackAsString(text: string): boolean {
  if (/[\n\r]/.test(text)) return true;
  try {
    return parse(text, { logLevel: 'silent' }) === text && parse(text, { version: '1.1', logLevel: 'silent' }) === text;
  } catch {
    return false;
  }
}

export function toJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
