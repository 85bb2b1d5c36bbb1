import velocity from 'velocityjs';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { parseExpression as parseArchitect } from '../../../src/targets/genesys/engine/expression.js';
import { parseExpression as parseSnippetExpression, parseSnippet } from '../../../src/targets/cxone/engine/snippet-syntax.js';
import { ttsText } from '../../../src/targets/cxone/emit/escape.js';
import type { Artifact } from '../../../src/targets/artifact.js';

/**
 * An artifact read the way its platform reads it, down to the strings a spec value becomes: YAML
 * (1.1 and 1.2 must agree) with each Architect `exp` parsed, JSON with the data action's Velocity
 * templates rendered by velocityjs (and the rendered body parsed as JSON), and the Studio script
 * with each Snippet and IF expression parsed, each TTS Sequence read as its spoken text. Two specs
 * that differ only in one literal then decode to trees that differ only in that literal.
 *
 * Left out, because they are derived from the text rather than carrying it: Studio action labels
 * (captions, shortened) and the IR dump's spec positions (a literal with line breaks moves later lines).
 */
type Tree = unknown;
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Velocity's EscapeTool as Genesys provides it to data action templates ($esc.d, .h, .b, .jsonString). */
const ESC = { d: '$', h: '#', b: '\\', jsonString: (value: unknown) => JSON.stringify(String(value)).slice(1, -1) };
/** The IR dump's spec positions and the flow's slug (its folder name), derived from the text around a literal. */
const IR_DERIVED = new Set(['origin', 'span', 'slug']);
const VELOCITY_KEYS = new Set(['requestUrlTemplate', 'requestTemplate', 'successTemplate']);

export function decodeArtifact(artifact: Artifact): unknown {
  if (artifact.path.endsWith('.yaml')) {
    const older = parse(artifact.contents, { version: '1.1' }) as Tree;
    const newer = parse(artifact.contents, { version: '1.2' }) as Tree;
    expect(older, `${artifact.path} reads the same in YAML 1.1 and 1.2`).toEqual(newer);
    return mapTree(newer, (key, value) => archyValue(key, value, artifact.path));
  }
  const json = JSON.parse(artifact.contents) as Tree;
  if (artifact.target === 'cxone') return mapTree(json, (key, value) => studioValue(key, value, artifact.path));
  if (artifact.kind === 'dataAction') return mapTree(json, (key, value, parent) => velocityValue(key, value, parent));
  if (artifact.kind === 'ir') return mapTree(json, (key, value) => (IR_DERIVED.has(String(key)) ? undefined : value));
  return json;
}

function archyValue(key: string | number, value: unknown, where: string): unknown {
  return key === 'exp' && typeof value === 'string' ? { exp: parseArchitect(value, where) } : value;
}

/** Velocity text is rendered: a template and every request header. */
function velocityValue(key: string | number, value: unknown, parent: string | undefined): unknown {
  if (typeof value !== 'string' || !(VELOCITY_KEYS.has(String(key)) || parent === 'headers')) return value;
  const rendered = velocity.render(value, { esc: ESC });
  if (key === 'requestUrlTemplate') return { velocity: urlParts(rendered) };
  return { velocity: key === 'requestTemplate' ? jsonOrText(rendered) : rendered };
}

/**
 * A URL as the server reads it: path segments and query values percent-decoded. A character that
 * should have been encoded (`#`, `?`, `&`, `+`) changes the parts, so it cannot hide.
 */
function urlParts(text: string): unknown {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  return { origin: url.origin, path: url.pathname.split('/').map(percentDecoded), query: [...url.searchParams], hash: url.hash };
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function studioValue(key: string | number, value: unknown, where: string): unknown {
  if (key === 'label') return undefined;
  if (!isRecord(value) || typeof value['name'] !== 'string' || typeof value['value'] !== 'string') return value;
  const text = value['value'];
  switch (value['name']) {
    case 'Data':
      return { snippet: snippetTree(parseSnippet(text, where)) };
    case 'Expression':
      return { expression: snippetTree(parseSnippetExpression(text, where)) };
    case 'Sequence':
      return { spoken: [...text.matchAll(/"%([^"]*)"|"([^"]*\.wav)"/g)].map((match) => match[1] ?? match[2]!).join(' ') };
    case 'Phrase':
      return { spoken: text };
    default:
      return value;
  }
}

/** A Snippet string becomes its text, each `{variable}` substitution marked so JSON text inside still parses. */
function snippetTree(tree: unknown): unknown {
  return mapTree(tree, (_, value) => {
    if (!isRecord(value) || value['kind'] !== 'string' || !Array.isArray(value['parts'])) return value;
    const parts = value['parts'] as ({ text: string } | { ref: string })[];
    return { string: jsonOrText(parts.map((part) => ('ref' in part ? `\u27e6${part.ref}\u27e7` : part.text)).join('')) };
  });
}

function jsonOrText(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Each object member passed through `change` (which may replace it, or drop it with undefined),
 * top down, with an explicit stack: a deep artifact cannot exhaust the call stack.
 */
function mapTree(root: Tree, change: (key: string | number, value: unknown, parent: string | undefined) => unknown): Tree {
  const holder: Record<string, unknown> = { root };
  const pending: { container: Record<string, unknown> | unknown[]; key: string | number; parent: string | undefined }[] = [
    { container: holder, key: 'root', parent: undefined },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { container, key, parent } = item;
    const original = (container as Record<string | number, unknown>)[key];
    const value = change(key, original, parent);
    if (value === undefined && !Array.isArray(container)) {
      delete (container as Record<string, unknown>)[key as string];
      continue;
    }
    const copy: unknown = Array.isArray(value) ? [...value] : isRecord(value) ? { ...value } : value;
    (container as Record<string | number, unknown>)[key] = copy;
    if (Array.isArray(copy)) copy.forEach((_, index) => pending.push({ container: copy, key: index, parent }));
    else if (isRecord(copy))
      for (const child of Object.keys(copy)) pending.push({ container: copy, key: child, parent: typeof key === 'string' ? key : parent });
  }
  return holder['root'];
}

/** The decoded tree with `from` replaced by `to` in every string and key, then made canonical. */
export function replaced(tree: Tree, from: string, to: string): Tree {
  const swap = (text: string) => text.split(from).join(to);
  const swapped = mapTree(tree, (_, value) => {
    if (typeof value === 'string') return swap(value);
    if (!isRecord(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [swap(name), child]));
  });
  return canonical(swapped);
}

/**
 * What two decodings are compared on: TTS text as CXone speaks it, an Archy flow's variables as a
 * set (the emitter sorts them by name, so a renamed variable moves) and its language tag in any
 * case (BCP 47 tags are case-insensitive; the emitter writes lower case).
 */
export function canonical(tree: Tree): Tree {
  return mapTree(tree, (key, value) => {
    if (key === 'spoken' && typeof value === 'string') return ttsText(value);
    if (key === 'defaultLanguage' && typeof value === 'string') return value.toLowerCase();
    if (key === 'variables' && Array.isArray(value)) return [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return value;
  });
}

/** The tree without the lists of placeholders (the options file's `substitutions`, the IR's `placeholders`). */
export function withoutPlaceholderLists(tree: Tree): Tree {
  return mapTree(tree, (key, value) => (key === 'substitutions' || key === 'placeholders' ? undefined : value));
}
