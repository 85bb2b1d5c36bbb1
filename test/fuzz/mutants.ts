/**
 * Mutants of the example flows for the fuzz test: the classes of damage the robustness issues found
 * crashes, hangs and silent passes with (keys deleted, duplicated and retyped, references swapped,
 * huge arrays, deep nesting, CRLF, tabs, anchors and merge keys, hostile strings). A mutant is data
 * (`Mutant`), so fast-check can shrink a failing one and print it for replay.
 */
import fc from 'fast-check';
import { isMap, isScalar, isSeq, Pair, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { INPUT_LIMITS } from '../../src/flowspec/limits.js';
import { readRepoFile } from '../helpers/fixtures.js';

export const EXAMPLE_FLOWS = ['identity-promotion', 'international-otp', 'pin-with-summary'] as const;
type ExampleFlow = (typeof EXAMPLE_FLOWS)[number];

/** Edits on the parsed document; `at` picks a node among those the edit can apply to (modulo their count). */
export type DocumentEdit =
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'swap-references'; at: number; with: number }
  | { kind: 'huge-array'; at: number; length: number; item: unknown }
  | { kind: 'hostile-string'; at: number; value: string }
  | { kind: 'hostile-leaf'; at: number; value: string }
  | { kind: 'anchor-merge'; at: number; into: number }
  | { kind: 'alias'; at: number; into: number }
  | { kind: 'unknown-keys'; at: number; count: number }
  | { kind: 'deep-nesting'; at: number; depth: number; shape: 'sequence' | 'mapping' | 'condition' };

/** Edits on the text, after the document edits. */
export type TextEdit =
  | { kind: 'crlf' }
  | { kind: 'cr-only' }
  | { kind: 'tab'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

export interface Mutant {
  flow: ExampleFlow;
  edits: DocumentEdit[];
  textEdits: TextEdit[];
}

const NESTING_MARKER = 'IVRFLOW_FUZZ_NESTING';

/** Strings that broke, or could break, an escaping: quotes, templates, placeholders, control and bidi characters, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'it\'s "quoted" \\ back\\slash',
  '${input.auth_value}',
  '{otp}',
  '{pin}',
  '{{secret_middlewareToken}}',
  '{{identity_base_url}}',
  '{{unfilled}}',
  '#{x}',
  '$x',
  'line\nbreak',
  'cr\rlf\r\n',
  'tab\there',
  '\u0007\u001b[31mred',
  '\u202eevil\u202c',
  '\u2028\u2029',
  '</script><script>alert(1)</script>',
  'Expression: ToString(Flow.otp)',
  '"), Flow.otp, ("',
  'ASSIGN x = "y"',
  '--- !!python/object:os.system',
  '&anchor *alias',
  '__proto__',
  'constructor',
  'steps',
  'ftp://x y/verify',
  'http://crm.example.com/verify',
  '/relative/verify',
  '😀'.repeat(50),
  'x'.repeat(20_000),
  'é'.repeat(3000),
];

const RETYPED_VALUES: readonly unknown[] = [
  0,
  -1,
  1.5,
  1e21,
  2 ** 53 + 1,
  true,
  false,
  null,
  '',
  'x',
  [],
  {},
  [1, 'a'],
  { a: 1 },
  { ref: 'otp' },
];

const nodeIndex = fc.nat({ max: 10_000 });
/** Counts of keys or items: mostly small, sometimes around the limit (docs/spec.md, "Limits"). */
const sizeAroundLimit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: INPUT_LIMITS.itemsPerList - 10, max: INPUT_LIMITS.itemsPerList + 100 }) },
);
/** Nesting added on top of the spec's own: below the limit, or far past it. */
const nestingDepth = fc.oneof(
  fc.integer({ min: 2, max: INPUT_LIMITS.nestingDepth }),
  fc.integer({ min: INPUT_LIMITS.nestingDepth, max: 5000 }),
);

const documentEdit: fc.Arbitrary<DocumentEdit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: nodeIndex }),
  fc.record({ kind: fc.constant('retype' as const), at: nodeIndex, value: fc.constantFrom(...RETYPED_VALUES) }),
  fc.record({ kind: fc.constant('swap-references' as const), at: nodeIndex, with: nodeIndex }),
  fc.record({
    kind: fc.constant('huge-array' as const),
    at: nodeIndex,
    length: sizeAroundLimit,
    item: fc.constantFrom<unknown>('welcome', { ref: 'call.ani' }, { ref: 'call.ani', equals: 'x' }, 1, 'auth.tier'),
  }),
  fc.record({ kind: fc.constant('hostile-string' as const), at: nodeIndex, value: fc.constantFrom(...HOSTILE_STRINGS) }),
  fc.record({ kind: fc.constant('anchor-merge' as const), at: nodeIndex, into: nodeIndex }),
  fc.record({ kind: fc.constant('alias' as const), at: nodeIndex, into: nodeIndex }),
  fc.record({ kind: fc.constant('unknown-keys' as const), at: nodeIndex, count: sizeAroundLimit }),
  fc.record({
    kind: fc.constant('deep-nesting' as const),
    at: nodeIndex,
    depth: nestingDepth,
    shape: fc.constantFrom('sequence' as const, 'mapping' as const, 'condition' as const),
  }),
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.constant({ kind: 'crlf' as const }),
  fc.constant({ kind: 'cr-only' as const }),
  fc.record({ kind: fc.constant('tab' as const), line: nodeIndex }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: nodeIndex }),
  fc.record({ kind: fc.constant('truncate' as const), at: nodeIndex }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: nodeIndex,
    text: fc.constantFrom(
      ':',
      '{',
      '[',
      '"',
      "'",
      '&a ',
      '*a',
      '!!str ',
      '!custom ',
      '%YAML 2.0\n',
      '\t',
      '\r',
      '\uFEFF',
      '- ',
      '? ',
      '#',
      '|',
      '>',
    ),
  }),
);

