import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { docUrl } from '../util/package-info.js';
import { DiagnosticSink, type SpecSource } from './source.js';

/** Spec files are hand-written and small; anything larger is a mistake or an attack. */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** Anchors and aliases are allowed for reuse, but not as an expansion bomb. */
const MAX_ALIAS_COUNT = 100;
/** Keys that would reach Object.prototype if the data ever met a naive merge. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SYNTAX_HINTS: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs there.',
  BAD_INDENT: 'Check the indentation (keys of one mapping line up), and that every `{` and `[` is closed.',
  MISSING_CHAR: 'A quote or bracket is not closed.',
  BLOCK_AS_IMPLICIT_KEY: 'A key is missing its `:` or a value is indented too far.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; check for a missing `:` on the line before.',
};

/** What kind of YAML document is read, for the wording of diagnostics. */
export interface DocumentKind {
  /** `spec`, `scenario file`. */
  noun: string;
  /** The line every such file starts with. */
  firstLine: string;
  /** Where to start from: the hint of an empty file. Names no file of ivrflow's own repository, which users do not have. */
  startFrom: string;
}

export const FLOW_SPEC: DocumentKind = {
  noun: 'spec',
  firstLine: 'ivrflow: 1',
  startFrom: `Run \`ivrflow init\` for a starter flow; the format is described in ${docUrl('spec.md')}.`,
};

export interface LoadedSpec {
  source: SpecSource;
  /** The document as plain data; undefined when the file could not be read as one YAML mapping. */
  data?: unknown;
  diagnostics: Diagnostic[];
}

/** Decode and parse a spec file. Never throws for bad input: every problem is a diagnostic. */
export function loadSpec(file: string, bytes: Uint8Array, kind: DocumentKind = FLOW_SPEC): LoadedSpec {
  const lineCounter = new LineCounter();
  const empty: SpecSource = { file, text: '', lineCounter };
  const sink = new DiagnosticSink(empty);
  if (bytes.length > MAX_SPEC_BYTES) {
    sink.reportAt(
      'input/too-large',
      `The file is ${bytes.length} bytes; a ${kind.noun} is limited to ${MAX_SPEC_BYTES} bytes.`,
      0,
      0,
      `Split it, or check that this is the ${kind.noun} you meant.`,
    );
    return { source: empty, diagnostics: sink.diagnostics };
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    sink.reportAt('input/binary', 'The file is not UTF-8 text.', 0, 0, `A ${kind.noun} is a YAML text file; check the path.`);
    return { source: empty, diagnostics: sink.diagnostics };
  }
  if (text.trim() === '') {
    sink.reportAt('input/empty', 'The file is empty.', 0, 0, kind.startFrom);
    return { source: { ...empty, text }, diagnostics: sink.diagnostics };
  }
  return parseText(file, text.replace(/^\uFEFF/, ''), lineCounter, kind);
}

function parseText(file: string, text: string, lineCounter: LineCounter, kind: DocumentKind): LoadedSpec {
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', merge: false });
  const source: SpecSource = { file, text, lineCounter, document };
  const sink = new DiagnosticSink(source);
  for (const error of document.errors) reportYamlError(sink, error, kind);
  if (sink.diagnostics.length > 0) return { source, diagnostics: sink.diagnostics };
  reportForbiddenKeys(sink, kind);
  if (!isMap(document.contents)) {
    sink.report({
      code: 'yaml/syntax',
      message: `A ${kind.noun} must be a YAML mapping (key: value pairs) at the top level.`,
      path: [],
      hint: `Start with \`${kind.firstLine}\`.`,
    });
  }
  if (sink.diagnostics.length > 0) return { source, diagnostics: sink.diagnostics };
  try {
    return { source, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (a "billion laughs" document).
    sink.report({
      code: 'yaml/alias-limit',
      message: `The document expands aliases more than ${MAX_ALIAS_COUNT} times.`,
      path: [],
      hint: 'Write the values out instead of nesting aliases.',
    });
    return { source, diagnostics: sink.diagnostics };
  }
}

function reportYamlError(sink: DiagnosticSink, error: YAMLError, kind: DocumentKind): void {
  const [start, end] = error.pos;
  const message = firstLine(error.message);
  // The yaml library's codes are its own open list: every code not named here is a syntax error.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (error.code) {
    case 'DUPLICATE_KEY':
      sink.reportAt(
        'yaml/duplicate-key',
        'Duplicate key: a key may appear only once in a mapping.',
        start,
        end,
        'Remove or rename one of them; YAML keeps neither reliably.',
      );
      return;
    case 'MULTIPLE_DOCS':
      sink.reportAt(
        'yaml/multiple-documents',
        'The file holds more than one YAML document.',
        start,
        end,
        `Keep one ${kind.noun} per file; remove the \`---\` separator.`,
      );
      return;
    default:
      // The parser reports its own stack exhaustion as an error at the point it gave up.
      if (/call stack/i.test(message))
        sink.reportAt(
          'yaml/syntax',
          'The document nests too deeply to be read.',
          start,
          end,
          `A ${kind.noun} needs only a few levels; flatten the nesting.`,
        );
      else sink.reportAt('yaml/syntax', `YAML syntax error: ${message}`, start, end, SYNTAX_HINTS[error.code]);
  }
}

function reportForbiddenKeys(sink: DiagnosticSink, kind: DocumentKind): void {
  const document = sink.source.document;
  if (!document) return;
  visit(document, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !FORBIDDEN_KEYS.has(String(pair.key.value))) return;
      const range = pair.key.range ?? [0, 0];
      sink.reportAt(
        'yaml/forbidden-key',
        `The key \`${String(pair.key.value)}\` is not allowed anywhere in a ${kind.noun}.`,
        range[0],
        range[1],
      );
    },
  });
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+.*$/, '');
}
