import { assertNever } from '../../../util/assert.js';
import { EngineError } from '../../engine-contract.js';
import { playedAudio } from '../../../ir/prompt.js';
import { USER_PROMPT_PREFIX } from '../conventions.js';
import { booleanValue, dateTimeOf, describeValue, integerValue, NOT_SET, stringValue, toText, type ArchValue } from './values.js';

/**
 * The Architect expression subset src/emit/genesys/expression.ts writes: string, number and boolean
 * literals, NOT_SET, `Flow.`/`Call.` names, comparison operators, `and`/`or`, and a closed list of
 * functions. Anything else is an EngineError when the artifact is read, not when a call reaches it.
 */
export type Expression =
  | { kind: 'literal'; value: ArchValue }
  | { kind: 'name'; name: string }
  | { kind: 'call'; name: FunctionName; args: Expression[] }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'negate'; operand: Expression };

const COMPARISONS = ['==', '!=', '<', '>', '<=', '>='] as const;
type Comparison = (typeof COMPARISONS)[number];
type BinaryOperator = Comparison | 'and' | 'or' | '+';

/** Function name → number of arguments (`VARIADIC`: two or more). */
const VARIADIC = -1;
const FUNCTIONS = {
  Append: VARIADIC,
  ToAudio: 1,
  If: 3,
  IsSet: 1,
  IsNotSetOrEmpty: 1,
  ToString: 1,
  ToInt: 1,
  Replace: 3,
  Length: 1,
  GetCurrentDateTimeUtc: 0,
  FindSkill: 1,
  AudioPlaybackOptions: 2,
  ToAudioBlank: 1,
  ToAudioTTS: 1,
  /** `ToPhoneNumber(x).e164`, read as one function: the phone number type itself is not modelled. */
  ToPhoneNumberE164: 1,
} as const;
type FunctionName = keyof typeof FUNCTIONS;

function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

type Token =
  { kind: 'string'; text: string } | { kind: 'number'; text: string } | { kind: 'word'; text: string } | { kind: 'symbol'; text: string };

/**
 * Help center "Use string literals in expressions": a backslash escapes `"` and `\`; no other escape
 * is documented, so any other backslash sequence is rejected rather than guessed.
 */
const STRING = /"((?:\\["\\]|[^"\\])*)"/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const SYMBOL = /==|!=|<=|>=|<|>|\(|\)|,|-|\+|\./y;

function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const at = (pattern: RegExp) => {
    pattern.lastIndex = position;
    return pattern.exec(text);
  };
  while (position < text.length) {
    if (/\s/.test(text[position]!)) {
      position += 1;
      continue;
    }
    const token = readToken(at);
    if (!token)
      throw new EngineError(
        `unsupported text in expression at offset ${position}: ${JSON.stringify(text.slice(position, position + 20))}`,
        where,
      );
    tokens.push(token.token);
    position += token.length;
  }
  return tokens;
}

