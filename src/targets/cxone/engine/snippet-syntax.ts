import { EngineError } from '../../engine-contract.js';

/** The backslash as ivrflow writes it inside a Snippet string (an expression substitution of `char(92)`). */
const BACKSLASH = '{char(92)}';

/**
 * The Snippet subset ivrflow writes (emit/templates.ts; docs/cxone.md §3): ASSIGN, DYNAMIC,
 * IF/ELSE blocks, member assignment, method calls, comparisons with `&` and `|`, strings with `{var}`
 * substitution. Anything else is an EngineError: an emitter that writes more must teach this first.
 */

export type StringPart = { text: string } | { ref: string };

export type Expr =
  | { kind: 'string'; parts: readonly StringPart[] }
  | { kind: 'number'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'member'; object: Expr; name: string }
  | { kind: 'call'; object?: Expr; name: string; args: readonly Expr[] }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; grouped?: true };

export type BinaryOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '|';

export type Target = { name: string; member?: string };

export type Statement =
  | { kind: 'assign'; target: Target; value: Expr }
  | { kind: 'dynamic'; name: string }
  | { kind: 'if'; condition: Expr; then: readonly Statement[]; else: readonly Statement[] }
  | { kind: 'expression'; expr: Expr };

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; parts: StringPart[] }
  | { kind: 'op'; value: string }
  | { kind: 'newline' };

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>', '&', '|', '(', ')', ',', '.', '{', '}'];
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '{': '{', t: '\t', r: '\r', n: '\n' };

export function tokenize(code: string, where: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < code.length) {
    const char = code[index]!;
    if (char === '\n') {
      tokens.push({ kind: 'newline' });
      index += 1;
    } else if (char === ' ' || char === '\t' || char === '\r') index += 1;
    else if (code.startsWith('//', index)) index = lineEnd(code, index);
    else if (char === '"' || char === "'" || code.startsWith('$"', index)) index = readString(code, index, tokens, where);
    else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(code.slice(index))![0];
      tokens.push({ kind: 'number', value: Number(match) });
      index += match.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(code.slice(index))![0];
      tokens.push({ kind: 'ident', value: match });
      index += match.length;
    } else {
      const operator = OPERATORS.find((candidate) => code.startsWith(candidate, index));
      if (!operator) throw new EngineError(`unknown character \`${char}\` in Snippet code`, where);
      tokens.push({ kind: 'op', value: operator });
      index += operator.length;
    }
  }
  return tokens;
}

function lineEnd(code: string, from: number): number {
  const end = code.indexOf('\n', from);
  return end === -1 ? code.length : end;
}

/** `"…"` and `'…'` (no escapes) or `$"…"` (backslash escapes); `{name}` substitutes, `{{key}}` is a deploy-time placeholder kept as text. */
function readString(code: string, start: number, tokens: Token[], where: string): number {
  const escaped = code[start] === '$';
  const quote = escaped ? '"' : code[start]!;
  let index = start + (escaped ? 2 : 1);
  const parts: StringPart[] = [];
  let text = '';
  for (;;) {
    const char = code[index];
    if (char === undefined || char === '\n') throw new EngineError('a Snippet string is not closed', where);
    if (char === quote) break;
    if (escaped && char === '\\') {
      const escape = ESCAPES[code[index + 1] ?? ''];
      if (escape === undefined) throw new EngineError(`unknown escape \`\\${code[index + 1] ?? ''}\` in a Snippet string`, where);
      text += escape;
      index += 2;
    } else if (code.startsWith(BACKSLASH, index)) {
      // The one expression substitution ivrflow writes: `char(92)`, a backslash (emit/escape.ts explains why).
      text += '\\';
      index += BACKSLASH.length;
    } else if (char === '{' && code[index + 1] === '{') {
      const end = code.indexOf('}}', index);
      if (end === -1) throw new EngineError('a `{{placeholder}}` is not closed', where);
      text += code.slice(index, end + 2);
      index = end + 2;
    } else if (char === '{') {
      const end = code.indexOf('}', index);
      const ref = end === -1 ? '' : code.slice(index + 1, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(ref))
        throw new EngineError(`\`{${ref}\` is not a variable substitution`, where);
      if (text !== '') parts.push({ text });
      text = '';
      parts.push({ ref });
      index = end + 1;
    } else {
      text += char;
      index += 1;
    }
  }
  if (text !== '' || parts.length === 0) parts.push({ text });
  tokens.push({ kind: 'string', parts });
  return index + 1;
}

function isBareAnd(expr: Expr): boolean {
  return expr.kind === 'binary' && expr.op === '&' && expr.grouped !== true;
}

/** Parse a whole Snippet. */
export function parseSnippet(code: string, where: string): Statement[] {
  const parser = new Parser(tokenize(code, where), where);
  return parser.statements(false);
}

