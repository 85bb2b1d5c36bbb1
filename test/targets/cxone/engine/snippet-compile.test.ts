import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../../../src/pipeline.js';
import { readScript } from '../../../../src/targets/cxone/engine/script.js';
import { parseExpression, parseSnippet, type Expr } from '../../../../src/targets/cxone/engine/snippet-syntax.js';
import {
  DynamicObject,
  evaluate,
  mayRequest,
  RestProxy,
  runStatements,
  type SnippetHost,
  type SnippetRun,
  type SnippetValue,
} from '../../../../src/targets/cxone/engine/snippet-run.js';
import { compileExpression, compileSnippet, runCompiledSnippet } from '../../../../src/targets/cxone/engine/snippet-compile.js';
import type { HttpReply, HttpRequest } from '../../../../src/targets/engine-contract.js';
import { readRepoFile } from '../../../helpers/fixtures.js';
import { AGREEMENT_FLOWS, agreementOptions } from '../../../simulate/helpers.js';

/**
 * The compiled Snippet code (snippet-compile.ts) against the interpreter it replaces on the hot
 * path (snippet-run.ts): every SNIPPET and IF of the CXone scripts the emitter writes for the
 * agreement flows, run on both from the same random variables and replies, must send the same
 * requests, leave the same variables and throw the same errors.
 */

const FLOWS = [...AGREEMENT_FLOWS, 'test/cases/cxone-hostile-strings/spec.yaml', 'test/cases/cxone-success-statuses/spec.yaml'];

interface Code {
  flow: string;
  label: string;
  data?: string;
  expression?: string;
}

async function emittedCode(): Promise<Code[]> {
  const code: Code[] = [];
  for (const flow of FLOWS) {
    const compiled = await compileSpec(flow, Buffer.from(readRepoFile(flow)), { ...agreementOptions(flow), targets: ['cxone'] });
    if (!compiled.artifacts) throw new Error(`${flow} does not compile`);
    for (const action of readScript(compiled.artifacts).actions.values()) {
      if (action.name === 'SNIPPET') code.push({ flow, label: action.label, data: action.properties.get('Data')! });
      if (action.name === 'IF') code.push({ flow, label: action.label, expression: action.properties.get('Expression')! });
    }
  }
  return code;
}

const CODE = await emittedCode();

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['', '0', '1', '200', '-3', '2.5', 'success', 'SUCCESS', 'failure', '12#4*', 'x', 'C-1001', 'platinum', 'a"b{c}'];

function randomValue(next: () => number, depth = 0): SnippetValue {
  const roll = next();
  if (roll < 0.6) return TEXTS[Math.floor(next() * TEXTS.length)]!;
  if (roll < 0.8) return [0, 200, 204, 404, 500, 3, 7.5][Math.floor(next() * 7)]!;
  if (roll < 0.85) return next() < 0.5;
  if (roll < 0.9 || depth > 0) return new RestProxy();
  const object = new DynamicObject();
  for (const member of ['status', 'tier', 'customer_id', 'routing_priority', 'reason'])
    if (next() < 0.7) object.members.set(member, randomValue(next, depth + 1));
  return object;
}

function randomReply(next: () => number): HttpReply {
  const roll = next();
  if (roll < 0.1) return { kind: 'timeout' };
  if (roll < 0.15) return { kind: 'networkError' };
  if (roll < 0.2) return { kind: 'response', status: 200, body: 'not json' };
  const body = {
    status: TEXTS[Math.floor(next() * TEXTS.length)],
    tier: 'gold',
    routing_priority: Math.floor(next() * 100),
    nested: { a: 1 },
  };
  return { kind: 'response', status: [200, 201, 404, 500][Math.floor(next() * 4)]!, body: JSON.stringify(body) };
}

