import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderGithub } from '../diagnostics/render/github.js';
import { renderJson } from '../diagnostics/render/json.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderSarif, toUri, type ArtifactUri } from '../diagnostics/render/sarif.js';
import { renderStylish } from '../diagnostics/render/stylish.js';
import type { Style } from '../diagnostics/render/style.js';
import { sortDiagnostics } from '../diagnostics/sort.js';
import { assertNever } from '../util/assert.js';
import type { ReportFormat } from './formats.js';
import type { SpecSource } from '../flowspec/source.js';
import { INFORMATION_URI, ruleMetadata } from './rule-metadata.js';

export interface ReportChoices {
  /** `--quiet`: errors only, as ESLint's flag (the exit code still counts warnings for --max-warnings). */
  quiet: boolean;
  /** `--verbose`: notes in full, with their code frames and every place; otherwise one line per kind. */
  verbose: boolean;
  /** SARIF: the working directory, and the folder (`--base`, absolute) file URIs are made relative to. */
  cwd?: string;
  base?: string;
}

/** Everything the checks of one run found, with the text of each file for code frames. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources = new Map<string, string>();

  add(file: string, text: string, diagnostics: readonly Diagnostic[]): void {
    this.sources.set(file, text);
    this.diagnostics.push(...diagnostics);
  }

  /** The texts of the files a spec included, for the code frames of the diagnostics reported in them. */
  addIncluded(source: SpecSource): void {
    for (const included of source.included?.files ?? []) this.sources.set(included.file, included.text);
  }

  count(severity: Diagnostic['severity']): number {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  }

  render(format: ReportFormat, style: Style, toolVersion: string, choices: ReportChoices = { quiet: false, verbose: false }): string {
    const sorted = sortDiagnostics(
      choices.quiet ? this.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : this.diagnostics,
    );
    switch (format) {
      case 'stylish':
        return renderStylish(sorted, this.sources, style, { briefNotes: !choices.verbose });
      case 'json':
        return renderJson(sorted, { toolVersion });
      case 'sarif':
        return renderSarif(sorted, {
          toolVersion,
          informationUri: INFORMATION_URI,
          rules: ruleMetadata(sorted),
          ...(choices.cwd !== undefined ? { uriOf: sarifUris(choices.cwd, choices.base ?? choices.cwd) } : {}),
        });
      case 'github':
        return renderGithub(sorted);
      default:
        return assertNever(format);
    }
  }
}

/**
 * SARIF locations relative to the base folder (GitHub resolves them against the repository root),
 * with the `%SRCROOT%` base id; a file outside the base keeps an absolute `file:` URI rather than a
 * `../` path that would name nothing in the repository.
 */
function sarifUris(cwd: string, base: string): (file: string) => ArtifactUri {
  return (file) => {
    const absolute = resolve(cwd, file);
    const inside = relative(base, absolute);
    if (inside.startsWith('..') || isAbsolute(inside)) return { uri: pathToFileURL(absolute).href };
    return { uri: toUri(inside), uriBaseId: '%SRCROOT%' };
  };
}
