/**
 * Terraform's JSON syntax (https://developer.hashicorp.com/terraform/language/syntax/json): every
 * string, map keys included, is a template, so `${` and `%{` in spec text must be written `$${` and
 * `%%{` ("Any instances of '${' must be properly escaped as '$${'", the provider's own docs for
 * `request_template`: MyPureCloud/terraform-provider-genesyscloud@f955430 docs/resources/integration_action.md).
 */
export function templateLiteral(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** Identifiers: letters, digits, `_` and `-`, not starting with a digit (terraform/language/syntax/configuration#identifiers). */
export function identifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Names a module variable cannot take (terraform/language/values/variables#declaring-an-input-variable). */
const RESERVED_VARIABLE_NAMES = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);

/**
 * One variable name per key, distinct and stable: the key as an identifier, suffixed when it is reserved
 * or another key already took it (`a.b` and `a_b`). Keys are taken in sorted order, so the same keys
 * always get the same names.
 */
export function variableNames(keys: readonly string[], taken: readonly string[]): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const key of [...new Set(keys)].sort()) {
    const base = identifier(key);
    let name = RESERVED_VARIABLE_NAMES.has(base) ? `${base}_value` : base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(key, name);
  }
  return names;
}