/** Every name the code mentions gets a random value, or none (an unset variable). */
function randomHost(code: string, next: () => number): SnippetHost {
  const variables = new Map<string, SnippetValue>();
  for (const [name] of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (next() < 0.7) variables.set(name, randomValue(next));
  return {
    variables,
    system: (name) => ({ ContactID: 'contact-1', ANI: '5550100', DNIS: '8005550100', gmt: 'Thu, 15 Jan 2026 14:30:00 GMT' })[name],
    endpoint: next() < 0.95 ? 'verify' : undefined,
    where: 'test',
  };
}

/** What a run did: the requests it sent, the variables it left, the error it ended with. */
function outcome(run: () => SnippetRun, host: SnippetHost, replies: () => HttpReply) {
  const requests: HttpRequest[] = [];
  let error: { name: string; message: string } | undefined;
  try {
    const generator = run();
    for (let step = generator.next(); !step.done; step = generator.next(replies())) requests.push(step.value);
  } catch (thrown) {
    const failure = thrown as Error;
    error = { name: failure.constructor.name, message: failure.message };
  }
  return { requests, variables: host.variables, error };
}

function valueOutcome(evaluateNow: () => SnippetValue) {
  try {
    return { value: evaluateNow() };
  } catch (thrown) {
    return { error: `${(thrown as Error).constructor.name}: ${(thrown as Error).message}` };
  }
}

const TRIALS = 150;

describe('compiled Snippet code against the interpreter', () => {
  it('finds the emitted Snippets and IF expressions, requests among them', () => {
    expect(CODE.filter((code) => code.data !== undefined).length).toBeGreaterThan(10);
    expect(CODE.filter((code) => code.expression !== undefined).length).toBeGreaterThan(3);
    expect(CODE.some((code) => code.data?.includes('MakeRestRequest'))).toBe(true);
  });

  it.each(CODE.filter((code) => code.data !== undefined).map((code) => [`${code.flow}: ${code.label}`, code.data!]))(
    'runs the Snippet of %s the same way',
    (_, data) => {
      const statements = parseSnippet(data, 'test');
      const compiled = compileSnippet(statements);
      for (let trial = 0; trial < TRIALS; trial += 1) {
        const [left, right] = [random(trial), random(trial)];
        const [leftHost, rightHost] = [randomHost(data, left), randomHost(data, right)];
        const interpreted = outcome(
          () => runStatements(statements, leftHost),
          leftHost,
          () => randomReply(left),
        );
        const fromClosures = outcome(
          () => runCompiledSnippet(compiled, rightHost),
          rightHost,
          () => randomReply(right),
        );
        expect(fromClosures, `trial ${trial}`).toStrictEqual(interpreted);
      }
    },
  );

  it.each(CODE.filter((code) => code.expression !== undefined).map((code) => [`${code.flow}: ${code.label}`, code.expression!]))(
    'evaluates the IF expression of %s the same way',
    (_, expression) => {
      const parsed = parseExpression(expression, 'test');
      expect(mayRequest(parsed)).toBe(false);
      expectSameValues(parsed, expression);
    },
  );

  it.each([
    'a = 200',
    'a >= 200 & a <= 299',
    '(s = "a" | s = "b") & n > 3',
    '(s = "a" & n > 3) | s = "b"',
    's.replace("#", "").left(2) != ""',
    'p.StatusCode < 300',
    'o.status = "success" | o.tier.left(1) = "g"',
    'o.asjson() != "x"',
    'GetRESTProxy().AddHeader("a", "{s} and {o.tier}")',
    'unknown(s)',
    's.urlencode()',
    '"{ContactID}:{ANI}:{gmt}:{{secret_token}}:{o.tier}"',
    'a',
  ])('evaluates %s the same way, errors included', (expression) => {
    expectSameValues(parseExpression(expression, 'test'), expression);
  });
});

function expectSameValues(parsed: Expr, code: string): void {
  const compiled = compileExpression(parsed);
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const [leftHost, rightHost] = [randomHost(code, random(trial)), randomHost(code, random(trial))];
    const interpreted = valueOutcome(() => {
      const result = evaluate(parsed, leftHost).next();
      if (!result.done) throw new Error('sent a request');
      return result.value;
    });
    expect(
      valueOutcome(() => compiled(rightHost)),
      `trial ${trial}`,
    ).toStrictEqual(interpreted);
  }
}