function readToken(at: (pattern: RegExp) => RegExpExecArray | null): { token: Token; length: number } | undefined {
  const string = at(STRING);
  if (string) return { token: { kind: 'string', text: string[1]!.replace(/\\(["\\])/g, '$1') }, length: string[0].length };
  const number = at(NUMBER);
  if (number) return { token: { kind: 'number', text: number[0] }, length: number[0].length };
  const word = at(WORD);
  if (word) return { token: { kind: 'word', text: word[0] }, length: word[0].length };
  const symbol = at(SYMBOL);
  if (symbol) return { token: { kind: 'symbol', text: symbol[0] }, length: symbol[0].length };
  return undefined;
}

/** Reads one expression; throws EngineError for anything outside the subset. */
export function parseExpression(text: string, where: string): Expression {
  return new Parser(tokenize(text, where), text, where).parse();
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly where: string,
  ) {}

  parse(): Expression {
    const expression = this.or();
    if (this.position < this.tokens.length) this.fail(`unexpected ${JSON.stringify(this.tokens[this.position]!.text)}`);
    return expression;
  }

  private fail(message: string): never {
    throw new EngineError(`${message} in expression ${JSON.stringify(this.text)}`, this.where);
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position++];
    if (!token) this.fail('unexpected end');
    return token;
  }

  private expect(symbol: string): void {
    const token = this.take();
    if (token.kind !== 'symbol' || token.text !== symbol)
      this.fail(`expected ${JSON.stringify(symbol)}, found ${JSON.stringify(token.text)}`);
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text === word;
  }

  private or(): Expression {
    let left = this.and();
    while (this.isWord('or')) {
      this.position += 1;
      left = { kind: 'binary', operator: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expression {
    let left = this.comparison();
    while (this.isWord('and')) {
      this.position += 1;
      left = { kind: 'binary', operator: 'and', left, right: this.comparison() };
    }
    return left;
  }

  /** Comparisons do not chain: `a == b == c` is not something the emitter writes. */
  private comparison(): Expression {
    const left = this.sum();
    const token = this.peek();
    if (token?.kind !== 'symbol' || !(COMPARISONS as readonly string[]).includes(token.text)) return left;
    this.position += 1;
    return { kind: 'binary', operator: token.text as Comparison, left, right: this.sum() };
  }

  /** `a + b`: the emitter writes it for a priority above the literal range ("10 + 40"). */
  private sum(): Expression {
    let left = this.unary();
    while (this.peek()?.kind === 'symbol' && this.peek()?.text === '+') {
      this.position += 1;
      left = { kind: 'binary', operator: '+', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expression {
    const token = this.peek();
    if (token?.kind === 'symbol' && token.text === '-') {
      this.position += 1;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expression {
    const token = this.take();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', value: stringValue(token.text) };
      case 'number':
        return {
          kind: 'literal',
          value: token.text.includes('.') ? { type: 'decimal', value: Number(token.text) } : integerValue(Number(token.text)),
        };
      case 'symbol':
        if (token.text !== '(') this.fail(`unexpected ${JSON.stringify(token.text)}`);
        return this.parenthesized();
      case 'word':
        return this.word(token.text);
      default:
        return assertNever(token);
    }
  }

  private parenthesized(): Expression {
    const inner = this.or();
    this.expect(')');
    return inner;
  }

  private word(word: string): Expression {
    if (word === 'true' || word === 'false') return { kind: 'literal', value: booleanValue(word === 'true') };
    if (word === 'NOT_SET') return { kind: 'literal', value: NOT_SET };
    const next = this.peek();
    if (next?.kind === 'symbol' && next.text === '(') return this.call(word);
    // A user prompt is read only as ToAudio's argument (checked in call()).
    if (!/^(Flow|Call|Prompt)\./.test(word)) this.fail(`unknown name ${word} (only Flow., Call. and Prompt. names are modelled)`);
    return { kind: 'name', name: word };
  }

  private call(name: string): Expression {
    if (name === 'ToPhoneNumber') return this.phoneNumber();
    if (!isFunctionName(name) || name === 'ToPhoneNumberE164') this.fail(`unknown function ${name}`);
    this.expect('(');
    const args: Expression[] = [];
    if (!(this.peek()?.kind === 'symbol' && this.peek()?.text === ')')) {
      args.push(this.or());
      while (this.peek()?.kind === 'symbol' && this.peek()?.text === ',') {
        this.position += 1;
        args.push(this.or());
      }
    }
    this.expect(')');
    const arity: number = FUNCTIONS[name];
    if (arity === VARIADIC ? args.length < 2 : args.length !== arity)
      this.fail(`${name} takes ${arity === VARIADIC ? 'two or more' : arity} arguments, got ${args.length}`);
    if (name === 'ToAudio' && (args[0]!.kind !== 'name' || !args[0]!.name.startsWith(USER_PROMPT_PREFIX)))
      this.fail('only ToAudio(Prompt.<name>) is modelled');
    return { kind: 'call', name, args };
  }

  /** `ToPhoneNumber(x)` is modelled only with its `.e164` property read at once. */
  private phoneNumber(): Expression {
    this.expect('(');
    const arg = this.or();
    this.expect(')');
    this.expect('.');
    const property = this.take();
    if (property.kind !== 'word' || property.text !== 'e164') this.fail('only ToPhoneNumber(...).e164 is modelled');
    return { kind: 'call', name: 'ToPhoneNumberE164', args: [arg] };
  }
}

/** What an expression can read. */
export interface ExpressionScope {
  /** A `Flow.` or `Call.` name; throws EngineError for one that does not exist. */
  read(name: string): ArchValue;
  /** The call's timestamp as an ISO 8601 instant. */
  now: string;
  where: string;
}

export function evaluate(expression: Expression, scope: ExpressionScope): ArchValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'name':
      return scope.read(expression.name);
    case 'negate':
      return negate(evaluate(expression.operand, scope), scope.where);
    case 'binary':
      return binary(expression.operator, evaluate(expression.left, scope), evaluate(expression.right, scope), scope.where);
    case 'call':
      return callFunction(expression.name, expression.args, scope);
    default:
      return assertNever(expression);
  }
}

function negate(value: ArchValue, where: string): ArchValue {
  if (value.type === 'integer' || value.type === 'decimal') return { type: value.type, value: -value.value };
  throw new EngineError(`cannot negate ${describeValue(value)}`, where);
}

/**
 * Operands must be set and of one kind (integer and decimal compare as numbers). Architect's result
 * for a comparison with NOT_SET is not modelled: the emitter guards every comparison, so an unguarded
 * one is an EngineError. `and`/`or` evaluate both sides (whether they short-circuit is UNVERIFIED).
 * UNVERIFIED: string `==` is case-sensitive.
 */
function binary(operator: BinaryOperator, left: ArchValue, right: ArchValue, where: string): ArchValue {
  if (left.type === 'notSet' || right.type === 'notSet')
    throw new EngineError(
      `unguarded ${operator} with a NOT_SET operand (${describeValue(left)} ${operator} ${describeValue(right)})`,
      where,
    );
  if (operator === '+' && left.type === 'audio' && right.type === 'audio') return { type: 'audio', tts: [...left.tts, ...right.tts] };
  if (operator === '+') {
    if (left.type !== 'integer' || right.type !== 'integer')
      throw new EngineError(`+ is modelled for integers only, got ${describeValue(left)} and ${describeValue(right)}`, where);
    return integerValue(left.value + right.value);
  }
  if (operator === 'and' || operator === 'or') {
    if (left.type !== 'boolean' || right.type !== 'boolean')
      throw new EngineError(`${operator} needs booleans, got ${describeValue(left)} and ${describeValue(right)}`, where);
    return booleanValue(operator === 'and' ? left.value && right.value : left.value || right.value);
  }
  const [a, b] = comparable(left, right, where);
  switch (operator) {
    case '==':
      return booleanValue(a === b);
    case '!=':
      return booleanValue(a !== b);
    case '<':
      return booleanValue(a < b);
    case '>':
      return booleanValue(a > b);
    case '<=':
      return booleanValue(a <= b);
    case '>=':
      return booleanValue(a >= b);
    default:
      return assertNever(operator);
  }
}

function comparable(left: ArchValue, right: ArchValue, where: string): [string | number | boolean, string | number | boolean] {
  const numeric = (value: ArchValue) => value.type === 'integer' || value.type === 'decimal';
  if (numeric(left) && numeric(right)) return [(left as { value: number }).value, (right as { value: number }).value];
  if (left.type === right.type && (left.type === 'string' || left.type === 'boolean' || left.type === 'dateTime'))
    return [(left as { value: string | boolean }).value, (right as { value: string | boolean }).value];
  throw new EngineError(`cannot compare ${describeValue(left)} with ${describeValue(right)}`, where);
}

function callFunction(name: FunctionName, args: readonly Expression[], scope: ExpressionScope): ArchValue {
  const arg = (index: number) => evaluate(args[index]!, scope);
  switch (name) {
    case 'If':
      // Lazy: only the chosen branch is evaluated, which is what makes the IsSet guards work.
      return requireBoolean(arg(0), name, scope.where) ? arg(1) : arg(2);
    case 'IsSet':
      return booleanValue(arg(0).type !== 'notSet');
    case 'IsNotSetOrEmpty': {
      const value = arg(0);
      return booleanValue(value.type === 'notSet' || (value.type === 'string' && value.value === ''));
    }
    case 'ToString':
      return stringValue(toText(arg(0), scope.where));
    case 'ToInt':
      return toInt(arg(0), scope.where);
    case 'Replace':
      return stringValue(
        requireString(arg(0), name, scope.where)
          .split(requireString(arg(1), name, scope.where))
          .join(requireString(arg(2), name, scope.where)),
      );
    case 'Length':
      return integerValue([...requireString(arg(0), name, scope.where)].length);
    case 'GetCurrentDateTimeUtc':
      return dateTimeOf(scope.now, scope.where);
    case 'FindSkill':
      return { type: 'skill', name: requireString(arg(0), name, scope.where) };
    case 'AudioPlaybackOptions':
      requireBoolean(arg(1), name, scope.where);
      return requireAudio(arg(0), name, scope.where);
    case 'ToAudioBlank':
      if (arg(0).type !== 'integer') throw new EngineError(`ToAudioBlank takes milliseconds as an integer`, scope.where);
      return { type: 'audio', tts: [] };
    case 'Append':
      // SDK function table: NOT_SET operands are allowed and read as "" (`Append("Hello", NOT_SET)` is "Hello").
      return stringValue(args.map((_, index) => appendable(arg(index), scope.where)).join(''));
    case 'ToAudio':
      // A user prompt: the engine has no recording, so it plays the prompt's name (ir/prompt.ts playedAudio).
      return { type: 'audio', tts: [playedAudio((args[0] as { name: string }).name.slice(USER_PROMPT_PREFIX.length))] };
    case 'ToAudioTTS':
      return { type: 'audio', tts: [requireString(arg(0), name, scope.where)] };
    case 'ToPhoneNumberE164':
      return stringValue(e164(requireString(arg(0), name, scope.where), scope.where));
    default:
      return assertNever(name);
  }
}

/**
 * The E.164 form of a `tel:` URI or a number in E.164 already ("tel: +13175550116",
 * https://help.mypurecloud.com/?p=76134). Anything else is not modelled.
 */
function e164(text: string, where: string): string {
  const number = text.replace(/^tel:\s*/, '');
  if (!/^\+[1-9]\d{1,14}$/.test(number)) throw new EngineError(`ToPhoneNumber of ${JSON.stringify(text)} is not modelled`, where);
  return number;
}

/** UNVERIFIED: `ToInt` of text that is not a whole number; modelled as an error, never as a guess. */
function toInt(value: ArchValue, where: string): ArchValue {
  switch (value.type) {
    case 'integer':
      return value;
    case 'decimal':
      return integerValue(Math.trunc(value.value));
    case 'string':
      if (/^-?\d+$/.test(value.value.trim())) return integerValue(Number(value.value.trim()));
      throw new EngineError(`ToInt of ${describeValue(value)} is not modelled`, where);
    case 'audio':
    case 'boolean':
    case 'dateTime':
    case 'duration':
    case 'notSet':
    case 'queue':
    case 'skill':
      throw new EngineError(`ToInt of ${describeValue(value)} is not modelled`, where);
    default:
      return assertNever(value);
  }
}

function appendable(value: ArchValue, where: string): string {
  if (value.type === 'notSet') return '';
  return requireString(value, 'Append', where);
}

function requireString(value: ArchValue, fn: string, where: string): string {
  if (value.type !== 'string') throw new EngineError(`${fn} needs a set string, got ${describeValue(value)}`, where);
  return value.value;
}

function requireBoolean(value: ArchValue, fn: string, where: string): boolean {
  if (value.type !== 'boolean') throw new EngineError(`${fn} needs a set boolean, got ${describeValue(value)}`, where);
  return value.value;
}

function requireAudio(value: ArchValue, fn: string, where: string): ArchValue {
  if (value.type !== 'audio') throw new EngineError(`${fn} needs audio, got ${describeValue(value)}`, where);
  return value;
}
