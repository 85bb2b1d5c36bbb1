import type { Diagnostic, SpecPath } from '../diagnostics/diagnostic.js';
import { loadSpec, type DocumentKind } from '../flowspec/load.js';
import { DiagnosticSink, type SpecSource } from '../flowspec/source.js';

/**
 * The small YAML files of the contract kit (mock fixtures, probe cases): parsed by the spec loader
 * (same limits, same YAML diagnostics), then read field by field. Every wrong value is a
 * diagnostic at its position; reading goes on so that one run shows every problem.
 */
export interface ReadFile<T> {
  source: SpecSource;
  value?: T;
  diagnostics: Diagnostic[];
}

export class FieldReader {
  readonly sink: DiagnosticSink;
  constructor(source: SpecSource) {
    this.sink = new DiagnosticSink(source);
  }

  fail(path: SpecPath, message: string, hint: string, onKey = false): undefined {
    this.sink.report({ code: 'schema/invalid', message, path, hint, onKey });
    return undefined;
  }

  object(value: unknown, path: SpecPath, keys: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.fail(path, 'Expected a mapping here.', `Write the keys ${keys.join(', ')} under it.`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!keys.includes(key)) this.fail([...path, key], `Unknown key \`${key}\`.`, `The keys here are: ${keys.join(', ')}.`, true);
    return record;
  }

  /** A mapping whose keys are names the caller checks (endpoint ids). */
  mapping(value: unknown, path: SpecPath): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return this.fail(path, 'Expected a mapping here.', 'Write one key per name under it.');
  }

  list(value: unknown, path: SpecPath): unknown[] | undefined {
    if (Array.isArray(value)) return value as unknown[];
    return this.fail(path, 'Expected a list here.', 'Write each item on its own `- ` line.');
  }

  string(value: unknown, path: SpecPath, pattern?: RegExp, what = 'a string'): string | undefined {
    if (typeof value === 'number' && pattern === undefined) return String(value);
    if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value)))
      return this.fail(path, `Expected ${what} here, got \`${JSON.stringify(value)}\`.`, 'Quote values that start with + or 0.');
    return value;
  }

  count(value: unknown, path: SpecPath, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      return this.fail(path, `Expected a number from ${min} to ${max}, got \`${JSON.stringify(value)}\`.`, 'Write a plain number.');
    return value;
  }
}

/** Load a kit file and check its version key; `read` turns the data into a value, reporting through the reader. */
export function readKitFile<T>(
  file: string,
  bytes: Uint8Array,
  kind: DocumentKind & { versionKey: string },
  read: (data: Record<string, unknown>, reader: FieldReader) => T,
): ReadFile<T> {
  const loaded = loadSpec(file, bytes, kind);
  if (loaded.data === undefined) return { source: loaded.source, diagnostics: loaded.diagnostics };
  const reader = new FieldReader(loaded.source);
  const data = loaded.data as Record<string, unknown>;
  if (data[kind.versionKey] !== 1) {
    reader.sink.report({
      code: 'schema/version',
      message: `The file has no \`${kind.versionKey}: 1\` version key.`,
      path: Object.hasOwn(data, kind.versionKey) ? [kind.versionKey] : [],
      hint: `Write \`${kind.firstLine}\` as the first line.`,
    });
    return { source: loaded.source, diagnostics: reader.sink.diagnostics };
  }
  const value = read(data, reader);
  const diagnostics = reader.sink.diagnostics;
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error')
    ? { source: loaded.source, diagnostics }
    : { source: loaded.source, value, diagnostics };
}
