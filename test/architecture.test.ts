import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/**
 * The folder layout is the pipeline: a module may import from its own stage or an earlier one,
 * never a later one. Only the CLI touches the process and the terminal.
 */
const STAGES = [
  'util',
  'diagnostics',
  'flowspec',
  'lint',
  'ir',
  'graph',
  'targets',
  'pipeline.ts',
  'simulate',
  'contract',
  'deploy',
  'index.ts',
  'cli',
];
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function stageOf(file: string): number {
  const top = relative(SRC, file).split('/')[0]!;
  const stage = STAGES.indexOf(top);
  if (stage === -1) throw new Error(`${relative(ROOT, file)} is in no known stage; add its folder to STAGES`);
  return stage;
}

function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => match[1]!);
}

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s imports only its own or earlier stages', (_, file) => {
    const text = readFileSync(file, 'utf8');
    for (const specifier of relativeImports(text)) {
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      expect(stageOf(target), `${specifier} is a later stage`).toBeLessThanOrEqual(stageOf(file));
    }
  });

  /** `src/targets/<vendor>/<part>/…` → [vendor, part]; undefined outside a vendor folder. */
  function vendorPart(file: string): [string, string] | undefined {
    const [top, vendor, part] = relative(SRC, file).split('/');
    return top === 'targets' && part !== undefined ? [vendor!, part] : undefined;
  }

  it.each(files.filter((file) => vendorPart(file)).map((file) => [relative(ROOT, file), file]))(
    '%s imports no other vendor, and an engine no emitter',
    (_, file) => {
      const [vendor, part] = vendorPart(file)!;
      for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
        const target = vendorPart(resolve(dirname(file), specifier));
        if (!target) continue;
        expect(target[0], `${specifier}: vendors never import each other`).toBe(vendor);
        // The engines are the oracle for the emitters: they read artifacts, never the code that wrote them.
        if (part === 'engine') expect(target[1], `${specifier}: an engine imports no emitter code`).not.toBe('emit');
      }
    },
  );

  it('only the CLI touches the process and the terminal', () => {
    const offenders = files.filter(
      (file) =>
        stageOf(file) < STAGES.indexOf('cli') &&
        /\bprocess\.(stdout|stderr|exit|exitCode|argv|env)\b|from 'chalk'|console\.(log|error)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