/**
 * Edits that keep the document's shape (a string leaf replaced by a hostile string, two strings
 * swapped): such a mutant often passes the schema and reaches the rules, the guard, the emitters
 * and the engines, which the structural edits above rarely do (about 2 in 100 of them compile).
 */
const shapeKeepingEdit: fc.Arbitrary<DocumentEdit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('hostile-leaf' as const), at: nodeIndex, value: fc.constantFrom(...HOSTILE_STRINGS) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-references' as const), at: nodeIndex, with: nodeIndex }) },
);

/** A mutant: one example flow, one to four document edits (a third of them keep the shape), and mostly no text edit. */
export const mutantArbitrary: fc.Arbitrary<Mutant> = fc.record({
  flow: fc.constantFrom(...EXAMPLE_FLOWS),
  edits: fc.oneof(
    { weight: 2, arbitrary: fc.array(documentEdit, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(shapeKeepingEdit, { minLength: 1, maxLength: 3 }) },
  ),
  textEdits: fc.oneof(
    { weight: 3, arbitrary: fc.constant<TextEdit[]>([]) },
    { weight: 1, arbitrary: fc.array(textEdit, { minLength: 1, maxLength: 2 }) },
  ),
});

const originals = new Map<ExampleFlow, string>();
function original(flow: ExampleFlow): string {
  let text = originals.get(flow);
  if (text === undefined) originals.set(flow, (text = readRepoFile(`flows/${flow}.yaml`)));
  return text;
}

/** Each example parsed once; every mutant edits a clone (parsing was a third of a fuzz case). */
const parsedOriginals = new Map<ExampleFlow, Document>();
function parsedOriginal(flow: ExampleFlow): Document {
  let document = parsedOriginals.get(flow);
  if (document === undefined) parsedOriginals.set(flow, (document = parseDocument(original(flow))));
  return document.clone();
}

/** The text of a mutant. Deterministic: the same mutant gives the same text. */
export function mutantText(mutant: Mutant): string {
  const nesting: { depth: number; shape: 'sequence' | 'mapping' | 'condition' }[] = [];
  let text = editedText(mutant.edits, mutant.flow, nesting);
  nesting.forEach((nest, index) => (text = text.replace(`${NESTING_MARKER}${index}`, nestedText(nest.depth, nest.shape))));
  for (const edit of mutant.textEdits) text = applyTextEdit(text, edit);
  return text;
}

/**
 * The document with the edits applied. A later edit can replace an anchored node, leaving an alias
 * the library cannot write; then the edits are applied again one at a time, skipping each edit that
 * leaves the document unwritable.
 */
function editedText(
  edits: readonly DocumentEdit[],
  flow: ExampleFlow,
  nesting: { depth: number; shape: 'sequence' | 'mapping' | 'condition' }[],
): string {
  const document = parsedOriginal(flow);
  for (const edit of edits) applyEdit(document, edit, nesting);
  const text = writable(document);
  if (text !== undefined) return text;
  nesting.length = 0;
  let kept: DocumentEdit[] = [];
  for (const edit of edits) {
    const trial = parsedOriginal(flow);
    const trialNesting: typeof nesting = [];
    for (const earlier of [...kept, edit]) applyEdit(trial, earlier, trialNesting);
    if (writable(trial) !== undefined) kept = [...kept, edit];
  }
  const document2 = parsedOriginal(flow);
  for (const edit of kept) applyEdit(document2, edit, nesting);
  return writable(document2) ?? original(flow);
}

function writable(document: Document): string | undefined {
  try {
    return document.toString({ lineWidth: 0 });
  } catch {
    return undefined;
  }
}

interface Located {
  path: (string | number)[];
  node: Node;
}

/** Every node under the root with its path, in document order; an explicit stack, as the nodes may nest deeply after an edit. */
function locate(document: Document): Located[] {
  const found: Located[] = [];
  const stack: Located[] = document.contents ? [{ path: [], node: document.contents as Node }] : [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.path.length > 0) found.push(current);
    const children: Located[] = [];
    if (isMap(current.node))
      for (const pair of current.node.items)
        if (isScalar(pair.key) && pair.value && typeof pair.value === 'object')
          children.push({ path: [...current.path, String(pair.key.value)], node: pair.value as Node });
    if (isSeq(current.node))
      current.node.items.forEach((item, index) => {
        if (item && typeof item === 'object') children.push({ path: [...current.path, index], node: item as Node });
      });
    stack.push(...children.reverse());
  }
  return found;
}

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items.length === 0 ? undefined : items[at % items.length];
}

