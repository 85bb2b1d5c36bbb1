import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { IncludeReader } from '../../src/flowspec/include.js';
import { INPUT_LIMITS } from '../../src/flowspec/limits.js';
import { checkSpec } from '../../src/pipeline.js';
import { positionOf, readRepoFile } from '../helpers/fixtures.js';

/**
 * `include:` on in-memory files: the reader answers from a map, as the CLI's answers from the disk
 * (the CLI itself is run on real files in test/e2e/include.test.ts).
 */
const CLAIMS = readRepoFile('flows/claims-line.yaml');
const SHARED = readRepoFile('flows/shared/verify-otp.yaml');
/** Where an entry of claims-line's `include:` list starts (its header comment names the file too). */
const entryAt = (text: string, entry = 'shared/verify-otp.yaml') => {
  const { line, column } = positionOf(text, `  - ${entry}\n`);
  return `flows/claims-line.yaml:${line}:${column + 4}`;
};

function readerOf(files: Record<string, string>): IncludeReader & { asked: string[] } {
  const asked: string[] = [];
  const read = (file: string) => {
    asked.push(file);
    const text = files[file];
    return text === undefined ? ({ ok: false, problem: 'not-found' } as const) : ({ ok: true, bytes: Buffer.from(text) } as const);
  };
  return Object.assign(read, { asked });
}

function checked(files: Record<string, string>, spec = 'flows/claims-line.yaml') {
  return checkSpec(spec, Buffer.from(files[spec]!), { readInclude: readerOf(files) });
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.severity === 'error');

/** `code@file:line:column`, the form these tests assert on. */
const where = (diagnostic: Diagnostic | ({ file: string; span?: Diagnostic['span'] } & { code?: string })) =>
  `${'code' in diagnostic && diagnostic.code ? `${diagnostic.code}@` : ''}${diagnostic.file}:${diagnostic.span?.start.line ?? 0}:${diagnostic.span?.start.column ?? 0}`;

const at = (file: string, text: string, snippet: string, occurrence = 1) => {
  const { line, column } = positionOf(text, snippet, occurrence);
  return `${file}:${line}:${column}`;
};

