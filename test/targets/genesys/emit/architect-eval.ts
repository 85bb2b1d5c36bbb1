/**
 * A test-only evaluator for the Architect expression subset the emitter writes in conditions:
 * If (lazy), IsSet, IsNotSetOrEmpty, ToString, `Flow.x`, string/number/boolean literals and one
 * comparison operator. A comparison that meets an unset value throws, so a test sees a missing guard.
 */
export const NOT_SET: unique symbol = Symbol('NOT_SET');
export type ArchitectValue = string | number | boolean | typeof NOT_SET;
type Node =
  | { kind: 'literal'; value: ArchitectValue }
  | { kind: 'variable'; name: string }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'compare'; operator: string; left: Node; right: Node };

const TOKEN = /\s*(?:("(?:\\.|[^"\\])*")|(\d+(?:\.\d+)?)|([A-Za-z_][\w.]*)|(==|>=|<=|>|<|\(|\)|,))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const match = TOKEN.exec(text);
    if (!match) throw new Error(`cannot read expression at ${TOKEN.lastIndex}: ${text}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

function parse(tokens: string[]): Node {
  let position = 0;
  const next = () => tokens[position++]!;
  const primary = (): Node => {
    const token = next();
    if (token.startsWith('"')) return { kind: 'literal', value: token.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^\d/.test(token)) return { kind: 'literal', value: Number(token) };
    if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
    if (tokens[position] !== '(') return { kind: 'variable', name: token };
    position++;
    const args: Node[] = [];
    while (tokens[position] !== ')') {
      args.push(expression());
      if (tokens[position] === ',') position++;
    }
    position++;
    return { kind: 'call', name: token, args };
  };
  const expression = (): Node => {
    const left = primary();
    const operator = tokens[position];
    if (operator === undefined || !['==', '>=', '<=', '>', '<'].includes(operator)) return left;
    position++;
    return { kind: 'compare', operator, left, right: primary() };
  };
  const tree = expression();
  if (position !== tokens.length) throw new Error(`unread tokens: ${tokens.slice(position).join(' ')}`);
  return tree;
}

function evaluate(node: Node, variables: Record<string, ArchitectValue>): ArchitectValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      return node.name in variables ? variables[node.name]! : NOT_SET;
    case 'compare': {
      const left = evaluate(node.left, variables);
      const right = evaluate(node.right, variables);
      if (left === NOT_SET || right === NOT_SET) throw new Error(`unguarded comparison with an unset value`);
      if (node.operator === '==') return left === right;
      const [a, b] = [left as number, right as number];
      return node.operator === '>' ? a > b : node.operator === '<' ? a < b : node.operator === '>=' ? a >= b : a <= b;
    }
    case 'call':
      return call(node, variables);
  }
}

function call(node: Extract<Node, { kind: 'call' }>, variables: Record<string, ArchitectValue>): ArchitectValue {
  const [first, second, third] = node.args;
  switch (node.name) {
    case 'If':
      return evaluate(first!, variables) === true ? evaluate(second!, variables) : evaluate(third!, variables);
    case 'IsSet':
      return evaluate(first!, variables) !== NOT_SET;
    case 'IsNotSetOrEmpty': {
      const value = evaluate(first!, variables);
      return value === NOT_SET || value === '';
    }
    case 'ToString': {
      const value = evaluate(first!, variables);
      if (value === NOT_SET) throw new Error('ToString of an unset value');
      return String(value);
    }
    default:
      throw new Error(`function ${node.name} is not in the evaluator`);
  }
}

export function evaluateArchitect(expression: string, variables: Record<string, ArchitectValue>): ArchitectValue {
  return evaluate(parse(tokenize(expression)), variables);
}
