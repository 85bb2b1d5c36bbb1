/**
 * The CLI's properties on one mutant, in process through its main entry (`run`, as bin/ivrflow.js
 * calls it) in a fresh temporary folder: `validate` and `generate` exit 0 or 1 (never 2 for a spec's
 * content, never 70), print no stack trace, write nothing when the spec has errors and nothing outside
 * `--out`, agree with each other (given `--env`) and with the library's compile of the same options. A process start
 * costs 15 times this; cli-fuzz.test.ts runs the built CLI in child processes on a few mutants.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import type { RuleConfig } from '../../src/lint/config.js';
import type { TargetName } from '../../src/targets/artifact.js';
import { ROOT } from '../helpers/fixtures.js';

/** What the CLI is called with: the same choices as the library compile it is compared with. */
export interface CliSetup {
  targets: readonly TargetName[];
  rules?: RuleConfig;
  environment: boolean;
}

export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** Every file and folder below `dir`, relative to it. */
export function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => relative(dir, join(dir, entry)))
    .sort();
}

function quietIo(cwd: string): CliIo & { output: string[] } {
  const output: string[] = [];
  return {
    output,
    stdout: (text) => output.push(text),
    stderr: (text) => output.push(text),
    cwd,
    env: { NO_COLOR: '1' },
    isTty: false,
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
}

/** `rules: { <id>: { level, reason } }`, as a team would write ivrflow.config.yaml. */
function configText(rules: RuleConfig): string {
  const lines = [...rules].map(
    ([id, setting]) => `  ${id}: { level: ${setting.level}, reason: ${JSON.stringify(setting.reason ?? 'fuzz')} }`,
  );
  return `rules:\n${lines.join('\n')}\n`;
}

/** The violations of the CLI's properties; `compiled` is whether the library compile gave artifacts. */
export async function cliProblems(text: string, setup: CliSetup, compiled: boolean): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'ivrflow-fuzz-'));
  try {
    writeFileSync(join(work, 'spec.yaml'), text);
    const common = ['spec.yaml', '--target', setup.targets.join(',')];
    const given = ['spec.yaml'];
    if (setup.environment) {
      copyFileSync(join(ROOT, 'flows/environments/example.yaml'), join(work, 'env.yaml'));
      common.push('--env', 'env.yaml');
      given.push('env.yaml');
    }
    if (setup.rules) {
      writeFileSync(join(work, 'rules.yaml'), configText(setup.rules));
      common.push('--config', 'rules.yaml');
      given.push('rules.yaml');
    }
    const validateIo = quietIo(work);
    const validated = await run(['validate', ...common], validateIo);
    const generateIo = quietIo(work);
    const generated = await run(['generate', ...common, '--out', 'out'], generateIo);
    return [
      ...runProblems('validate', validated, validateIo.output.join('')),
      ...runProblems('generate', generated, generateIo.output.join('')),
      ...writtenProblems(work, generated, given.sort()),
      // Without --env, validate cannot know the placeholders' values, which generate then refuses to leave unfilled for CXone.
      ...(validated === generated || !setup.environment ? [] : [`validate exited ${validated} but generate ${generated}`]),
      ...(generated === (compiled ? 0 : 1)
        ? []
        : [`generate exited ${generated}, yet the library compile ${compiled ? 'gave' : 'refused'} artifacts`]),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runProblems(command: string, exitCode: number, output: string): string[] {
  const found: string[] = [];
  if (exitCode !== 0 && exitCode !== 1) found.push(`${command} exited ${exitCode}: ${output.slice(0, 600)}`);
  if (STACK_LINE.test(output)) found.push(`${command} printed a stack trace: ${output.slice(0, 600)}`);
  return found;
}

function writtenProblems(work: string, generated: number, given: readonly string[]): string[] {
  const found: string[] = [];
  const written = tree(join(work, 'out'));
  if (generated === 1 && written.length > 0) found.push(`generate exited 1 but wrote ${written.slice(0, 5).join(', ')}`);
  if (generated === 0 && !written.some((path) => path.endsWith('manifest.json'))) found.push('generate exited 0 without a manifest');
  const stray = tree(work).filter((path) => path.split(/[\\/]/)[0] !== 'out' && !given.includes(path));
  if (stray.length > 0) found.push(`files written outside --out: ${stray.join(', ')}`);
  return found;
}