/** Parse one expression (an IF action's `Expression` property). */
export function parseExpression(code: string, where: string): Expr {
  const parser = new Parser(tokenize(code, where), where);
  const expr = parser.expression();
  parser.end();
  return expr;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly where: string,
  ) {}

  statements(inBlock: boolean): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token) {
        if (inBlock) this.fail('a `{` block is not closed');
        return statements;
      }
      if (token.kind === 'op' && token.value === '}') {
        if (!inBlock) this.fail('a `}` closes no block');
        return statements;
      }
      statements.push(this.statement());
      const after = this.peek();
      if (after && after.kind !== 'newline' && !(after.kind === 'op' && after.value === '}')) this.fail('one statement per line');
    }
  }

  private statement(): Statement {
    const token = this.peek()!;
    if (token.kind === 'ident' && token.value === 'ASSIGN') {
      this.index += 1;
      const target = this.target();
      this.expectOp('=');
      return { kind: 'assign', target, value: this.expression() };
    }
    if (token.kind === 'ident' && token.value === 'DYNAMIC') {
      this.index += 1;
      return { kind: 'dynamic', name: this.ident() };
    }
    if (token.kind === 'ident' && token.value === 'IF') {
      this.index += 1;
      const condition = this.expression();
      const then = this.block();
      const save = this.index;
      this.skipNewlines();
      const next = this.peek();
      if (next?.kind === 'ident' && next.value === 'ELSE') {
        this.index += 1;
        return { kind: 'if', condition, then, else: this.block() };
      }
      this.index = save;
      return { kind: 'if', condition, then, else: [] };
    }
    if (token.kind === 'ident' && /^[A-Z]+$/.test(token.value) && !this.isAssignmentAhead())
      this.fail(`unknown Snippet statement \`${token.value}\``);
    if (this.isAssignmentAhead()) {
      const target = this.target();
      this.expectOp('=');
      return { kind: 'assign', target, value: this.expression() };
    }
    return { kind: 'expression', expr: this.expression() };
  }

  /** `name =` or `name.member =` at the start of a statement is an assignment, not a comparison. */
  private isAssignmentAhead(): boolean {
    const [a, b, c, d] = [this.tokens[this.index], this.tokens[this.index + 1], this.tokens[this.index + 2], this.tokens[this.index + 3]];
    if (a?.kind !== 'ident') return false;
    if (b?.kind === 'op' && b.value === '=') return true;
    return b?.kind === 'op' && b.value === '.' && c?.kind === 'ident' && d?.kind === 'op' && d.value === '=';
  }

  private block(): Statement[] {
    this.skipNewlines();
    this.expectOp('{');
    const statements = this.statements(true);
    this.expectOp('}');
    return statements;
  }

  private target(): Target {
    const name = this.ident();
    if (!this.acceptOp('.')) return { name };
    return { name, member: this.ident() };
  }

  expression(): Expr {
    return this.binary(['|'], () => this.binary(['&'], () => this.comparison()));
  }

  private binary(operators: readonly BinaryOperator[], operand: () => Expr): Expr {
    let left = operand();
    for (let token = this.peek(); token?.kind === 'op' && (operators as readonly string[]).includes(token.value); token = this.peek()) {
      this.index += 1;
      left = { kind: 'binary', op: token.value as BinaryOperator, left, right: operand() };
      if (left.op === '|' && [left.left, left.right].some(isBareAnd))
        this.fail('`&` and `|` mixed without parentheses (their precedence is UNVERIFIED; ivrflow always writes the parentheses)');
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.postfix();
    const token = this.peek();
    if (token?.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      this.index += 1;
      return { kind: 'binary', op: token.value as BinaryOperator, left, right: this.postfix() };
    }
    return left;
  }

  private postfix(): Expr {
    let expr = this.primary();
    while (this.acceptOp('.')) {
      const name = this.ident();
      expr = this.acceptOp('(') ? { kind: 'call', object: expr, name, args: this.args() } : { kind: 'member', object: expr, name };
    }
    return expr;
  }

  private primary(): Expr {
    const token = this.peek();
    if (!token) this.fail('an expression is missing');
    this.index += 1;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', parts: token.parts };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'ident':
        return this.acceptOp('(') ? { kind: 'call', name: token.value, args: this.args() } : { kind: 'var', name: token.value };
      case 'op':
        if (token.value === '(') {
          const inner = this.expression();
          this.expectOp(')');
          return inner.kind === 'binary' ? { ...inner, grouped: true } : inner;
        }
        return this.fail(`unexpected \`${token.value}\``);
      case 'newline':
        return this.fail('an expression is missing');
    }
  }

  private args(): Expr[] {
    const args: Expr[] = [];
    if (this.acceptOp(')')) return args;
    do args.push(this.expression());
    while (this.acceptOp(','));
    this.expectOp(')');
    return args;
  }

  private ident(): string {
    const token = this.peek();
    if (token?.kind !== 'ident') this.fail('a name is missing');
    this.index += 1;
    return token.value;
  }

  private acceptOp(value: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'op' || token.value !== value) return false;
    this.index += 1;
    return true;
  }

  private expectOp(value: string): void {
    if (!this.acceptOp(value)) this.fail(`\`${value}\` expected`);
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.index += 1;
  }

  end(): void {
    if (this.index < this.tokens.length) this.fail('unexpected text after the expression');
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(message: string): never {
    throw new EngineError(message, this.where);
  }
}
