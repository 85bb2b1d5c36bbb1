import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import * as pipeline from '../../src/pipeline.js';
import { ROOT } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/cli.js';

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    cwd,
    env: {},
    isTty: false,
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
}

const SPEC = join(ROOT, 'flows/identity-promotion.yaml');

/** The pipeline as a bug would leave it: nothing compiled, and no error said why. */
async function silentlyEmpty(...args: Parameters<typeof pipeline.compileSpec>): ReturnType<typeof pipeline.compileSpec> {
  const real = await vi.importActual<typeof pipeline>('../../src/pipeline.js');
  const checked = real.checkSpec(args[0], args[1], args[2]);
  return { source: checked.source, diagnostics: [] };
}

describe('internal errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('generate: a spec that compiles to nothing without an error is an internal error (exit 70), and nothing is written', async () => {
    vi.spyOn(pipeline, 'compileSpec').mockImplementation(silentlyEmpty);
    const out = tempDir();
    const io = captureIo(out);
    expect(await run(['generate', SPEC, '-o', join(out, 'gen')], io)).toBe(70);
    expect(io.err.join('')).toMatch(/internal error: .*identity-promotion\.yaml compiled to nothing, yet no error was reported/);
    expect(io.err.join('')).not.toMatch(/\n\s+at /); // no stack without --verbose
    expect(existsSync(join(out, 'gen', 'identity-promotion'))).toBe(false);
  });

  it('test: a spec that compiles to nothing without an error is an internal error (exit 70), not a pass with 0 scenarios', async () => {
    vi.spyOn(pipeline, 'compileSpec').mockImplementation(silentlyEmpty);
    const io = captureIo(ROOT);
    expect(await run(['test', SPEC, '--engines', 'spec'], io)).toBe(70);
    expect(io.err.join('')).toMatch(/internal error: .*compiled to nothing/);
  });

  it('an unexpected exception exits 70, with its stack only under --verbose', async () => {
    vi.spyOn(pipeline, 'compileSpec').mockRejectedValue(new RangeError('Maximum call stack size exceeded'));
    const quiet = captureIo(ROOT);
    expect(await run(['generate', SPEC, '-o', join(tempDir(), 'gen')], quiet)).toBe(70);
    expect(quiet.err.join('')).toContain('Run with --verbose');
    const verbose = captureIo(ROOT);
    expect(await run(['generate', SPEC, '-o', join(tempDir(), 'gen'), '--verbose'], verbose)).toBe(70);
    expect(verbose.err.join('')).toMatch(/RangeError: Maximum call stack size exceeded\n\s+at /);
  });
});
