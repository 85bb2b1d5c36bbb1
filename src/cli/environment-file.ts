import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { CliError } from './io.js';

/**
 * An environment file maps placeholder keys to values, one per line: `platinum_queue: Platinum Support`.
 * Values must be scalars; they are used as text.
 */
export async function readEnvironmentFile(file: string, cwd: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the environment file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (document.errors.length > 0)
    throw new CliError(`The environment file ${file} is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  const environment = new Map<string, string>();
  if (document.contents === null) return environment;
  if (!isMap(document.contents)) throw new CliError(`The environment file ${file} must be a mapping of placeholder keys to values.`);
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null)
      throw new CliError(`The environment file ${file} must map each key to a single value (near \`${String(pair.key)}\`).`);
    environment.set(String(pair.key.value), String(pair.value.value));
  }
  return environment;
}