function applyEdit(
  document: Document,
  edit: DocumentEdit,
  nesting: { depth: number; shape: 'sequence' | 'mapping' | 'condition' }[],
): void {
  const nodes = locate(document);
  const target = pick(nodes, edit.at);
  if (!target) return;
  switch (edit.kind) {
    case 'delete':
      document.deleteIn(target.path);
      return;
    case 'retype':
      document.setIn(target.path, edit.value);
      return;
    case 'hostile-string':
      document.setIn(target.path, edit.value);
      return;
    case 'huge-array':
      document.setIn(
        target.path,
        Array.from({ length: edit.length }, () => edit.item),
      );
      return;
    case 'hostile-leaf': {
      const leaf = pick(stringScalars(nodes).filter(isFreeText), edit.at);
      if (leaf && isScalar(leaf.node)) leaf.node.value = edit.value;
      return;
    }
    case 'swap-references':
      swapScalars(document, nodes, edit.at, edit.with);
      return;
    case 'anchor-merge':
    case 'alias':
      linkNodes(document, nodes, edit);
      return;
    case 'unknown-keys': {
      const map = pick(
        nodes.filter((candidate) => isMap(candidate.node)),
        edit.at,
      );
      if (map && isMap(map.node)) addKeys(map.node, edit.count);
      return;
    }
    case 'deep-nesting':
      document.setIn(target.path, `${NESTING_MARKER}${nesting.length}`);
      nesting.push({ depth: edit.depth, shape: edit.shape });
      return;
  }
}

/**
 * `zz0`... `zz<count-1>` set to their index, as `map.set` each would, without its search of the
 * whole mapping per key (quadratic at the key limit).
 */
function addKeys(map: YAMLMap, count: number): void {
  const existing = new Set(map.items.map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key)));
  for (let index = 0; index < count; index++) {
    if (existing.has(`zz${index}`)) map.set(`zz${index}`, index);
    else map.items.push(new Pair(`zz${index}`, index));
  }
}

/** Keys whose string values are free text (prompts, descriptions, literal values), where a hostile string passes the schema. */
const FREE_TEXT_KEYS = new Set(['prompt', 'prompts', 'description', 'name', 'equals', 'value', 'body', 'attributes', 'set', 'text']);
function isFreeText(located: Located): boolean {
  return located.path.some((segment) => typeof segment === 'string' && FREE_TEXT_KEYS.has(segment));
}

function stringScalars(nodes: readonly Located[]): Located[] {
  return nodes.filter((candidate) => isScalar(candidate.node) && typeof candidate.node.value === 'string');
}

/** Swap two string scalars (step names, references, prompts): the "references swapped" class. */
function swapScalars(document: Document, nodes: Located[], at: number, other: number): void {
  const strings = stringScalars(nodes);
  const first = pick(strings, at);
  const second = pick(strings, other);
  if (!first || !second || !isScalar(first.node) || !isScalar(second.node)) return;
  const value = first.node.value;
  first.node.value = second.node.value;
  second.node.value = value;
}

/** Give one node an anchor and refer to it from a mapping: by a merge key (`<<: *a`), or as a plain alias value. */
function linkNodes(document: Document, nodes: Located[], edit: Extract<DocumentEdit, { kind: 'anchor-merge' | 'alias' }>): void {
  const source = pick(nodes, edit.at);
  if (!source) return;
  // An alias must follow its anchor and must not sit inside it (a circular alias is a different test).
  const inside = (candidate: Located) => source.path.every((segment, index) => candidate.path[index] === segment);
  const maps = nodes.slice(nodes.indexOf(source) + 1).filter((candidate) => isMap(candidate.node) && !inside(candidate));
  const into = pick(maps, edit.into);
  if (!into || !isMap(into.node)) return;
  const alias = document.createAlias(source.node as never, `a${edit.at % 100}`);
  into.node.set(edit.kind === 'anchor-merge' ? '<<' : `linked${edit.into % 10}`, alias);
}

function nestedText(depth: number, shape: 'sequence' | 'mapping' | 'condition'): string {
  if (shape === 'sequence') return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  if (shape === 'mapping') return `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`;
  return `${'{ not: '.repeat(depth)}{ ref: call.ani, equals: x }${' }'.repeat(depth)}`;
}

function applyTextEdit(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'cr-only':
      return text.replace(/\n/g, '\r');
    case 'tab': {
      const index = edit.line % lines.length;
      lines[index] = lines[index]!.replace(/^ +/, '\t');
      return lines.join('\n');
    }
    case 'duplicate-line': {
      const index = edit.line % lines.length;
      lines.splice(index, 0, lines[index]!);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, edit.at % (text.length + 1));
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
  }
}
