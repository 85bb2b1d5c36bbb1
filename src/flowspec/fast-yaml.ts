import { INPUT_LIMITS } from './limits.js';

/**
 * The fast path of `loadSpec`: most specs are clean, and for a clean spec the `yaml` library's
 * positioned Document is needed only if a later stage reports something. This reader reads the
 * block YAML that hand-written specs are made of in one pass over the text, and answers only when
 * it is sure that `yaml` (as `load.ts` configures it) would read the same data without an error or
 * a warning, and that the checks `load.ts` runs before and after `yaml` (nesting depth, input
 * limits, forbidden keys) would find nothing. For anything else the answer is undefined and
 * `loadSpec` reads the text with `yaml` as before. `test/flowspec/fast-yaml.test.ts` holds the two
 * against each other.
 *
 * What it reads: block mappings and lists (`- key: value` too, and a list written at its key's
 * column), comments, one-line plain, single- and double-quoted scalars, one-line flow lists and
 * mappings of such scalars (on their key's line or the one below), and `|`, `|-`, `>`, `>-` block scalars. Not modelled (the answer is
 * undefined): tabs anywhere, a carriage return that does not end a line, a byte-order mark,
 * anchors, aliases, tags and directives, document markers, explicit (`?`) and collection keys,
 * null, duplicate, forbidden and over-long keys, multi-line plain and quoted scalars and flow
 * collections, block scalars with `+`, an indentation indicator, leading blank or more-indented
 * folded lines, any indentation that is not a child's or a sibling's, a root that is not a
 * mapping, and any nesting, string or count past the input limits.
 *
 * Iterative throughout, with explicit stacks: the input's depth never reaches the call stack.
 */
export function readCleanYaml(text: string, options: CleanReadOptions): Record<string, unknown> | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === BYTE_ORDER_MARK || hasLoneCarriageReturn(text)) return undefined;
  try {
    return new CleanReader(text, options).read();
  } catch (error) {
    if (error === NOT_MODELLED) return undefined;
    throw error;
  }
}

export interface CleanReadOptions {
  /** Keys refused anywhere (they would reach Object.prototype through a naive merge). */
  forbiddenKeys: ReadonlySet<string>;
  /** The top-level `steps` mapping holds a flow's steps, bounded by the step limit rather than the key limit. */
  holdsSteps: boolean;
}

/** Thrown inside the reader where the text holds something it does not model; never escapes `readCleanYaml`. */
const NOT_MODELLED: unique symbol = Symbol('not modelled by the fast YAML reader');

function notModelled(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a private sentinel, caught by readCleanYaml alone
  throw NOT_MODELLED;
}

/**
 * `yaml` refuses an implicit key whose `:` is more than 1024 characters after where it starts
 * (`KEY_OVER_1024_CHARS` in strict mode), and after an entry with an empty value it starts that
 * count before the key's line break and indentation. The reader counts from the start of the line
 * (the line break is one more), kept well below the limit.
 */
const MAX_FAST_KEY_LENGTH = 1000;

/**
 * Plain scalars resolved as the `yaml` library's YAML 1.2 core schema does (its `schema/core/*.js`,
 * https://github.com/eemeli/yaml/tree/main/src/schema/core, and https://yaml.org/spec/1.2.2/#1032-tag-resolution).
 * Quoted and block scalars stay strings.
 */
