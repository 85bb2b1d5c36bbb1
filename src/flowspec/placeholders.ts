/** `{{key}}`, as Archy options files and Terraform `genesyscloud_flow.substitutions` write it. */
const PLACEHOLDER = /\{\{([A-Za-z0-9_.-]+)\}\}/g;

export function placeholderKeys(text: string): string[] {
  if (!text.includes('{{')) return [];
  // exec on the one global pattern, not matchAll: matchAll copies the pattern for each text.
  const keys: string[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(text); match !== null; match = PLACEHOLDER.exec(text)) keys.push(match[1]!);
  return keys;
}

/** Replace every placeholder that has a value; the others stay verbatim. */
export function fillPlaceholders(text: string, environment: ReadonlyMap<string, string>): string {
  // Nothing to fill (a check without --env, most texts): the text as it is, without a replace pass.
  if (environment.size === 0 || !text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, key: string) => environment.get(key) ?? whole);
}

/** The text cut at its placeholders: `[literal, key, literal, key, …, literal]` (always an odd length). */
export function splitPlaceholders(text: string): string[] {
  return text.split(PLACEHOLDER);
}
