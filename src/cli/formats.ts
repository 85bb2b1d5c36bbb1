import { CliError } from './io.js';

/** The one list of `--format` values per command; help texts and parsing derive from it. */
export const FORMATS = {
  validate: ['stylish', 'json', 'sarif', 'github'],
  generate: ['stylish', 'json', 'sarif', 'github'],
  test: ['stylish', 'json', 'junit'],
  rules: ['stylish', 'json'],
} as const;

export type ReportFormat = (typeof FORMATS)['validate'][number];
export type TestFormat = (typeof FORMATS)['test'][number];
export type RulesFormat = (typeof FORMATS)['rules'][number];

export function parseFormat<Command extends keyof typeof FORMATS>(command: Command, value: string): (typeof FORMATS)[Command][number] {
  const allowed: readonly string[] = FORMATS[command];
  if (allowed.includes(value)) return value as (typeof FORMATS)[Command][number];
  throw new CliError(`Unknown format \`${value}\`; use one of: ${allowed.join(', ')}.`);
}
