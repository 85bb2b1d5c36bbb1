import { describe, expect, it } from 'vitest';
import { parseExpression, parseSnippet } from '../../../../src/targets/cxone/engine/snippet-syntax.js';
import {
  DynamicObject,
  evaluate,
  mayRequest,
  RestProxy,
  runStatements,
  SnippetFailure,
  type SnippetHost,
  type SnippetValue,
} from '../../../../src/targets/cxone/engine/snippet-run.js';
import { EngineError, type HttpReply, type HttpRequest } from '../../../../src/targets/engine-contract.js';

function host(variables: Record<string, SnippetValue> = {}): SnippetHost {
  return {
    variables: new Map(Object.entries(variables)),
    system: (name) => ({ ContactID: 'contact-1', ANI: '5550100' })[name],
    endpoint: 'verify',
    where: 'test',
  };
}

/** Run code, answering every REST request with `reply`; returns the requests and the variables. */
function run(code: string, variables: Record<string, SnippetValue> = {}, reply: HttpReply = { kind: 'response', status: 200, body: '{}' }) {
  const context = host(variables);
  const requests: HttpRequest[] = [];
  const generator = runStatements(parseSnippet(code, 'test'), context);
  for (let step = generator.next(); !step.done; step = generator.next(reply)) requests.push(step.value);
  return { requests, variables: context.variables };
}

/** An expression's value; 'sent' when it made a request instead. */
function value(expression: string, variables: Record<string, SnippetValue> = {}): SnippetValue {
  const result = evaluate(parseExpression(expression, 'test'), host(variables)).next();
  return result.done ? result.value : 'sent';
}

describe('Snippet strings', () => {
  it('substitutes {var} and {object.member}, reading unset as ""', () => {
    const object = new DynamicObject();
    object.members.set('tier', 'gold');
    expect(value('"{a}-{o.tier}-{o.missing}-{nobody}-{ANI}"', { a: 'x', o: object })).toBe('x-gold---5550100');
  });

  it('reads $"…" escapes and keeps \\{ literal', () => {
    expect(value('$"say \\"hi\\" \\{a} {a}\\n"', { a: '1' })).toBe('say "hi" {a} 1\n');
  });

  it('keeps deploy-time {{placeholders}} and turns the secret one into its stand-in', () => {
    expect(value('$"{{base_url}}/v1"')).toBe('{{base_url}}/v1');
    expect(value('"{{secret_token}}"')).toBe('<secret:token>');
  });
});

describe('Snippet expressions', () => {
  it.each([
    ['a = 200', { a: 200 }, true],
    ['a = 200', { a: '200' }, true],
    ['a >= 200 & a <= 299', { a: 201 }, true],
    ['a >= 200 & a <= 299', { a: 302 }, false],
    ['s != "" & s = "success"', { s: '' }, false],
    ['s != "" & s = "success"', { s: 'success' }, true],
    ['s = "success"', { s: 'SUCCESS' }, false],
    ['(s = "a" | s = "b") & n > 3', { s: 'b', n: '4' }, true],
    ['(s = "a" & n > 3) | s = "b"', { s: 'b', n: '0' }, true],
    ['n > 3', { n: '' }, false],
  ])('%s with %j is %s', (expression, variables, expected) => {
    expect(value(expression, variables)).toBe(expected);
    // The same expression inside one that holds a request (never sent: `|` stops at a true left side)
    // is evaluated by the interpreter's generators instead of `valueNow`: both must read the same.
    const unsent = `(${expression}) | p.MakeRestRequest("https://x", "", 0, "GET") = 1`;
    expect(mayRequest(parseExpression(unsent, 'test'))).toBe(true);
    expect(value(unsent, { ...variables, p: new RestProxy() })).toBe(expected ? true : 'sent');
  });

  it('knows which expressions may send a request: those holding MakeRestRequest', () => {
    expect(mayRequest(parseExpression('a.replace("#", "") = "1" & n > 3', 'test'))).toBe(false);
    expect(mayRequest(parseExpression('p.AddHeader("a", "b")', 'test'))).toBe(false);
    expect(mayRequest(parseExpression('"x" = p.MakeRestRequest(u.left(3), "", 0, "GET").tier', 'test'))).toBe(true);
  });

  it('has the string functions the emitter uses', () => {
    expect(value('a.replace("#", "")', { a: '1#2#' })).toBe('12');
    expect(value('a.replace("#", "")', { a: '123' })).toBe('123');
    expect(value('a.replace("", "-")', { a: '123' })).toBe('1-2-3');
    expect(value('a.replace("1", "$&")', { a: '121' })).toBe('$&2$&');
    expect(value('a.left(6)', { a: '12345678' })).toBe('123456');
    expect(value('a.left(6)', { a: '12' })).toBe('12');
  });

  it('refuses the constructs seen nowhere public, so the emitter cannot fall back on them', () => {
    expect(() => value('a.length()', { a: '1234' })).toThrow(/unknown string function `length`/);
    expect(() => value('$"a\\\\b"')).toThrow(/unknown escape/);
  });

  it('reads {char(92)} inside a string as a backslash', () => {
    expect(value('$"a{char(92)}b\\"c"')).toBe('a\\b"c');
  });
});

