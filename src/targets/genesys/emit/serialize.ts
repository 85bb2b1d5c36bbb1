import { Document, isMap, isScalar, visit } from 'yaml';
import { ARCHY_YAML_OPTIONS, ARCHY_YAML_WRITE_OPTIONS, writeArchyYaml } from './yaml-writer.js';

/**
 * Archy YAML written by the `yaml` library with `compat: 'yaml-1.1'`: a scalar is written plain only
 * when YAML 1.1 and 1.2 read it alike, so `yes`/`no` output keys and `on`/`off` words stay text
 * (https://eemeli.org/yaml/#options, "compat"). Archy is built on Go and JavaScript YAML 1.1
 * readers; round-trip tests read every file with both versions. `lineWidth: 0` never folds a long
 * expression; JSON escapes in double quotes are the subset both versions share.
 */
export function toYaml(data: unknown, header: readonly string[], keyComments: ReadonlyMap<string, string> = new Map()): string {
  const commentLines = headerCommentLines(header);
  const head = headerText(commentLines);
  const fast = head === undefined ? undefined : writeArchyYaml(data, keyComments.size === 0 ? undefined : keyComments, head);
  return fast ?? documentText(data, commentLines, keyComments);
}

/**
 * What `toYaml` writes, by a `yaml` Document: for what the fast writer declines, and the reference
 * `test/targets/genesys/yaml-writer.test.ts` holds it to.
 */
export function toYamlByDocument(data: unknown, header: readonly string[], keyComments: ReadonlyMap<string, string> = new Map()): string {
  return documentText(data, headerCommentLines(header), keyComments);
}

/** A spec file name is user text: a line break in it must not end the comment. */
function headerCommentLines(header: readonly string[]): string[] {
  return header.map((line) => ` ${line.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '?')}`.trimEnd());
}

function documentText(data: unknown, commentLines: readonly string[], keyComments: ReadonlyMap<string, string>): string {
  // Shared subtrees (a step reached on two paths) are written out each time: Archy has no anchors.
  const document = new Document(data, ARCHY_YAML_OPTIONS);
  document.commentBefore = commentLines.join('\n');
  if (keyComments.size > 0) commentKeys(document, keyComments);
  return document.toString(ARCHY_YAML_WRITE_OPTIONS);
}

/**
 * The header as the library writes a document's `commentBefore`: `#` + each line, then a blank
 * line; undefined for an empty line, which it writes otherwise.
 */
function headerText(commentLines: readonly string[]): string | undefined {
  if (commentLines.some((line) => line === '')) return undefined;
  return commentLines.length === 0 ? '' : `${commentLines.map((line) => `#${line}`).join('\n')}\n\n`;
}

/** A comment line above every mapping key that has one (the options file explains each placeholder). */
function commentKeys(document: Document, keyComments: ReadonlyMap<string, string>): void {
  visit(document, {
    Map(_, map) {
      if (!isMap(map)) return;
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const comment = keyComments.get(String(pair.key.value));
        if (comment !== undefined) pair.key.commentBefore = ` ${comment}`;
      }
    },
  });
}
