import type { Document, Node, Scalar, YAMLError, YAMLWarning } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { docUrl } from '../util/package-info.js';
import { firstTooDeep } from './nesting.js';
import { readCleanYaml } from './fast-yaml.js';
import { quickLocator } from './quick-locate.js';
import { INPUT_LIMITS } from './limits.js';
import { LineIndex } from './line-index.js';
import { yamlLibrary } from './yaml-library.js';
import { DiagnosticSink, type IncludedSources, type SpecSource } from './source.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';

/** Spec files are hand-written and small; anything larger is a mistake or an attack. */
export const MAX_SPEC_BYTES = INPUT_LIMITS.fileBytes;
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

/** For the parser's other codes: what usually goes wrong in hand-written YAML. */
const GENERAL_SYNTAX_HINT = 'Check the YAML here: quotes and brackets closed, a `: ` after each key, `- ` before each list item.';

const PLAIN_VALUES_HINT = 'Remove the tag; ivrflow reads plain YAML values (strings, numbers, booleans, lists, mappings).';

/** What kind of YAML document is read, for the wording of diagnostics. */
export interface DocumentKind {
  /** `spec`, `scenario file`. */
  noun: string;
  /** The line every such file starts with. */
  firstLine: string;
  /** Where to start from: the hint of an empty file. Names no file of ivrflow's own repository, which users do not have. */
  startFrom: string;
  /** Its top-level `steps` holds a flow's steps, bounded by the step limit rather than the key limit. */
  holdsSteps?: boolean;
  /** `JSON` for a file another tool writes as JSON (read as YAML 1.2, of which JSON is a subset): its syntax errors say JSON. */
  syntax?: 'JSON';
}

export const FLOW_SPEC: DocumentKind = {
  noun: 'spec',
  firstLine: 'ivrflow: 1',
  startFrom: `Run \`ivrflow init\` for a starter flow; the format is described in ${docUrl('spec.md')}.`,
  holdsSteps: true,
};

export interface LoadedSpec {
  source: SpecSource;
  /** The document as plain data; undefined when the file could not be read as one YAML mapping. */
  data?: unknown;
  diagnostics: Diagnostic[];
}

/** Decode and parse a spec file. Never throws for bad input: every problem is a diagnostic. */
export function loadSpec(file: string, bytes: Uint8Array, kind: DocumentKind = FLOW_SPEC): LoadedSpec {
  const lineCounter = new LineIndex();
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
    sink.reportAt('input/binary', 'The file is not UTF-8 text.', 0, 0, `${withArticle(kind.noun)} is a YAML text file; check the path.`);
    return { source: empty, diagnostics: sink.diagnostics };
  }
  if (text.trim() === '') {
    sink.reportAt('input/empty', 'The file is empty.', 0, 0, kind.startFrom);
    return { source: { ...empty, text }, diagnostics: sink.diagnostics };
  }
  const yamlText = withLineFeeds(text.replace(/^\uFEFF/, ''));
  // The fast path measures nesting and the input limits as it reads, and answers only within them:
  // a text it leaves to `yaml` is measured here first, and a limit crossed is reported with its place.
  const clean = readCleanYaml(yamlText, { forbiddenKeys: FORBIDDEN_KEYS, holdsSteps: kind.holdsSteps === true });
  if (clean !== undefined) return { source: new LazilyParsedSource(file, yamlText), data: clean, diagnostics: [] };
  const deep = firstTooDeep(yamlText, INPUT_LIMITS.nestingDepth);
  if (deep) return tooDeep(file, yamlText, lineCounter, kind, deep.offset);
  return parseText(file, yamlText, lineCounter, kind);
}

/** Refused before parsing: the YAML library would recurse once per level (see nesting.ts). */
function tooDeep(file: string, text: string, lineCounter: LineIndex, kind: DocumentKind, offset: number): LoadedSpec {
  lineCounter.addNewLine(0);
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineCounter.addNewLine(index + 1);
  const source: SpecSource = { file, text, lineCounter };
  const sink = new DiagnosticSink(source);
  sink.reportAt(
    'input/limit',
    `The document nests more than ${INPUT_LIMITS.nestingDepth} levels deep here; that is the most ${withArticle(kind.noun).toLowerCase()} may nest.`,
    offset,
    offset + 1,
    'Flatten the structure: a condition lists its parts under one `any` or `all` instead of nesting them.',
  );
  return { source, diagnostics: sink.diagnostics };
}

/**
 * A file saved with classic Mac line ends (CR only, no LF anywhere) would be one long line to the
 * yaml library, which reads a lone CR as text. Its CRs become LFs, one unit for one, so every
 * offset stays where it was. A stray CR in a file that has LF line ends stays text, shown as ␍.
 */
