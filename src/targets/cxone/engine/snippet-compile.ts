import { assertNever } from '../../../util/assert.js';
import type { Expr, Statement, StringPart } from './snippet-syntax.js';
import {
  assign,
  callResult,
  compare,
  deployed,
  DynamicObject,
  evaluate,
  mayRequest,
  member,
  splitReference,
  substitute,
  truth,
  type SnippetHost,
  type SnippetRun,
  type SnippetValue,
} from './snippet-run.js';

/**
 * Snippet code compiled once per script into closures: each call then runs the closures instead of
 * walking the syntax tree, so the switch on each node's kind, the `mayRequest` look-up of each
 * statement and the split of each `{object.member}` happen once per script, not once per call.
 * The interpreter (`snippet-run.ts`) stays the definition: a statement that may send a request runs
 * there, and test/targets/cxone/engine/snippet-compile.test.ts compares the two on every Snippet
 * the emitter writes for the example flows.
 *
 * Compiling recurses on the syntax tree, as the parser that built it does (`snippet-syntax.ts`):
 * the tree is no deeper than the emitted code's nesting, which follows the spec's (bounded by
 * `nestingDepth` in flowspec/limits.ts).
 */

/** An expression that sends no request (`mayRequest` is false), ready to evaluate. */
export type CompiledExpr = (host: SnippetHost) => SnippetValue;

type CompiledStatement =
  /** Runs without a generator: nothing in it sends a request. */
  | { sends: false; run: (host: SnippetHost) => void }
  /** May send a request: yields it as the interpreter does. */
  | { sends: true; run: (host: SnippetHost) => SnippetRun };

export type CompiledSnippet = readonly CompiledStatement[];

export function compileSnippet(statements: readonly Statement[]): CompiledSnippet {
  return statements.map(compileStatement);
}

/** Runs a compiled Snippet; the same requests, in the same order, as `runStatements` on its statements. */
export function* runCompiledSnippet(snippet: CompiledSnippet, host: SnippetHost): SnippetRun {
  for (const statement of snippet) {
    if (statement.sends) yield* statement.run(host);
    else statement.run(host);
  }
}

function runWithoutRequests(snippet: CompiledSnippet, host: SnippetHost): void {
  for (const statement of snippet) (statement as { run: (host: SnippetHost) => void }).run(host);
}

function compileStatement(statement: Statement): CompiledStatement {
  switch (statement.kind) {
    case 'assign': {
      const { name, member: field } = statement.target;
      if (mayRequest(statement.value)) {
        const value = statement.value;
        return {
          sends: true,
          *run(host) {
            assign(name, field, yield* evaluate(value, host), host);
          },
        };
      }
      const value = compileExpression(statement.value);
      return { sends: false, run: (host) => assign(name, field, value(host), host) };
    }
    case 'dynamic': {
      const name = statement.name;
      return { sends: false, run: (host) => void host.variables.set(name, new DynamicObject()) };
    }
    case 'if':
      return compileIf(statement);
    case 'expression': {
      if (mayRequest(statement.expr)) {
        const expr = statement.expr;
        return {
          sends: true,
          *run(host) {
            yield* evaluate(expr, host);
          },
        };
      }
      const expr = compileExpression(statement.expr);
      return { sends: false, run: (host) => void expr(host) };
    }
    default:
      return assertNever(statement);
  }
}

function compileIf(statement: Extract<Statement, { kind: 'if' }>): CompiledStatement {
  const [then, otherwise] = [compileSnippet(statement.then), compileSnippet(statement.else)];
  if (!mayRequest(statement.condition) && !then.some(sends) && !otherwise.some(sends)) {
    const holds = compileExpression(statement.condition);
    return { sends: false, run: (host) => runWithoutRequests(truth(holds(host), host) ? then : otherwise, host) };
  }
  const condition = statement.condition;
  return {
    sends: true,
    *run(host) {
      yield* runCompiledSnippet(truth(yield* evaluate(condition, host), host) ? then : otherwise, host);
    },
  };
}

const sends = (statement: CompiledStatement): boolean => statement.sends;

/** Compiles an expression that sends no request, evaluated in the order `valueNow` evaluates it. */
export function compileExpression(expr: Expr): CompiledExpr {
  switch (expr.kind) {
    case 'string':
      return compileParts(expr.parts);
    case 'number': {
      const value = expr.value;
      return () => value;
    }
    case 'var': {
      const name = expr.name;
      return (host) => host.variables.get(name) ?? host.system(name) ?? '';
    }
    case 'member': {
      const [object, name] = [compileExpression(expr.object), expr.name];
      return (host) => member(object(host), name, host);
    }
    case 'call':
      return compileCall(expr);
    case 'binary':
      return compileBinary(expr);
    default:
      return assertNever(expr);
  }
}

function compileCall(expr: Extract<Expr, { kind: 'call' }>): CompiledExpr {
  const args = expr.args.map(compileExpression);
  const object = expr.object === undefined ? undefined : compileExpression(expr.object);
  const name = expr.name;
  return (host) => {
    const values = args.map((arg) => arg(host));
    return callResult(name, object === undefined ? undefined : object(host), values, host);
  };
}

function compileBinary(expr: Extract<Expr, { kind: 'binary' }>): CompiledExpr {
  const [left, right] = [compileExpression(expr.left), compileExpression(expr.right)];
  const op = expr.op;
  switch (op) {
    // The right side is evaluated only when the left does not decide (`shortCircuit`).
    case '&':
      return (host) => (truth(left(host), host) ? truth(right(host), host) : false);
    case '|':
      return (host) => (truth(left(host), host) ? true : truth(right(host), host));
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (host) => {
        const a = left(host);
        return compare(op, a, right(host), host);
      };
    default:
      return assertNever(op);
  }
}

/**
 * `interpolate` compiled: literal text has its deploy-time placeholders resolved now (`deployed`
 * depends on the text alone), and each `{name}` or `{name.member}` is split once.
 */
export function compileParts(parts: readonly StringPart[]): (host: SnippetHost) => string {
  const pieces = parts.map((part): string | ((host: SnippetHost) => string) => {
    if ('text' in part) return deployed(part.text);
    const { name, field } = splitReference(part.ref);
    return (host) => substitute(name, field, host);
  });
  if (pieces.every((piece) => typeof piece === 'string')) {
    const constant = pieces.join('');
    return () => constant;
  }
  return (host) => {
    let result = '';
    for (const piece of pieces) result += typeof piece === 'string' ? piece : piece(host);
    return result;
  };
}
