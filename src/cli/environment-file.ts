import { DiagnosticSink } from '../flowspec/source.js';
import { yamlLibrary } from '../flowspec/yaml-library.js';
import { readSideYaml, sideFileError } from './side-file.js';

/** Values are names and URLs. */
export const MAX_ENVIRONMENT_VALUE_LENGTH = 4096;
/**
 * A value lands inside one line of an artifact (a URL, a queue or skill name, a busNo), where a
 * control character, even a tab or a line break, would be a silent change or a header injection:
 * stricter than spec text (src/flowspec/checks/control-characters.ts), which may hold line breaks.
 */
const VALUE_CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** What a `{{key}}` placeholder can name (src/flowspec/environment.ts); another key could never be used. */
const PLACEHOLDER_KEY = /^[A-Za-z0-9_.-]{1,128}$/;
/** Filled by the deployment with secrets; a secret is never written in a file ivrflow reads. */
const SECRET_KEY = /^secret_/i;

/**
 * An environment file maps placeholder keys to values, one per line: `platinum_queue: Platinum Support`.
 * Values must be scalars; they are used as text. Every problem is a usage error at its line and column.
 */
export async function readEnvironmentFile(file: string, cwd: string): Promise<Map<string, string>> {
  const { source, data } = await readSideYaml(file, cwd, 'environment file');
  const { isMap, isScalar } = yamlLibrary(); // loaded only when an environment file is given: a plain validate never needs it
  const environment = new Map<string, string>();
  const contents = source.document?.contents;
  if (data === null || !contents) return environment;
  const sink = new DiagnosticSink(source);
  if (!isMap(contents)) {
    sink.report({ code: 'schema/type', message: 'The environment file must be a mapping of placeholder keys to values.', path: [] });
    throw sideFileError('environment file', sink.diagnostics);
  }
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const problem = entryProblem(key, pair.value);
    if (problem) sink.report({ code: 'schema/invalid', message: problem, path: key === undefined ? [] : [key], onKey: true });
    else environment.set(key!, String((pair.value as { value: unknown }).value));
  }
  if (sink.diagnostics.length > 0) throw sideFileError('environment file', sink.diagnostics);
  return environment;
}

function entryProblem(key: string | undefined, value: unknown): string | undefined {
  if (key === undefined || !PLACEHOLDER_KEY.test(key))
    return `\`${String(key)}\` cannot be a placeholder key: use letters, digits, \`_\`, \`.\` and \`-\` (at most 128).`;
  if (SECRET_KEY.test(key))
    return `\`${key}\` is a reserved placeholder that the deployment fills with a secret; a secret never goes in a file.`;
  if (!yamlLibrary().isScalar(value) || value.value === null || typeof value.value === 'object')
    return `\`${key}\` must have a single value (text or a number).`;
  if (String(value.value).length > MAX_ENVIRONMENT_VALUE_LENGTH)
    return `The value of \`${key}\` is longer than ${MAX_ENVIRONMENT_VALUE_LENGTH} characters.`;
  if (VALUE_CONTROL_CHARACTER.test(String(value.value)))
    return `The value of \`${key}\` holds a control character; a filled URL, name or skill would carry it into the artifacts.`;
  return undefined;
}
