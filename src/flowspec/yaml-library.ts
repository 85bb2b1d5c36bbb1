import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

type YamlLibrary = typeof Yaml;

let library: YamlLibrary | undefined;

/**
 * The `yaml` library, loaded at its first use: it is 72 modules, a third of a cold `ivrflow validate`,
 * and a clean spec read by the fast path (`fast-yaml.ts`) never needs it.
 */
export function yamlLibrary(): YamlLibrary {
  return (library ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}
