import type { PlaceholderUses } from './placeholders.js';
import { OPTIONS_SUBSTITUTIONS_KEY } from '../conventions.js';

/**
 * An Archy options file with one value per `{{placeholder}}` left in the output (docs/genesys.md
 * §5.1, §5.2): the environment's value when `--env` gives one, otherwise empty for the user to fill. Each key's comment says which files use it: Archy and Terraform
 * `genesyscloud_flow.substitutions` replace text in flow files only, never in data action JSON.
 */
export function buildOptionsData(
  placeholders: readonly string[],
  uses: PlaceholderUses,
  environment?: ReadonlyMap<string, string>,
): { data: object; comments: Map<string, string> } {
  const comments = new Map<string, string>();
  for (const key of placeholders) {
    const artifacts = uses.users(key);
    const users = artifacts.map((artifact) => artifact.path);
    const inData = users.filter((path) => path.endsWith('.json'));
    const asKey = artifacts.some((artifact) => artifact.path.endsWith('.yaml') && usedAsKey(artifact.contents, key));
    comments.set(
      key,
      [
        `used in ${users.join(', ')}`,
        ...(inData.length > 0 ? ['not substituted in data action JSON: fill it with `ivrflow generate --env`'] : []),
        ...(asKey ? ['also a mapping key: Terraform substitutes it, archy --optionsFile is UNVERIFIED for keys (prefer --env)'] : []),
      ].join('; '),
    );
  }
  return {
    data: { [OPTIONS_SUBSTITUTIONS_KEY]: Object.fromEntries(placeholders.map((key) => [key, environment?.get(key) ?? ''])) },
    comments,
  };
}

/**
 * A placeholder written as a YAML mapping key (the callData integration or data action name). The
 * Archy lesson on substitutions shows them in values only
 * (developer.genesys.cloud/devapps/archy/flowAuthoring/lesson_07_substitutions); Terraform replaces
 * raw text, keys included (GenesysCloudBlueprints/genesys-cloud-call-park@5eaa815
 * `terraform/modules/flows/orbit-parked-call-retrieval/orbit-parked-call-retrieval.yaml`).
 */
function usedAsKey(yaml: string, key: string): boolean {
  const token = `{{${key}}}`;
  // Only the lines holding the placeholder are tested, each once.
  for (let at = yaml.indexOf(token); at !== -1;) {
    const found = yaml.indexOf('\n', at);
    const lineEnd = found === -1 ? yaml.length : found;
    if (isKeyLine(yaml.slice(yaml.lastIndexOf('\n', at) + 1, lineEnd), token)) return true;
    at = yaml.indexOf(token, lineEnd);
  }
  return false;
}

/**
 * Whether the line matches `^\s*["']?[^"':]*` + token + `[^"':]*["']?:`, told without a RegExp
 * made per placeholder (compiling them was most of the options file): the token is a literal, so
 * the line matches when, at one of the token's places in it, what comes before matches the first
 * part whole and what comes after starts with the last part.
 */
function isKeyLine(line: string, token: string): boolean {
  for (let at = line.indexOf(token); at !== -1; at = line.indexOf(token, at + 1))
    if (KEY_BEFORE_TOKEN.test(line.slice(0, at)) && KEY_AFTER_TOKEN.test(line.slice(at + token.length))) return true;
  return false;
}

/** `\s*["']?[^"':]*` written so that it cannot backtrack over an indentation more than once per space. */
const KEY_BEFORE_TOKEN = /^(?:\s*["'])?[^"':]*$/;
const KEY_AFTER_TOKEN = /^[^"':]*["']?:/;
