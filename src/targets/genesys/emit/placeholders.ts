import type { Artifact } from '../../artifact.js';

/** A `{{key}}` token whose key holds no brace: the only keys a spec, an include or ivrflow itself writes. */
const PLACEHOLDER_TOKEN = /\{\{([^{}]+)\}\}/g;

/**
 * The `{{key}}` placeholders left in each artifact, every text read once: the options file and the
 * data action warnings ask about each key of the flow, which was a search through every file per
 * key (the flow files are tens of kilobytes). Artifacts are kept in the order they were added.
 */
export class PlaceholderUses {
  private readonly found: { artifact: Artifact; keys: ReadonlySet<string> }[] = [];

  /** Records the artifact and returns the keys of its placeholders. */
  add(artifact: Artifact): ReadonlySet<string> {
    const keys = tokenKeys(artifact.contents);
    this.found.push({ artifact, keys });
    return keys;
  }

  /** The artifacts whose text holds `{{key}}`. */
  users(key: string): Artifact[] {
    return this.found.filter(({ artifact, keys }) => holdsPlaceholder(artifact.contents, keys, key)).map(({ artifact }) => artifact);
  }

  isUsed(key: string): boolean {
    return this.found.some(({ artifact, keys }) => holdsPlaceholder(artifact.contents, keys, key));
  }
}

/**
 * The keys of the `{{key}}` tokens in a text, any key without a brace: wider than the spec's
 * placeholder syntax (`placeholderKeys` in flowspec/placeholders.ts), because the data action
 * warning names whatever token a file keeps. For a key without braces, `text.includes('{{key}}')`
 * holds exactly when the key is among them: no earlier token can overlap one (a token's inside has
 * no brace), and a token's inside ends at its first brace.
 */
export function tokenKeys(text: string): Set<string> {
  const keys = new Set<string>();
  if (!text.includes('{{')) return keys;
  for (const match of text.matchAll(PLACEHOLDER_TOKEN)) keys.add(match[1]!);
  return keys;
}

/** Whether the text holds `{{key}}`; asked of the text itself for a key the tokens cannot tell (empty, or with a brace). */
function holdsPlaceholder(text: string, keys: ReadonlySet<string>, key: string): boolean {
  return key === '' || key.includes('{') || key.includes('}') ? text.includes(`{{${key}}}`) : keys.has(key);
}
