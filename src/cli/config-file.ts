import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleConfig } from '../lint/config.js';
import { parseRuleConfig } from '../lint/load-config.js';
import { RULES } from '../lint/rules/index.js';
import { DiagnosticSink } from '../flowspec/source.js';
import { readSideYaml, sideFileError } from './side-file.js';
import { exists } from './write-output.js';

/**
 * Looked for in the working directory, then each folder above it up to the repository root (the first
 * folder with a `.git`), as ESLint finds its config; `--config` names a file and wins.
 */
export const CONFIG_FILE_NAMES = ['ivrflow.config.yaml', 'ivrflow.config.yml'];

export interface LoadedConfig {
  file: string;
  text: string;
  rules: RuleConfig;
  /** Info diagnostics echoing each credential rule turned off or down, with its reason. */
  notes: Diagnostic[];
}

/** The project's rule configuration, or undefined when there is none. A bad file is a usage error (exit 2). */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig | undefined> {
  const file = explicit ?? findConfigFile(cwd);
  if (file === undefined) return undefined;
  const { source, data } = await readSideYaml(file, cwd, 'configuration');
  const sink = new DiagnosticSink(source);
  const loaded = parseRuleConfig(data, RULES);
  for (const problem of loaded.problems)
    sink.report({
      code: 'schema/invalid',
      message: problem.message,
      path: problem.path,
      ...(problem.onKey ? { onKey: true } : {}),
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  if (sink.diagnostics.length > 0) throw sideFileError('configuration', sink.diagnostics);
  for (const override of loaded.overrides) {
    sink.report({
      code: 'lint/rule-override',
      severity: 'info',
      message: `Rule \`${override.rule}\` protects credentials and is set to \`${override.level}\` by the configuration: ${override.reason}`,
      path: ['rules', override.rule],
      onKey: true,
    });
  }
  return { file, text: source.text, rules: loaded.config, notes: sink.diagnostics };
}

/** The config file `loadConfig` would read without `--config`, relative to `cwd`, if any. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) if (exists(join(dir, name))) return relative(cwd, join(dir, name));
    if (exists(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}
