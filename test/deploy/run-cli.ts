import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';

/** The CLI in process, as `ivrflow <args>` would run in `cwd` with exactly `env` (no colour). */
export async function runCli(args: readonly string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const exitCode = await run(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env: { NO_COLOR: '1', ...env },
    isTty: false,
    readStdin: () => Promise.resolve(new Uint8Array()),
  });
  return { exitCode, stdout, stderr };
}

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'ivrflow-publish-'));

/** Every file below `dir`, read whole: where a leaked secret would have to be on disk. */
export function allFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}