function withLineFeeds(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replace(/\r/g, '\n') : text;
}

function parseText(file: string, text: string, lineCounter: LineIndex, kind: DocumentKind): LoadedSpec {
  const document = parseWithYaml(text, lineCounter);
  const source: SpecSource = { file, text, lineCounter, document };
  const sink = new DiagnosticSink(source);
  const overflowAt = document.errors.findIndex((error) => /call stack/i.test(error.message));
  if (overflowAt !== -1) return overflowed(sink, document.errors.slice(0, overflowAt), kind);
  const { errors, dropped } = withoutCascade(document.errors);
  for (const error of errors) reportYamlError(sink, error, kind, error === errors[errors.length - 1] ? dropped : 0);
  for (const warning of document.warnings) reportYamlWarning(sink, warning);
  if (sink.diagnostics.length > 0) {
    // What lies before the first indentation error is as the user wrote it: its duplicates are real.
    if (errors.length > 0) checkNodes(sink, kind, dropped > 0 ? errors[errors.length - 1]!.pos[0] : Infinity);
    return { source, diagnostics: sink.diagnostics };
  }
  checkNodes(sink, kind);
  if (document.contents === null) {
    sink.reportAt('input/empty', 'The file holds only comments.', 0, 0, kind.startFrom);
  } else if (!yamlLibrary().isMap(document.contents)) {
    sink.report({
      code: 'yaml/syntax',
      message: `${withArticle(kind.noun)} must be a YAML mapping (key: value pairs) at the top level.`,
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

/**
 * The library ran out of stack while composing (a misindentation can make it nest every following
 * line one level deeper). Where that happens, and what it reports after, differs from run to run:
 * only the errors before it are reported, and no node is walked.
 */
function overflowed(sink: DiagnosticSink, before: readonly YAMLError[], kind: DocumentKind): LoadedSpec {
  const { errors } = withoutCascade(before);
  if (errors.length === 0)
    sink.reportAt(
      'yaml/syntax',
      'The document nests too deeply to be read.',
      0,
      0,
      `${withArticle(kind.noun)} needs only a few levels; flatten the nesting.`,
    );
  for (const error of errors) reportYamlError(sink, error, kind, 0);
  return { source: sink.source, diagnostics: sink.diagnostics };
}

function parseWithYaml(text: string, lineCounter?: LineIndex): Document.Parsed {
  // Duplicate keys are found by checkNodes: the library's own check compares every key with every other.
  return yamlLibrary().parseDocument(text, {
    ...(lineCounter ? { lineCounter } : {}),
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
    version: '1.2',
    merge: false,
    // The library's warnings go to process.emitWarning; only the CLI writes to the terminal.
    logLevel: 'error',
  });
}

/**
 * A spec the fast path read: its line index from its line feeds, the spans of diagnostics found
 * from the text where quick-locate.ts can, and `yaml`'s Document (whose node ranges give the other
 * spans), each built only when a diagnostic asks for one of those.
 *
 * A class, not an object literal with getters and closures: with the literal, each flow's text and
 * locator outlived every young-generation GC until a full one (most likely V8 allocating the literal
 * straight in the old generation, allocation-site pretenuring, where it held its closures). A batch
 * promoted some 5 KB per flow that way (`node --trace-gc-nvp`: 980 KB promoted per scavenge of a
 * loop of loadSpec, 41 KB with the class).
 */
class LazilyParsedSource implements SpecSource {
  readonly stringsFromText = true;
  included?: IncludedSources;
  private lines: LineIndex | undefined;
  private locator: ReturnType<typeof quickLocator> | undefined;
  private parsed: Document.Parsed | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Built at the first position asked for: a spec that checks clean has none to give. */
  get lineCounter(): LineIndex {
    return (this.lines ??= LineIndex.of(this.text));
  }

  get document(): Document.Parsed {
    return (this.parsed ??= parseWithYaml(this.text));
  }

  quickRange(path: SpecPath, onKey: boolean): [number, number] | undefined {
    return (this.locator ??= quickLocator(this.text, this.lineCounter))(path, onKey);
  }
}

/** Errors after which the parser is lost in the indentation: what it reports next follows from them. */
const CASCADING: ReadonlySet<YAMLError['code']> = new Set([
  'TAB_AS_INDENT',
  'BAD_INDENT',
  'MULTILINE_IMPLICIT_KEY',
  'BLOCK_AS_IMPLICIT_KEY',
  'UNEXPECTED_TOKEN',
]);

/**
 * One tab or one misindented line makes the parser misread the rest of its block, and it reports
 * each misreading. Keep the errors up to the first indentation error; the ones after it are counted
 * in its hint.
 */
function withoutCascade(errors: readonly YAMLError[]): { errors: YAMLError[]; dropped: number } {
  const first = errors.findIndex((error) => CASCADING.has(error.code));
  if (first === -1) return { errors: [...errors], dropped: 0 };
  return { errors: errors.slice(0, first + 1), dropped: errors.length - first - 1 };
}

function cascadeHint(hint: string | undefined, dropped: number): string | undefined {
  if (dropped === 0) return hint;
  const count = `${dropped} more syntax error${dropped === 1 ? '' : 's'} after this line follow${dropped === 1 ? 's' : ''} from it and ${dropped === 1 ? 'is' : 'are'} not shown.`;
  return hint === undefined ? count : `${hint} ${count}`;
}

function reportYamlError(sink: DiagnosticSink, error: YAMLError, kind: DocumentKind, dropped: number): void {
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
      if (kind.syntax === 'JSON') {
        reportJsonError(sink, start, end, dropped);
        return;
      }
      sink.reportAt(
        'yaml/syntax',
        `YAML syntax error: ${message}`,
        start,
        end,
        cascadeHint(SYNTAX_HINTS[error.code] ?? GENERAL_SYNTAX_HINT, dropped),
      );
  }
}

/** A JSON file's syntax error, in JSON's words (the YAML parser's would talk about indentation). */
function reportJsonError(sink: DiagnosticSink, start: number, end: number, dropped: number): void {
  let message = 'the file is not valid JSON';
  try {
    JSON.parse(sink.source.text);
  } catch (error) {
    // The position is the diagnostic's own; JSON.parse's offset would only repeat it less readably.
    if (error instanceof SyntaxError) message = firstLine(error.message).replace(/ in JSON at position \d+.*$/, '');
  }
  sink.reportAt(
    'yaml/syntax',
    `JSON syntax error: ${message}`,
    start,
    end,
    cascadeHint(
      'Check that the file is whole JSON: every `{` and `[` closed, strings in double quotes, commas between items; a file cut short ends early.',
      dropped,
    ),
  );
}

/**
 * The library warns, and carries on, where a spec must stop: a tag it cannot resolve (`!!python/object`,
 * a custom `!tag`) would silently become plain text, and a `%YAML` version it does not know would be
 * read as another one.
 */
function reportYamlWarning(sink: DiagnosticSink, warning: YAMLWarning): void {
  const [start, end] = warning.pos;
  if (warning.code === 'TAG_RESOLVE_FAILED')
    sink.reportAt(
      'yaml/unknown-tag',
      `Unknown YAML tag: ${firstLine(warning.message).replace(/^Unresolved tag: /, '`')}\`.`,
      start,
      end,
      PLAIN_VALUES_HINT,
    );
  else if (warning.code === 'BAD_DIRECTIVE')
    sink.reportAt(
      'yaml/directive',
      `Unsupported YAML directive (${firstLine(warning.message).replace(/^Unsupported /, '')}): ivrflow reads YAML 1.2 and 1.1.`,
      start,
      end,
      'Remove the directive, or write `%YAML 1.2`.',
    );
}

/**
 * Explicit tags of YAML 1.2's core schema. The library also resolves YAML 1.1 tags (`!!timestamp`
 * becomes a Date, `!!binary` a Buffer, `!!set` a Set): values no spec field means to hold.
 */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/** Keys that are forbidden anywhere, keys repeated in a mapping, tags outside the core schema: one pass, one set per mapping. */
function checkNodes(sink: DiagnosticSink, kind: DocumentKind, until = Infinity): void {
  const { isScalar, visit } = yamlLibrary();
  const document = sink.source.document;
  if (!document) return;
  const checkTag = (_: unknown, node: Node) => {
    if ((node.range?.[0] ?? 0) < until) reportTagOutsideCore(sink, node);
  };
  visit(document, {
    Scalar(_, scalar) {
      checkTag(undefined, scalar);
      if ((scalar.range?.[0] ?? 0) < until) checkStringLength(sink, scalar);
    },
    Seq(_, seq, path) {
      checkTag(undefined, seq);
      if ((seq.range?.[0] ?? 0) < until)
        checkCount(sink, kind, seq.items, topLevelKey(path) === 'scenarios' ? 'scenarios' : 'itemsPerList');
    },
    Map(_, map, path) {
      checkTag(undefined, map);
      if ((map.range?.[0] ?? 0) < until)
        checkCount(sink, kind, map.items, topLevelKey(path) === 'steps' && kind.holdsSteps === true ? 'steps' : 'keysPerMapping');
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          reportCollectionKey(sink, pair.key, until);
          continue;
        }
        const range = pair.key.range ?? [0, 0];
        if (range[0] >= until) continue;
        if (seen.has(pair.key.value))
          sink.reportAt(
            'yaml/duplicate-key',
            'Duplicate key: a key may appear only once in a mapping.',
            range[0],
            range[1],
            'Remove or rename one of them; YAML keeps neither reliably.',
          );
        seen.add(pair.key.value);
        if (FORBIDDEN_KEYS.has(String(pair.key.value)))
          sink.reportAt(
            'yaml/forbidden-key',
            `The key \`${String(pair.key.value)}\` is not allowed anywhere in a ${kind.noun}.`,
            range[0],
            range[1],
            'Rename the key: it names a property of every JavaScript object.',
          );
      }
    },
  });
}

/**
 * A mapping or a list used as a key (`? { a: 1 }`): every key ivrflow reads is text. Reported at the
 * key, before the library would turn it into a string (and warn on the process's stderr).
 */
function reportCollectionKey(sink: DiagnosticSink, key: unknown, until: number): void {
  const { isCollection } = yamlLibrary();
  if (!isCollection(key)) return;
  const range = key.range ?? [0, 0];
  if (range[0] >= until) return;
  sink.reportAt(
    'yaml/syntax',
    `A key must be text, not a ${yamlLibrary().isMap(key) ? 'mapping' : 'list'}.`,
    range[0],
    range[1],
    'Write the key as plain text; a `?` line starts an explicit key.',
  );
}

/** The key under which a node sits when it is a value of the document's top-level mapping. */
function topLevelKey(path: readonly unknown[]): unknown {
  const { isPair, isScalar } = yamlLibrary();
  const pair = path.length === 3 ? path[2] : undefined;
  return isPair(pair) && isScalar(pair.key) ? pair.key.value : undefined;
}

const COUNT_WORDS: Record<'steps' | 'keysPerMapping' | 'itemsPerList' | 'scenarios', { what: string; where: string; hint: string }> = {
  steps: { what: 'steps', where: 'a flow', hint: 'Split the flow into several specs.' },
  keysPerMapping: { what: 'keys', where: 'one mapping', hint: 'Check for keys added by mistake (a tool writing the file, a bad merge).' },
  itemsPerList: { what: 'items', where: 'one list', hint: 'Check for items added by mistake, or split the list.' },
  scenarios: { what: 'scenarios', where: 'a scenario file', hint: 'Split them over several scenario files.' },
};

/** A mapping or list longer than its limit: one diagnostic, at its first item past the limit. */
function checkCount(
  sink: DiagnosticSink,
  kind: DocumentKind,
  items: readonly unknown[],
  limit: 'steps' | 'keysPerMapping' | 'itemsPerList' | 'scenarios',
): void {
  const most = INPUT_LIMITS[limit];
  if (items.length <= most) return;
  const { isNode, isPair } = yamlLibrary();
  const item = items[most];
  const node = isPair(item) ? item.key : item;
  const [start, end] = isNode(node) ? (node.range ?? [0, 0]) : [0, 0];
  const words = COUNT_WORDS[limit];
  sink.reportAt(
    'input/limit',
    `This is item ${most + 1} of ${items.length}: ${words.where} of ${withArticle(kind.noun).toLowerCase()} holds at most ${most} ${words.what}.`,
    start,
    end,
    words.hint,
  );
}

function checkStringLength(sink: DiagnosticSink, scalar: Scalar): void {
  if (typeof scalar.value !== 'string' || scalar.value.length <= INPUT_LIMITS.stringLength) return;
  const [start] = scalar.range ?? [0, 0];
  sink.reportAt(
    'input/limit',
    `This text is ${scalar.value.length} characters long; a string holds at most ${INPUT_LIMITS.stringLength}.`,
    start,
    start + 1,
    'Shorten it: a prompt is spoken to the caller, and names and URLs are short.',
  );
}

function reportTagOutsideCore(sink: DiagnosticSink, node: Node): void {
  if (node.tag === undefined || CORE_TAGS.has(node.tag)) return;
  const [start, end] = node.range ?? [0, 0];
  sink.reportAt(
    'yaml/unknown-tag',
    `Unsupported YAML tag \`${node.tag.replace('tag:yaml.org,2002:', '!!')}\`.`,
    start,
    end,
    PLAIN_VALUES_HINT,
  );
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

/** "A spec", "An environment file": the noun as the first words of a sentence. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`;
}