describe('Snippet statements', () => {
  it('runs ASSIGN, IF / ELSE and DYNAMIC with asjson (every value a string)', () => {
    const { variables } = run(
      [
        'DYNAMIC req',
        'req.pin = "{pin}"',
        'req.n = 5',
        'ASSIGN body = req.asjson()',
        'IF pin = "1234"',
        '{',
        '  ASSIGN ok = 1',
        '}',
        'ELSE',
        '{',
        '  ASSIGN ok = 0',
        '}',
      ].join('\n'),
      { pin: '1234' },
    );
    expect(variables.get('body')).toBe('{"pin":"1234","n":"5"}');
    expect(variables.get('ok')).toBe(1);
  });

  it('sends a REST request with the proxy settings and reads the answer', () => {
    const code = [
      'ASSIGN p = GetRESTProxy()',
      'p.ContentType = "application/json"',
      'p.ProxyTimeoutSeconds = 15',
      'p.AddHeader("Authorization", "Bearer {t}")',
      'ASSIGN r = p.MakeRestRequest("https://x/v", "{b}", 0, "POST")',
      'ASSIGN status = p.StatusCode',
      'ASSIGN tier = "{r.tier}"',
      'ASSIGN gone = "{r.missing}"',
    ].join('\n');
    const { requests, variables } = run(code, { t: 'tok', b: '{}' }, { kind: 'response', status: 201, body: '{"tier":"gold","n":null}' });
    expect(requests).toEqual([
      {
        endpoint: 'verify',
        method: 'POST',
        url: 'https://x/v',
        headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
        body: '{}',
        timeoutSeconds: 15,
      },
    ]);
    expect([variables.get('status'), variables.get('tier'), variables.get('gone')]).toEqual([201, 'gold', '']);
  });

  it('fails the Snippet (its Error branch) on a timeout, a failed connection or an answer that is not JSON', () => {
    const code = 'ASSIGN p = GetRESTProxy()\nASSIGN r = p.MakeRestRequest("https://x", "", 0, "GET")\nASSIGN after = 1';
    for (const reply of [
      { kind: 'timeout' },
      { kind: 'networkError' },
      { kind: 'response', status: 200, body: 'not json' },
    ] as HttpReply[]) {
      expect(() => run(code, {}, reply)).toThrow(SnippetFailure);
    }
  });

  it('sends no body and no content type for an empty payload', () => {
    const { requests } = run('ASSIGN p = GetRESTProxy()\nASSIGN r = p.MakeRestRequest("https://x", "", 0, "GET")');
    expect(requests[0]).toEqual({
      endpoint: 'verify',
      method: 'GET',
      url: 'https://x',
      headers: {},
      timeoutSeconds: new RestProxy().timeoutSeconds,
    });
  });

  it.each([
    ['TRACE "x"', 'unknown Snippet statement `TRACE`'],
    ['ASSIGN a = isnumeric(b)', 'unknown Snippet function `isnumeric`'],
    ['ASSIGN a = b.contains("x")', 'unknown string function `contains` with 1 argument(s)'],
    ['ASSIGN a = "x" ^ 2', 'unknown character `^` in Snippet code'],
    ['IF a = 1\n{\n  ASSIGN b = 2', 'a `{` block is not closed'],
    ['ASSIGN a = $"\\q"', 'unknown escape `\\q` in a Snippet string'],
    [
      'IF a = 1 & b = 2 | c = 3\n{\n}',
      '`&` and `|` mixed without parentheses (their precedence is UNVERIFIED; ivrflow always writes the parentheses)',
    ],
  ])('rejects what it does not know: %s', (code, message) => {
    expect(() => run(code)).toThrow(new EngineError(message, 'test'));
  });
});