const CORE_SCALARS: readonly { test: RegExp; construct: (text: string) => unknown }[] = [
  { test: /^(?:~|[Nn]ull|NULL)?$/, construct: () => null },
  { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, construct: (text) => text[0] === 't' || text[0] === 'T' },
  { test: /^0o[0-7]+$/, construct: (text) => parseInt(text.slice(2), 8) },
  { test: /^[-+]?[0-9]+$/, construct: (text) => parseInt(text, 10) },
  { test: /^0x[0-9a-fA-F]+$/, construct: (text) => parseInt(text.slice(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    construct: (text) =>
      text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN') ? NaN : text[0] === '-' ? -Infinity : Infinity,
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, construct: (text) => parseFloat(text) },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, construct: (text) => parseFloat(text) },
];

/**
 * Every form above starts with one of these characters: a plain word like `authenticate` (most of
 * a spec) is ruled out by one table lookup instead of a test of every form.
 */
const MAY_START_CORE_SCALAR = charTable('~nNtTfF0123456789+-.');
/** Where the numbers (and `.inf`, `.nan`) start; the other forms are the words below. */
const MAY_START_NUMBER = charTable('0123456789+-.');
/**
 * The null and boolean forms, which are whole words: a plain scalar starting with their letters
 * (`next`, `type`, `false`) is looked up, not tested against every form. The longest is five characters.
 */
const CORE_WORDS: ReadonlyMap<string, null | boolean> = new Map([
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const LONGEST_CORE_WORD = 5;

/** A plain scalar's value under the core schema. */
export function resolvePlainScalar(text: string): unknown {
  const first = text.charCodeAt(0);
  if (!MAY_START_CORE_SCALAR[first]) return text;
  if (!MAY_START_NUMBER[first]) {
    const word = text.length > LONGEST_CORE_WORD ? undefined : CORE_WORDS.get(text);
    return word === undefined ? text : word;
  }
  for (const form of CORE_SCALARS) if (form.test.test(text)) return form.construct(text);
  return text;
}

const BYTE_ORDER_MARK = 0xfeff;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const PERCENT = 37;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const PIPE = 124;
const GREATER = 62;
/** Where a line, or the text, ends: charCodeAt past the end is NaN, mapped to this. */
const END = -1;

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}

/** Indicators no plain scalar starts with; `-` (before a space) and `?`, `:` are decided apart. */
const INDICATOR = charTable(',[]{}#&*!|>\'"%@`?:');
/** Flow indicators, and the comment and key indicators: where a plain scalar in a flow collection stops. */
const FLOW_STOP = charTable(',[]{}#:');
/**
 * What nesting.ts takes as the start of a quoted, flow, block or tagged value when it follows a
 * `,` or `:` and a space inside a plain scalar (it does not know plain scalars): such text would be
 * measured differently there, so the reader leaves it to the positioned path, which measures it.
 */
const OPENS_A_VALUE_FOR_NESTING = charTable('&!"\'[{|>');

/** One open block mapping or list: `indent` is the column of its keys or of its `-`. */
interface BlockFrame {
  indent: number;
  map: Record<string, unknown> | undefined;
  list: unknown[] | undefined;
  /** Entries at most (keys of a mapping, items of a list). */
  most: number;
  /** Keys read so far, for a mapping. */
  keys: number;
  /** A list written at the column of the key it is the value of: the next key at that column closes it. */
  atKeyColumn: boolean;
}

/** One open flow collection on the current line. */
interface FlowFrame {
  map: Record<string, unknown> | undefined;
  list: unknown[] | undefined;
  most: number;
  keys: number;
  /** After an entry: a `,` or the closing bracket comes next. */
  afterEntry: boolean;
  /** Right after a `,`: a closing bracket here would be a trailing comma (left to `yaml`). */
  afterComma: boolean;
}

function blockFrame(indent: number, value: unknown[] | Record<string, unknown>, most: number, atKeyColumn = false): BlockFrame {
  const list = Array.isArray(value);
  return { indent, map: list ? undefined : value, list: list ? value : undefined, most, keys: 0, atKeyColumn };
}

function hasLoneCarriageReturn(text: string): boolean {
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== LINE_FEED) return true;
  return false;
}

class CleanReader {
  private readonly blocks: BlockFrame[] = [];
  private root: Record<string, unknown> | undefined;
  /** The current line: its first character, where its content ends (before `\r\n` or `\n`), where the next starts. */
  private lineStart = 0;
  private lineEnd = 0;
  private nextLine = 0;
  /** An entry whose value is on the lines below it, or null if none follows: its mapping or list and key or index. */
  private pendingIn: BlockFrame | undefined;
  private pendingKey: string | number = 0;
  /** What the last inline read found: a key (its text, and where its value starts) or a value. */
  private foundKey: string | undefined;
  private afterKey = 0;
  /** The key or index whose value is being read on this line, for the limit of a flow collection there. */
  private valueOf: string | number = 0;
  /** Where the last scalar or flow collection read ends. */
  private cursor = 0;
  /** Levels of nesting the current line adds before its flow collections (see `readFlowBelow`). */
  private lineLevels = 0;

  constructor(
    private readonly text: string,
    private readonly options: CleanReadOptions,
  ) {}

  read(): Record<string, unknown> {
    for (let start = 0; start < this.text.length; start = this.nextLine) {
      this.enterLine(start);
      this.readLine();
    }
    return this.root ?? notModelled();
  }

  private enterLine(start: number): void {
    const feed = this.text.indexOf('\n', start);
    this.lineStart = start;
    this.nextLine = feed === -1 ? this.text.length : feed + 1;
    const end = feed === -1 ? this.text.length : feed;
    this.lineEnd = this.text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
  }

  private code(at: number): number {
    return at < this.lineEnd ? this.text.charCodeAt(at) : END;
  }

  private skipSpaces(from: number): number {
    let at = from;
    while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** The rest of the line after a value holds nothing but spaces and a comment. */
  private endsLine(at: number): boolean {
    const next = this.skipSpaces(at);
    return next === this.lineEnd || (next > at && this.text.charCodeAt(next) === HASH);
  }

  private isDash(at: number): boolean {
    if (this.code(at) !== DASH) return false;
    const next = this.code(at + 1);
    return next === SPACE || next === END;
  }

  private readLine(): void {
    const first = this.skipSpaces(this.lineStart);
    if (first === this.lineEnd || this.text.charCodeAt(first) === HASH) return;
    const indent = first - this.lineStart;
    if (indent === 0 && this.isDocumentMarker(first)) notModelled();
    const owner = this.pendingIn;
    if (owner !== undefined && indent > owner.indent && this.opensFlow(first)) return this.readFlowBelow(owner, first);
    this.placeLine(indent, this.isDash(first));
    this.readEntry(first);
  }

  private opensFlow(at: number): boolean {
    const code = this.text.charCodeAt(at);
    return code === OPEN_BRACKET || code === OPEN_BRACE;
  }

  /**
   * A flow collection on the line below its key or `-` (a long list wrapped after `prompts:`). Its
   * line is one more level to nesting.ts, which counts each line's indentation as a level.
   */
  private readFlowBelow(owner: BlockFrame, at: number): void {
    this.pendingIn = undefined;
    this.valueOf = this.pendingKey;
    this.lineLevels = 1;
    const value = this.readInline(at, owner.indent);
    this.lineLevels = 0;
    if (owner.map !== undefined) owner.map[this.pendingKey] = value;
    else owner.list![this.pendingKey as number] = value;
  }

  /** `---` and `...` start or end a document; `%` a directive. */
  private isDocumentMarker(at: number): boolean {
    const first = this.text.charCodeAt(at);
    if (first === PERCENT) return true;
    return (first === DASH || first === DOT) && this.text.charCodeAt(at + 1) === first && this.text.charCodeAt(at + 2) === first;
  }

  /** Opens, closes or finds the block collection a line at this indentation belongs to. */
  private placeLine(indent: number, dash: boolean): void {
    const owner = this.pendingIn;
    this.pendingIn = undefined;
    if (owner !== undefined) {
      if (indent > owner.indent) return this.openPending(owner, indent, dash, false);
      if (indent === owner.indent && dash && owner.map !== undefined) return this.openPending(owner, indent, dash, true);
    }
    if (this.root === undefined) {
      if (indent !== 0 || dash) notModelled();
      this.root = {};
      this.push(blockFrame(indent, this.root, INPUT_LIMITS.keysPerMapping));
      return;
    }
    let top = this.blocks[this.blocks.length - 1]!;
    while (top.indent > indent || (top.atKeyColumn && top.indent === indent && !dash)) {
      this.blocks.pop();
      top = this.blocks[this.blocks.length - 1]!;
    }
    if (top.indent !== indent) notModelled();
  }

  /** The value of the entry left open on an earlier line: a mapping or a list starting on this one. */
  private openPending(owner: BlockFrame, indent: number, dash: boolean, atKeyColumn: boolean): void {
    const key = this.pendingKey;
    const value = dash ? [] : {};
    if (owner.map !== undefined) owner.map[key] = value;
    else owner.list![key as number] = value;
    const most = this.limitFor(owner, key, dash);
    this.push(blockFrame(indent, value, most, atKeyColumn));
  }

  /** The entry limit of a collection that is the value of `key` in `owner` (limits.ts). */
  private limitFor(owner: BlockFrame | FlowFrame | undefined, key: string | number, list: boolean): number {
    const topLevel = owner !== undefined && owner.map === this.root;
    if (list) return topLevel && key === 'scenarios' ? INPUT_LIMITS.scenarios : INPUT_LIMITS.itemsPerList;
    return topLevel && key === 'steps' && this.options.holdsSteps ? INPUT_LIMITS.steps : INPUT_LIMITS.keysPerMapping;
  }

  private push(frame: BlockFrame): void {
    this.blocks.push(frame);
    if (this.blocks.length > INPUT_LIMITS.nestingDepth) notModelled();
  }

  /** One line's entries: `- ` items (each perhaps opening a list or mapping further right), then a key or a value. */
  private readEntry(from: number): void {
    let at = from;
    for (;;) {
      const frame = this.blocks[this.blocks.length - 1]!;
      if (frame.list === undefined) return this.readPair(frame, this.readKey(at));
      if (!this.isDash(at)) notModelled();
      const index = frame.list.length;
      frame.list.push(null);
      if (frame.list.length > frame.most) notModelled();
      const item = this.skipSpaces(at + 1);
      if (item === this.lineEnd || this.text.charCodeAt(item) === HASH) {
        this.pendingIn = frame;
        this.pendingKey = index;
        return;
      }
      const column = item - this.lineStart;
      if (this.isDash(item)) {
        const list: unknown[] = [];
        frame.list[index] = list;
        this.push(blockFrame(column, list, INPUT_LIMITS.itemsPerList));
        at = item;
        continue;
      }
      this.valueOf = index;
      const value = this.readInline(item, frame.indent);
      if (this.foundKey === undefined) {
        frame.list[index] = value;
        return;
      }
      const map: Record<string, unknown> = {};
      frame.list[index] = map;
      this.push(blockFrame(column, map, INPUT_LIMITS.keysPerMapping));
      return this.readPair(this.blocks[this.blocks.length - 1]!, this.foundKey);
    }
  }

  /** The key at `at` (a mapping's line holds nothing else first). */
  private readKey(at: number): string {
    this.readInline(at, 0);
    return this.foundKey ?? notModelled();
  }

  /** A key just read and its value: on this line, or (nothing after the `:`) on the lines below. */
  private readPair(frame: BlockFrame, key: string): void {
    const map = frame.map!;
    this.checkKey(map, key);
    if (++frame.keys > frame.most) notModelled();
    const at = this.skipSpaces(this.afterKey);
    if (at === this.lineEnd || this.text.charCodeAt(at) === HASH) {
      map[key] = null;
      this.pendingIn = frame;
      this.pendingKey = key;
      return;
    }
    if (this.isDash(at)) notModelled();
    this.valueOf = key;
    // Stored once, with its value: a property added and then written again costs a second store.
    const value = this.readInline(at, frame.indent);
    if (this.foundKey !== undefined) notModelled();
    map[key] = value;
  }

  /** A key `yaml` reads without a diagnostic and `load.ts` accepts: new in its mapping, not too long, not forbidden. */
  private checkKey(map: Record<string, unknown>, key: string): void {
    if (Object.hasOwn(map, key) || key.length > MAX_FAST_KEY_LENGTH || this.options.forbiddenKeys.has(key)) notModelled();
  }

  /**
   * The node that starts at `at` and ends on this line (a block scalar: on the lines below), or the
   * key that starts there (then `foundKey` is set and `afterKey` is where its value starts).
   * `parentIndent` is the column of the collection holding it, which a block scalar's lines pass.
   */
  private readInline(at: number, parentIndent: number): unknown {
    this.foundKey = undefined;
    const first = this.text.charCodeAt(at);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const text = first === DOUBLE_QUOTE ? this.readDoubleQuoted(at) : this.readSingleQuoted(at);
      return this.keyOrValueAfterQuote(text);
    }
    if (first === OPEN_BRACKET || first === OPEN_BRACE) {
      const value = this.readFlow(at);
      if (!this.endsLine(this.cursor)) notModelled();
      return value;
    }
    if (first === PIPE || first === GREATER) return this.readBlockScalar(at, parentIndent);
    return this.readPlain(at);
  }

  /** After a quoted scalar: a `: ` makes it a key; otherwise the line must end (a comment may follow). */
  private keyOrValueAfterQuote(text: string): string {
    const at = this.skipSpaces(this.cursor);
    if (this.code(at) === COLON && (this.code(at + 1) === SPACE || this.code(at + 1) === END)) {
      if (at - this.lineStart > MAX_FAST_KEY_LENGTH) notModelled();
      this.foundKey = text;
      this.afterKey = at + 1;
      return text;
    }
    if (!this.endsLine(this.cursor)) notModelled();
    return text;
  }

  /** A plain scalar in block context: to the end of the line, a ` #` comment, or a `: ` (then it is a key). */
  private readPlain(start: number): unknown {
    this.checkPlainStart(start);
    let end = start;
    let opensValue = false;
    for (let at = start; at < this.lineEnd; at++) {
      const code = this.text.charCodeAt(at);
      if (code === SPACE) {
        if (this.text.charCodeAt(at + 1) === HASH) break;
        continue;
      }
      if (code === COLON || code === COMMA) {
        const next = this.code(at + 1);
        if (code === COLON && (next === SPACE || next === END)) return this.plainKey(start, end, at + 1);
        opensValue = next === SPACE || next === END || next === COMMA || next === CLOSE_BRACKET || next === CLOSE_BRACE;
      } else {
        if (opensValue && code < 128 && OPENS_A_VALUE_FOR_NESTING[code]) notModelled();
        opensValue = false;
      }
      end = at + 1;
    }
    return this.checkedString(resolvePlainScalar(this.text.slice(start, end)));
  }

  private checkPlainStart(at: number): void {
    const first = this.text.charCodeAt(at);
    if (first < 128 && INDICATOR[first]) notModelled();
    if (first === DASH) {
      const next = this.code(at + 1);
      if (next === SPACE || next === END) notModelled();
    }
  }

  /** A plain key: resolved as a scalar and written as `yaml`'s toJS writes a key (String of its value). */
  private plainKey(start: number, end: number, afterColon: number): string {
    if (end - this.lineStart > MAX_FAST_KEY_LENGTH) notModelled();
    const value = resolvePlainScalar(this.text.slice(start, end));
    if (value === null) notModelled();
    this.foundKey = String(value);
    this.afterKey = afterColon;
    return this.foundKey;
  }

  private checkedString<T>(value: T): T {
    if (typeof value === 'string' && value.length > INPUT_LIMITS.stringLength) notModelled();
    return value;
  }

  /** `'…'` on one line, `''` for a quote. `cursor` ends after the closing quote. */
  private readSingleQuoted(start: number): string {
    let value = '';
    let from = start + 1;
    for (;;) {
      const close = this.text.indexOf("'", from);
      if (close === -1 || close >= this.lineEnd) notModelled();
      value += this.text.slice(from, close);
      if (this.text.charCodeAt(close + 1) !== SINGLE_QUOTE) {
        this.cursor = close + 1;
        return this.checkedString(value);
      }
      value += "'";
      from = close + 2;
    }
  }

  /** `"…"` on one line, with YAML's escapes. `cursor` ends after the closing quote. */
  private readDoubleQuoted(start: number): string {
    let value = '';
    let from = start + 1;
    for (let at = from; at < this.lineEnd; at++) {
      const code = this.text.charCodeAt(at);
      if (code === DOUBLE_QUOTE) {
        this.cursor = at + 1;
        return this.checkedString(value + this.text.slice(from, at));
      }
      if (code !== BACKSLASH) continue;
      value += this.text.slice(from, at) + this.escaped(at + 1);
      at = this.cursor - 1;
      from = this.cursor;
    }
    return notModelled();
  }

  /** The character an escape stands for (the letter after the backslash at `at`); `cursor` ends after it. */
  private escaped(at: number): string {
    const letter = this.text[at];
    const simple = letter === undefined || at >= this.lineEnd ? undefined : SIMPLE_ESCAPES[letter];
    if (simple !== undefined) {
      this.cursor = at + 1;
      return simple;
    }
    const digits = letter === 'x' ? 2 : letter === 'u' ? 4 : letter === 'U' ? 8 : 0;
    const hex = this.text.slice(at + 1, at + 1 + digits);
    if (digits === 0 || at + 1 + digits > this.lineEnd || !/^[0-9a-fA-F]+$/.test(hex)) notModelled();
    const point = parseInt(hex, 16);
    if (point > 0x10ffff) notModelled();
    this.cursor = at + 1 + digits;
    return String.fromCodePoint(point);
  }

  /**
   * A block scalar (`|`, `|-`, `>`, `>-`) whose header is at `at`: its lines are the ones below,
   * indented past `parentIndent` by as much as the first; it ends at the first line indented less.
   */
  private readBlockScalar(at: number, parentIndent: number): string {
    const folded = this.text.charCodeAt(at) === GREATER;
    const strip = this.code(at + 1) === DASH;
    const afterHeader = at + (strip ? 2 : 1);
    if (this.code(afterHeader) !== SPACE && this.code(afterHeader) !== END) notModelled();
    if (!this.endsLine(afterHeader)) notModelled();
    const lines = new BlockLines(this.text, this.nextLine);
    const indent = lines.contentIndent();
    if (indent <= parentIndent) notModelled();
    let value = '';
    let blanks = 0;
    let content = false;
    for (; lines.start < this.text.length; lines.next()) {
      if (lines.blank()) {
        if (lines.spaces() > indent) notModelled();
        blanks++;
        continue;
      }
      if (lines.spaces() < indent) break;
      if (folded && lines.spaces() > indent) notModelled();
      const separator = !content ? '' : folded && blanks === 0 ? ' ' : '\n'.repeat(folded ? blanks : blanks + 1);
      value += separator + this.text.slice(lines.start + indent, lines.end);
      content = true;
      blanks = 0;
    }
    this.nextLine = lines.start;
    this.cursor = this.lineEnd;
    return this.checkedString(strip ? value : `${value}\n`);
  }

  /** A flow list or mapping that opens at `at` and closes on this line; `cursor` ends after its bracket. */
  private readFlow(at: number): unknown {
    const frames: FlowFrame[] = [];
    const root = this.openFlow(frames, at, undefined, '');
    let next = at + 1;
    while (frames.length > 0) {
      next = this.skipSpaces(next);
      const frame = frames[frames.length - 1]!;
      const code = this.code(next);
      if (code === (frame.map === undefined ? CLOSE_BRACKET : CLOSE_BRACE)) {
        if (frame.afterComma) notModelled();
        frames.pop();
        if (frames.length > 0) this.endFlowEntry(frames[frames.length - 1]!);
        next++;
      } else if (frame.afterEntry) {
        if (code !== COMMA) notModelled();
        frame.afterEntry = false;
        frame.afterComma = true;
        next++;
      } else next = this.readFlowEntry(frames, frame, next);
    }
    this.cursor = next;
    return root;
  }

  private openFlow(
    frames: FlowFrame[],
    at: number,
    parent: FlowFrame | undefined,
    key: string | number,
  ): unknown[] | Record<string, unknown> {
    const isList = this.text.charCodeAt(at) === OPEN_BRACKET;
    const owner = parent ?? this.blocks[this.blocks.length - 1];
    const most = this.limitFor(owner, parent === undefined ? this.valueOf : key, isList);
    const value = isList ? [] : {};
    frames.push({
      map: isList ? undefined : value,
      list: isList ? (value as unknown[]) : undefined,
      most,
      keys: 0,
      afterEntry: false,
      afterComma: false,
    });
    if (this.blocks.length + this.lineLevels + frames.length > INPUT_LIMITS.nestingDepth) notModelled();
    return value;
  }

  private endFlowEntry(frame: FlowFrame): void {
    frame.afterEntry = true;
    frame.afterComma = false;
  }

  /** One item of a flow list, or one `key: value` of a flow mapping, from `at`; where it ends. */
  private readFlowEntry(frames: FlowFrame[], frame: FlowFrame, at: number): number {
    let next = at;
    let key: string | number;
    if (frame.map !== undefined) {
      key = this.readFlowKey(next);
      next = this.skipSpaces(this.cursor);
      if (this.code(next) !== COLON || this.code(next + 1) !== SPACE) notModelled();
      this.checkKey(frame.map, key);
      if (++frame.keys > frame.most) notModelled();
      frame.map[key] = null;
      next = this.skipSpaces(next + 1);
    } else {
      key = frame.list!.length;
      frame.list!.push(null);
      if (frame.list!.length > frame.most) notModelled();
    }
    const code = this.code(next);
    const opens = code === OPEN_BRACKET || code === OPEN_BRACE;
    const value = opens ? this.openFlow(frames, next, frame, key) : this.readFlowScalar(next, false);
    if (frame.map !== undefined) frame.map[key] = value;
    else frame.list![key as number] = value;
    if (opens) return next + 1;
    this.endFlowEntry(frame);
    return this.cursor;
  }

  /** A key of a flow mapping: quoted, or plain and written as `yaml`'s toJS writes it. */
  private readFlowKey(at: number): string {
    const first = this.code(at);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const key = first === DOUBLE_QUOTE ? this.readDoubleQuoted(at) : this.readSingleQuoted(at);
      if (this.cursor - this.lineStart > MAX_FAST_KEY_LENGTH) notModelled();
      return key;
    }
    const value = this.readFlowScalar(at, true);
    if (value === null) notModelled();
    return String(value);
  }

  /** A `:` inside a flow scalar is text unless a space, a flow indicator or the line's end follows (`Bearer <secret:token>`). */
  private endsFlowPlain(afterColon: number): boolean {
    const next = this.code(afterColon);
    return next === SPACE || next === END || (next < 128 && FLOW_STOP[next] === 1);
  }

  /** A quoted or plain scalar inside a flow collection; `cursor` ends after it. A `:` after a value is left to `yaml`. */
  private readFlowScalar(at: number, isKey: boolean): unknown {
    const first = this.code(at);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const text = first === DOUBLE_QUOTE ? this.readDoubleQuoted(at) : this.readSingleQuoted(at);
      if (this.code(this.skipSpaces(this.cursor)) === COLON) notModelled();
      return text;
    }
    if (first === END) notModelled();
    this.checkPlainStart(at);
    const afterFirst = this.code(at + 1);
    if (first === DASH && afterFirst < 128 && FLOW_STOP[afterFirst]) notModelled();
    let end = at;
    let stop = at;
    for (; stop < this.lineEnd; stop++) {
      const code = this.text.charCodeAt(stop);
      if (code < 128 && FLOW_STOP[code] && (code !== COLON || this.endsFlowPlain(stop + 1))) break;
      if (code !== SPACE) end = stop + 1;
    }
    const code = this.code(stop);
    if (code === END || code === HASH || (code === COLON && !isKey)) notModelled();
    if (isKey && end - this.lineStart > MAX_FAST_KEY_LENGTH) notModelled();
    this.cursor = stop;
    return this.checkedString(resolvePlainScalar(this.text.slice(at, end)));
  }
}

/** The lines of a block scalar, from the one after its header. */
class BlockLines {
  end = 0;
  private after = 0;

  constructor(
    private readonly text: string,
    public start: number,
  ) {
    this.measure();
  }

  next(): void {
    this.start = this.after;
    this.measure();
  }

  private measure(): void {
    const feed = this.text.indexOf('\n', this.start);
    this.after = feed === -1 ? this.text.length : feed + 1;
    const end = feed === -1 ? this.text.length : feed;
    this.end = this.text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
  }

  spaces(): number {
    let at = this.start;
    while (at < this.end && this.text.charCodeAt(at) === SPACE) at++;
    return at - this.start;
  }

  blank(): boolean {
    return this.start + this.spaces() === this.end;
  }

  /** The indentation of the first line, which sets the scalar's; a blank first line is left to `yaml`. */
  contentIndent(): number {
    if (this.start >= this.text.length || this.blank()) notModelled();
    return this.spaces();
  }
}

/** YAML's one-letter escapes (`yaml`'s `resolve-flow-scalar.js`); a tab after the backslash never gets here. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
