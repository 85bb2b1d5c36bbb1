import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { renderStylish } from '../../src/diagnostics/render/stylish.js';
import { plainStyle } from '../../src/diagnostics/render/style.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkSpec, compileSpec, type CompileOptions } from '../../src/pipeline.js';
import { includeReader } from '../../src/cli/include-reader.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The example flows' included files (flows/shared/), read as the CLI reads them, from the repository root. */
export const REPO_INCLUDES = includeReader(ROOT);

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Remove the common indentation of a template literal, so specs can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, index) => out + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.match(/^ */)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** Check a spec given as text; diagnostics are sorted. */
export function check(text: string, file = 'spec.yaml'): Diagnostic[] {
  return checkSpec(file, Buffer.from(text, 'utf8')).diagnostics;
}

export async function compile(text: string, options: CompileOptions = {}, file = 'spec.yaml') {
  return compileSpec(file, Buffer.from(text, 'utf8'), options);
}

/** Diagnostics as plain stylish text, as a user sees them with NO_COLOR. */
export function renderPlain(
  diagnostics: readonly Diagnostic[],
  text: string,
  file = 'spec.yaml',
  included: ReadonlyMap<string, string> = new Map(),
): string {
  return renderStylish(diagnostics, new Map([[file, text], ...included]), plainStyle);
}

/** The compact form tests assert on: code, line and column, never the prose. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code}@${diagnostic.span?.start.line ?? 0}:${diagnostic.span?.start.column ?? 0}`);
}

/**
 * A copy of an example flow with edits applied through the YAML document API, so the rest of the
 * file keeps its text and positions. `edits` maps a dotted path (`steps.collectOtp.timeoutSeconds`)
 * to a new value, or to `undefined` to delete the key.
 */
export function mutateFlow(flow: string, edits: Record<string, unknown>): string {
  const document = parseDocument(readRepoFile(`flows/${flow}.yaml`));
  for (const [path, value] of Object.entries(edits)) {
    const segments = splitPath(path);
    if (value === undefined) document.deleteIn(segments);
    else document.setIn(segments, value);
  }
  return document.toString({ lineWidth: 0 });
}

function splitPath(path: string): string[] {
  // Attribute names contain dots (`customer.id`); write them in brackets: `steps.promote.attributes[customer.id]`.
  return [...path.matchAll(/\[([^\]]+)\]|([^.[\]]+)/g)].map((match) => match[1] ?? match[2]!);
}

/** 1-based line and column where `snippet` starts in `text` (its `occurrence`-th appearance, from 1). */
export function positionOf(text: string, snippet: string, occurrence = 1): { line: number; column: number } {
  let offset = -1;
  for (let found = 0; found < occurrence; found++) {
    offset = text.indexOf(snippet, offset + 1);
    if (offset === -1) throw new Error(`positionOf: \`${snippet}\` appears fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** flows/environments/example.yaml as `--env` reads it: every placeholder of the example flows filled. */
export function exampleEnvironment(): Map<string, string> {
  const values = parseDocument(readRepoFile('flows/environments/example.yaml')).toJS() as Record<string, string>;
  return new Map(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
