import type { Artifact } from '../../artifact.js';
import { OPTIONS_SUBSTITUTIONS_KEY } from '../unverified.js';

/**
 * An Archy options-file stub with one empty value per `{{placeholder}}` left in the output
 * (docs/genesys.md §5.1, §5.2). Each key's comment says which files use it: Archy and Terraform
 * `genesyscloud_flow.substitutions` replace text in flow files only, never in data action JSON.
 */
export function buildOptionsData(
  placeholders: readonly string[],
  artifacts: readonly Artifact[],
): { data: object; comments: Map<string, string> } {
  const comments = new Map<string, string>();
  for (const key of placeholders) {
    const users = artifacts.filter((artifact) => artifact.contents.includes(`{{${key}}}`)).map((artifact) => artifact.path);
    const inData = users.filter((path) => path.endsWith('.json'));
    comments.set(
      key,
      [
        `used in ${users.join(', ')}`,
        ...(inData.length > 0 ? ['not substituted in data action JSON: fill it with `ivrflow generate --env`'] : []),
      ].join('; '),
    );
  }
  return { data: { [OPTIONS_SUBSTITUTIONS_KEY]: Object.fromEntries(placeholders.map((key) => [key, ''])) }, comments };
}
