import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { isScenarioFile } from '../../simulate/scenario/files.js';
import { printable } from '../../diagnostics/render/printable.js';
import { optionalProps } from '../../util/optional-props.js';
import { expandFileArguments } from '../expand-files.js';
import { CliError, type CliIo } from '../io.js';
import { terminalStyle } from '../style.js';
import { generateCommand, type GenerateOptions } from '../commands/generate.js';
import { countLine, diagnosticChanges, plural, type ReportedDiagnostic } from './changes.js';
import { capturedIo, watchLoop } from './loop.js';
import { watchTargets } from './targets.js';

/**
 * `generate --watch`: regenerate on every change of the specs or the files they read, printing the
 * diagnostics that appeared or went away and the artifacts rewritten. Each run is a plain `generate`
 * (so each flow's folder is swapped whole, see write-output.ts); a spec with errors keeps its last
 * good output. Until Ctrl-C; exit 0.
 */
export async function watchGenerate(
  args: readonly string[],
  options: GenerateOptions,
  io: CliIo,
  until: Promise<unknown>,
): Promise<number> {
  if (options.check) throw new CliError('--watch writes the output on every change; it cannot be combined with --check.');
  const style = await terminalStyle(io);
  const outDir = resolve(io.cwd, options.out);
  let diagnostics: ReportedDiagnostic[] = [];
  let artifacts = await snapshot(outDir);
  const side = optionalProps(options, ['env', 'cxoneCatalog', 'config']);
  return watchLoop(
    {
      until,
      fallbackTargets: () => watchTargets(args, [], side, io),
      run: async () => {
        const captured = capturedIo(io);
        await generateCommand(args, { ...options, format: 'json' }, captured.io);
        passThroughNotes(captured.stderr(), io);
        const current = reportedDiagnostics(captured.stdout(), options);
        const written = await snapshot(outDir);
        const lines = [...diagnosticChanges(diagnostics, current, style), ...artifactChanges(artifacts, written, options.out)];
        diagnostics = current;
        artifacts = written;
        const files = (await expandFileArguments(args, { cwd: io.cwd, ignore: options.ignorePatterns })).filter(
          (file) => !isScenarioFile(file),
        );
        return {
          changes: lines.length > 0 ? `${lines.join('\n')}\n` : '',
          status: `generate: ${plural(files.length, 'spec')}, ${countLine(current)}${lines.length === 0 ? ', nothing changed' : ''}`,
          targets: await watchTargets(args, files, side, io),
        };
      },
    },
    io,
  );
}

/** The JSON report's diagnostics; the notes only with --verbose, errors only with --quiet, as in a plain run. */
function reportedDiagnostics(json: string, options: GenerateOptions): ReportedDiagnostic[] {
  const { diagnostics } = JSON.parse(json) as { diagnostics: ReportedDiagnostic[] };
  return diagnostics.filter((diagnostic) => diagnostic.severity !== 'info' || options.verbose);
}

/** What `generate` says besides its report, except the `wrote` lines: the artifact changes replace them. */
function passThroughNotes(stderr: string, io: CliIo): void {
  const notes = stderr.split('\n').filter((line) => line !== '' && !line.startsWith('wrote '));
  if (notes.length > 0) io.stderr(`${notes.join('\n')}\n`);
}

/** Every file under each flow's folder of `--out`, with a hash of its contents. */
async function snapshot(outDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  let flows: string[];
  try {
    flows = (await fs.readdir(outDir)).filter((entry) => !entry.startsWith('.'));
  } catch {
    return files;
  }
  // An explicit stack, not recursion: the folder's depth is the user's.
  const pending = flows.sort();
  while (pending.length > 0) {
    const path = pending.pop()!;
    const entries = await fs.readdir(join(outDir, path), { withFileTypes: true }).catch(() => undefined);
    if (entries === undefined) {
      const contents = await fs.readFile(join(outDir, path)).catch(() => undefined);
      if (contents !== undefined) files.set(path, createHash('sha256').update(contents).digest('hex'));
      continue;
    }
    for (const entry of entries) pending.push(`${path}/${entry.name}`);
  }
  return files;
}

function artifactChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, shownOut: string): string[] {
  const lines: string[] = [];
  for (const [path, hash] of [...after].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (before.get(path) !== hash) lines.push(`${before.has(path) ? 'rewrote' : 'wrote  '} ${printable(join(shownOut, path))}`);
  for (const path of [...before.keys()].sort()) if (!after.has(path)) lines.push(`removed ${printable(join(shownOut, path))}`);
  return lines;
}
