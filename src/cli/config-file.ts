import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleConfig } from '../lint/config.js';
import { parseRuleConfig } from '../lint/load-config.js';
import { RULES } from '../lint/rules/index.js';
import { DiagnosticSink, type SpecSource } from '../flowspec/source.js';
import { CliError } from './io.js';
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
  const file = explicit ?? (await discover(cwd));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the configuration ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const source: SpecSource = { file, text, lineCounter, document };
  const sink = new DiagnosticSink(source);
  if (document.errors.length > 0) {
    const [first] = document.errors;
    sink.reportAt('yaml/syntax', `YAML syntax error: ${first!.message.split('\n')[0]}`, first!.pos[0], first!.pos[1]);
    throw configError(sink.diagnostics);
  }
  const loaded = parseRuleConfig(document.toJS({ maxAliasCount: 50 }), RULES);
  for (const problem of loaded.problems)
    sink.report({
      code: 'schema/invalid',
      message: problem.message,
      path: problem.path,
      ...(problem.onKey ? { onKey: true } : {}),
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  if (sink.diagnostics.length > 0) throw configError(sink.diagnostics);
  for (const override of loaded.overrides) {
    sink.report({
      code: 'lint/rule-override',
      severity: 'info',
      message: `Rule \`${override.rule}\` protects credentials and is set to \`${override.level}\` by the configuration: ${override.reason}`,
      path: ['rules', override.rule],
      onKey: true,
    });
  }
  return { file, text, rules: loaded.config, notes: sink.diagnostics };
}

async function discover(cwd: string): Promise<string | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) if (await exists(join(dir, name))) return relative(cwd, join(dir, name));
    if ((await exists(join(dir, '.git'))) || dirname(dir) === dir) return undefined;
  }
}

function configError(diagnostics: readonly Diagnostic[]): CliError {
  const lines = diagnostics.map((diagnostic) => {
    const where = diagnostic.span ? `${diagnostic.file}:${diagnostic.span.start.line}:${diagnostic.span.start.column}` : diagnostic.file;
    return `${where}: ${diagnostic.message}${diagnostic.hint ? ` ${diagnostic.hint}` : ''}`;
  });
  return new CliError(`Invalid configuration:\n${lines.join('\n')}`);
}