describe('include:', () => {
  it('merges the shared block: the example flow compiles, with the included steps, variables, endpoints and secrets', () => {
    const result = checked({ 'flows/claims-line.yaml': CLAIMS, 'flows/shared/verify-otp.yaml': SHARED });
    expect(errors(result.diagnostics)).toEqual([]);
    const ids = result.graph!.nodes.map((node) => node.id);
    expect(ids).toEqual(expect.arrayContaining(['welcome', 'authenticate', 'collectOtp', 'verifyOtp', 'otpVerified']));
    expect(Object.keys(result.spec!.endpoints!)).toEqual(['verifyIdentity']);
    expect(Object.keys(result.spec!.secrets!)).toEqual(['middlewareToken']);
    expect(result.spec!.variables!['otp']?.sensitive).toBe(true);
    expect(result.source.included?.files.map((source) => source.file)).toEqual(['flows/shared/verify-otp.yaml']);
  });

  it('reports a problem in an included step at the included file, line and column', () => {
    const shared = SHARED.replace('onSuccess: otpVerified', 'onSuccess: otpVerifed');
    const found = errors(checked({ 'flows/claims-line.yaml': CLAIMS, 'flows/shared/verify-otp.yaml': shared }).diagnostics);
    const unknown = found.find((diagnostic) => diagnostic.code === 'ref/unknown-step')!;
    expect(where(unknown)).toBe(`ref/unknown-step@${at('flows/shared/verify-otp.yaml', shared, 'otpVerifed')}`);
    expect(unknown.hint).toContain('otpVerified');
  });

  it('runs the rules on the merged flow, reporting in the file that holds the value', () => {
    const shared = SHARED.replace('timeoutSeconds: 15', 'timeoutSeconds: 5');
    const found = errors(checked({ 'flows/claims-line.yaml': CLAIMS, 'flows/shared/verify-otp.yaml': shared }).diagnostics);
    expect(found.map(where)).toEqual([`rule/http-timeout@${at('flows/shared/verify-otp.yaml', shared, '5\n')}`]);
  });

  it('keeps the sensitive value in the included file out of an attribute set by the including flow, whatever the rules say', () => {
    const claims = CLAIMS.replace('customer.authenticated: "true"', 'customer.code: { ref: otp }');
    const result = checkSpec('flows/claims-line.yaml', Buffer.from(claims), {
      readInclude: readerOf({ 'flows/shared/verify-otp.yaml': SHARED }),
      rules: new Map([['no-sensitive-leak', { level: 'off', reason: 'testing the guard below the rules' }]]),
    });
    expect(result.graph).toBeUndefined();
    expect(errors(result.diagnostics).map(where)).toEqual([`secure/sensitive-export@${at('flows/claims-line.yaml', claims, 'otp }')}`]);
  });

  it('refuses an id defined in two files, at the second definition, naming the first', () => {
    const claims = CLAIMS.replace(
      '  welcome:\n',
      '  wrongCode:\n    type: play\n    prompt: Again.\n    next: authenticate\n\n  welcome:\n',
    );
    const found = errors(checked({ 'flows/claims-line.yaml': claims, 'flows/shared/verify-otp.yaml': SHARED }).diagnostics);
    expect(found.map(where)).toEqual([`include/duplicate-id@${at('flows/shared/verify-otp.yaml', SHARED, 'wrongCode:')}`]);
    expect(found[0]!.related?.map(where)).toEqual([at('flows/claims-line.yaml', claims, 'wrongCode:'), entryAt(claims)]);
  });

  it('reports a missing file at the include entry, and checks nothing else until it is there', () => {
    const claims = CLAIMS.replace('- shared/verify-otp.yaml', '- shared/verify.yaml');
    const found = checked({ 'flows/claims-line.yaml': claims }).diagnostics;
    expect(found.map(where)).toEqual([`include/not-found@${entryAt(claims, 'shared/verify.yaml')}`]);
    expect(found[0]!.message).toContain('flows/shared/verify.yaml');
  });

  it('reads the included file relative to the including file, and a nested include relative to its own file', () => {
    const shared = SHARED.replace('ivrflowInclude: 1.1\n', 'ivrflowInclude: 1.1\ninclude: [../common/secrets.yaml]\n').replace(
      /secrets:\n {2}middlewareToken:\n.*\n.*\n/,
      '',
    );
    const common = 'ivrflowInclude: 1.1\nsecrets:\n  middlewareToken:\n    use: bearerToken\n';
    const reader = readerOf({ 'flows/shared/verify-otp.yaml': shared, 'flows/common/secrets.yaml': common });
    const result = checkSpec('flows/claims-line.yaml', Buffer.from(CLAIMS), { readInclude: reader });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(reader.asked).toEqual(['flows/shared/verify-otp.yaml', 'flows/common/secrets.yaml']);
  });

  it('refuses a path outside the spec’s folder and an absolute path, at the entry', () => {
    const claims = CLAIMS.replace('  - shared/verify-otp.yaml\n', '  - shared/verify-otp.yaml\n  - ../elsewhere/x.yaml\n  - /etc/x.yaml\n');
    const reader = readerOf({ 'flows/shared/verify-otp.yaml': SHARED, 'elsewhere/x.yaml': 'ivrflowInclude: 1.1\n' });
    const found = checkSpec('flows/claims-line.yaml', Buffer.from(claims), { readInclude: reader }).diagnostics;
    expect(found.map(where)).toEqual([
      `include/outside-folder@${entryAt(claims, '../elsewhere/x.yaml')}`,
      `include/outside-folder@${entryAt(claims, '/etc/x.yaml')}`,
    ]);
    expect(reader.asked).toEqual(['flows/shared/verify-otp.yaml']);
  });

  it('refuses a cycle at the entry that closes it, naming the chain', () => {
    const loop = 'ivrflowInclude: 1.1\ninclude: [../claims-line.yaml]\n';
    const found = checked({
      'flows/claims-line.yaml': CLAIMS.replace('  - shared/verify-otp.yaml\n', '  - shared/verify-otp.yaml\n  - shared/loop.yaml\n'),
      'flows/shared/verify-otp.yaml': SHARED,
      'flows/shared/loop.yaml': loop,
    }).diagnostics;
    expect(found.map(where)).toEqual([`include/cycle@${at('flows/shared/loop.yaml', loop, '../claims-line.yaml')}`]);
    expect(found[0]!.message).toContain('`claims-line.yaml` → `shared/loop.yaml` → `claims-line.yaml`');
    expect(found[0]!.related?.[0]?.file).toBe('flows/claims-line.yaml');
  });

  it('merges a file reached twice (a diamond) once', () => {
    const middle = (name: string) => `ivrflowInclude: 1.1\ninclude: [verify-otp.yaml]\nvariables:\n  ${name}: { type: string }\n`;
    const claims = CLAIMS.replace('  - shared/verify-otp.yaml\n', '  - shared/a.yaml\n  - shared/b.yaml\n');
    const reader = readerOf({
      'flows/shared/a.yaml': middle('fromA'),
      'flows/shared/b.yaml': middle('fromB'),
      'flows/shared/verify-otp.yaml': SHARED,
    });
    const result = checkSpec('flows/claims-line.yaml', Buffer.from(claims), { readInclude: reader });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(reader.asked.filter((file) => file.endsWith('verify-otp.yaml'))).toHaveLength(1);
  });

  it(`stops includes of includes ${INPUT_LIMITS.includeDepth} levels below the spec`, () => {
    const files: Record<string, string> = { 'flows/claims-line.yaml': CLAIMS.replace('- shared/verify-otp.yaml', '- level1.yaml') };
    for (let level = 1; level <= INPUT_LIMITS.includeDepth + 1; level++)
      files[`flows/level${level}.yaml`] = `ivrflowInclude: 1.1\ninclude: [level${level + 1}.yaml]\n`;
    const found = checked(files).diagnostics;
    const deepest = `flows/level${INPUT_LIMITS.includeDepth}.yaml`;
    expect(found.map(where)).toEqual([`include/depth@${at(deepest, files[deepest]!, `level${INPUT_LIMITS.includeDepth + 1}.yaml`)}`]);
  });

  it('bounds the bytes of the spec and its included files together', () => {
    const padding = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(INPUT_LIMITS.mergedBytes / 2 / 1000));
    const claims = CLAIMS.replace('  - shared/verify-otp.yaml\n', '  - shared/a.yaml\n  - shared/b.yaml\n');
    const found = checked({
      'flows/claims-line.yaml': claims,
      'flows/shared/a.yaml': `ivrflowInclude: 1.1\n${padding}`,
      'flows/shared/b.yaml': `ivrflowInclude: 1.1\n${padding}`,
    }).diagnostics;
    expect(found.map(where)).toEqual([`input/limit@${entryAt(claims, 'shared/b.yaml')}`]);
  });

  it('checks the included file’s own keys and version line, in that file', () => {
    const shared = SHARED.replace('ivrflowInclude: 1.1\n', 'name: Shared\n');
    const found = checked({ 'flows/claims-line.yaml': CLAIMS, 'flows/shared/verify-otp.yaml': shared }).diagnostics;
    expect(found.map(where)).toEqual(
      [
        `include/invalid@${at('flows/shared/verify-otp.yaml', shared, 'name:')}`,
        `include/version@${at('flows/shared/verify-otp.yaml', shared, 'name:')}`,
      ].sort(),
    );
    expect(found.every((diagnostic) => diagnostic.related?.some((related) => related.file === 'flows/claims-line.yaml'))).toBe(true);
  });

  it('reports a YAML error in the included file there, naming the include entry', () => {
    const shared = `${SHARED}\n  broken: [\n`;
    const found = checked({ 'flows/claims-line.yaml': CLAIMS, 'flows/shared/verify-otp.yaml': shared }).diagnostics;
    expect(found.map((diagnostic) => `${diagnostic.code}@${diagnostic.file}`)).toContain('yaml/syntax@flows/shared/verify-otp.yaml');
    expect(found[0]!.related?.map(where)).toEqual([entryAt(CLAIMS)]);
  });

  it('is a 1.1 feature, and an included file may not be newer than the spec', () => {
    const older = checked({
      'flows/claims-line.yaml': CLAIMS.replace('ivrflow: 1.1', 'ivrflow: 1'),
      'flows/shared/verify-otp.yaml': SHARED.replace('ivrflowInclude: 1.1', 'ivrflowInclude: 1'),
    });
    expect(errors(older.diagnostics).map((diagnostic) => `${diagnostic.code}:${diagnostic.path.join('.')}`)).toEqual([
      'schema/version:include',
    ]);
    const newer = checked({
      'flows/claims-line.yaml': CLAIMS.replace('ivrflow: 1.1', 'ivrflow: 1'),
      'flows/shared/verify-otp.yaml': SHARED,
    });
    expect(errors(newer.diagnostics).map(where)).toEqual([`include/version@${at('flows/shared/verify-otp.yaml', SHARED, '1.1')}`]);
  });

  it('says so, positioned, when the run reads no included files', () => {
    const found = checkSpec('flows/claims-line.yaml', Buffer.from(CLAIMS)).diagnostics;
    expect(found.map(where)).toEqual([`include/unreadable@${entryAt(CLAIMS)}`]);
  });

  it('tells a user who checks an included file as a spec what it is', () => {
    const found = checkSpec('flows/shared/verify-otp.yaml', Buffer.from(SHARED)).diagnostics;
    expect(found.map(where)).toEqual([`schema/version@${at('flows/shared/verify-otp.yaml', SHARED, 'ivrflowInclude')}`]);
    expect(found[0]!.message).toContain('included file');
  });
});
