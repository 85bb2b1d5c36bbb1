import { posix } from 'node:path';
import type { Diagnostic, RelatedLocation, SpecPath } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { docUrl } from '../util/package-info.js';
import { INPUT_LIMITS } from './limits.js';
import { loadSpec, type DocumentKind, type LoadedSpec } from './load.js';
import { DiagnosticSink, locate, type IncludedSources, type ReportInput, type SpecSource } from './source.js';
import { INCLUDED_VERSION_KEY, SPEC_VERSIONS } from './spec-version.js';

/**
 * `include:` (spec 1.1, docs/spec.md "include"): files of shared steps, variables, endpoints and
 * secrets merged into the flow before any check runs, so the schema, the checks, the rules, the
 * taint analysis, the IR, the emitters and the engines all see one flow. Each merged id remembers
 * its file (`SpecSource.included`), and every diagnostic about it is reported there.
 *
 * The model is a textual include, as GitLab CI's `include:` and Ansible's `import_tasks` resolve
 * theirs: paths relative to the file that names them (https://docs.gitlab.com/ci/yaml/includes/),
 * each file read once, a cycle an error. A path may use `..` but must stay inside the folder of the
 * spec ivrflow was run on, so the flow's folder is all a reviewer, a CI cache or `watch` has to know.
 */

/** What the caller's file system answered for one included file (the pipeline does no I/O; the CLI reads). */
export type IncludeRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'not-found' | 'not-a-file' | 'unreadable' | 'too-large' };

/** Reads an included file by its name: the spec's own name with the include's relative path joined on. */
export type IncludeReader = (file: string) => IncludeRead;

/** The sections an included file may hold; each merges id by id into the flow's section of that name. */
const SECTIONS = ['secrets', 'variables', 'endpoints', 'steps'] as const;
type Section = (typeof SECTIONS)[number];
const INCLUDED_KEYS: readonly string[] = [INCLUDED_VERSION_KEY, 'description', 'include', ...SECTIONS];

const INCLUDE_DOCS = docUrl('spec.md#include');

export const INCLUDED_FILE: DocumentKind = {
  noun: 'included file',
  firstLine: `${INCLUDED_VERSION_KEY}: 1.1`,
  startFrom: `An included file holds shared \`steps\`, \`variables\`, \`endpoints\` and \`secrets\` (${INCLUDE_DOCS}).`,
  holdsSteps: true,
};

const READ_PROBLEMS: Record<Exclude<IncludeRead, { ok: true }>['problem'], { code: Diagnostic['code']; message: string }> = {
  'not-found': { code: 'include/not-found', message: 'No such file' },
  'not-a-file': { code: 'include/unreadable', message: 'This is not a regular file' },
  unreadable: { code: 'include/unreadable', message: 'The file cannot be read' },
  'too-large': { code: 'input/limit', message: `The file is larger than ${INPUT_LIMITS.fileBytes} bytes` },
};

type Mapping = Record<string, unknown>;

/** One file on the way down from the spec: its source, and its name relative to the spec's folder. */
interface Including {
  source: SpecSource;
  /** The path inside the spec's folder (the spec itself is its base name), the identity for cycles and repeats. */
  inner: string;
}

/**
 * The spec's data with every included file merged in, and the diagnostics of the includes. Without
 * an `include:` list (or with one the schema will reject), the spec is returned as it was loaded.
 */
export function resolveIncludes(loaded: LoadedSpec, read: IncludeReader | undefined): LoadedSpec {
  const data = loaded.data;
  if (!isMapping(data) || !Array.isArray(data['include'])) return loaded;
  const merger = new IncludeMerger(loaded.source, data, read);
  merger.includeFrom({ source: loaded.source, inner: posix.basename(slashed(loaded.source.file)) }, data['include'], []);
  loaded.source.included = merger.sources();
  return { source: loaded.source, data: merger.merged, diagnostics: [...loaded.diagnostics, ...merger.diagnostics] };
}

class IncludeMerger {
  readonly merged: Mapping;
  readonly diagnostics: Diagnostic[] = [];
  /** Each included id's file, by section. */
  private readonly origins = new Map<Section, Map<string, SpecSource>>(SECTIONS.map((section) => [section, new Map()]));
  private readonly files: SpecSource[] = [];
  private readonly names: string[] = [];
  /** For each included file, the `include:` entry that brought it in. */
  private readonly includedAt = new Map<SpecSource, RelatedLocation>();
  private readonly seen = new Set<string>();
  private readonly rootFolder: string;
  private bytes: number;

  constructor(
    private readonly root: SpecSource,
    data: Mapping,
    private readonly read: IncludeReader | undefined,
  ) {
    this.rootFolder = posix.dirname(slashed(root.file));
    this.bytes = new TextEncoder().encode(root.text).length;
    this.merged = { ...data };
    for (const section of SECTIONS) {
      const own = data[section];
      // A section of the wrong shape is left as it is, for the schema to report in the spec itself.
      if (own === undefined || isMapping(own)) this.merged[section] = { ...(own ?? {}) };
    }
  }

  sources(): IncludedSources {
    const { origins } = this;
    return {
      files: this.files,
      names: this.names,
      sourceOf(path: SpecPath) {
        const [section, id] = path;
        if (typeof section !== 'string' || id === undefined) return undefined;
        return origins.get(section as Section)?.get(String(id));
      },
    };
  }

  /** The entries of one file's `include:` list, each read, checked and merged; `chain` is the files above it. */
  includeFrom(includer: Including, entries: readonly unknown[], chain: readonly string[]): void {
    const path = [...chain, includer.inner];
    entries.forEach((entry, index) => {
      if (typeof entry === 'string') this.includeEntry(includer, entry, ['include', index], path);
    });
  }

  private includeEntry(includer: Including, entry: string, at: SpecPath, chain: readonly string[]): void {
    const problem = (input: Omit<ReportInput, 'path'>) => this.reportIn(includer.source, { ...input, path: at });
    if (/^([\\/]|[A-Za-z]:|~)/.test(entry))
      return problem({
        code: 'include/outside-folder',
        message: `\`${entry}\` is an absolute path; an include names a file relative to the file that includes it.`,
        hint: 'Write the path from this file’s folder, e.g. `shared/verify-otp.yaml`.',
      });
    const inner = posix.normalize(posix.join(posix.dirname(includer.inner), slashed(entry)));
    if (inner === '..' || inner.startsWith('../'))
      return problem({
        code: 'include/outside-folder',
        message: `\`${entry}\` points outside the folder of the spec (\`${this.rootFolder}\`); included files must be inside it.`,
        hint: 'Move the shared file into the flow’s folder (e.g. `shared/`), so the flow and what it includes are reviewed and watched together.',
      });
    if (chain.includes(inner))
      return problem({
        code: 'include/cycle',
        message: `\`${entry}\` closes a cycle of includes: ${[...chain, inner].map((file) => `\`${file}\``).join(' → ')}.`,
        hint: 'Remove one of these includes; shared files form a tree, each included once.',
      });
    // A file reached a second time by another way down (a diamond) is merged once: its ids exist once.
    if (this.seen.has(inner)) return;
    if (chain.length > INPUT_LIMITS.includeDepth)
      return problem({
        code: 'include/depth',
        message: `\`${entry}\` is an include ${chain.length} levels below the spec; includes nest at most ${INPUT_LIMITS.includeDepth} levels.`,
        hint: 'Include the shared file from the spec, or from a file nearer to it.',
      });
    if (this.seen.size >= INPUT_LIMITS.includedFiles)
      return problem({
        code: 'input/limit',
        message: `\`${entry}\` would be included file ${this.seen.size + 1}; a spec includes at most ${INPUT_LIMITS.includedFiles} files in all.`,
        hint: 'Merge small shared files into fewer ones.',
      });
    this.seen.add(inner);
    this.load(includer, entry, inner, at, chain);
  }

  private load(includer: Including, entry: string, inner: string, at: SpecPath, chain: readonly string[]): void {
    const file = this.rootFolder === '.' ? inner : posix.join(this.rootFolder, inner);
    const problem = (input: Omit<ReportInput, 'path'>) => this.reportIn(includer.source, { ...input, path: at });
    this.names.push(file);
    const answer = this.read?.(file) ?? undefined;
    if (answer === undefined)
      return problem({
        code: 'include/unreadable',
        message: `\`${entry}\` cannot be read here: this run reads no included files.`,
        hint: 'Run the spec with the ivrflow CLI, which reads included files next to the spec.',
      });
    if (!answer.ok) {
      const { code, message } = READ_PROBLEMS[answer.problem];
      return problem({
        code,
        message: `${message}: \`${file}\` (included as \`${entry}\`).`,
        hint: 'Check the path; it is relative to this file.',
      });
    }
    this.bytes += answer.bytes.length;
    if (this.bytes > INPUT_LIMITS.mergedBytes)
      return problem({
        code: 'input/limit',
        message: `With \`${entry}\` the spec and its included files hold ${this.bytes} bytes; together they are limited to ${INPUT_LIMITS.mergedBytes}.`,
        hint: 'Split the flow into several specs.',
      });
    const loaded = loadSpec(file, answer.bytes, INCLUDED_FILE);
    const from = this.includedFrom(includer.source, at);
    this.includedAt.set(loaded.source, from);
    this.diagnostics.push(...loaded.diagnostics.map((diagnostic) => ({ ...diagnostic, related: [...(diagnostic.related ?? []), from] })));
    this.files.push(loaded.source);
    if (!isMapping(loaded.data)) return;
    const sink = new DiagnosticSink(loaded.source);
    if (this.checkShape(loaded.data, sink)) {
      this.mergeSections(loaded.source, loaded.data, sink);
      const nested = loaded.data['include'];
      if (Array.isArray(nested)) this.includeFrom({ source: loaded.source, inner }, nested, chain);
    }
    this.diagnostics.push(...sink.diagnostics.map((diagnostic) => ({ ...diagnostic, related: [...(diagnostic.related ?? []), from] })));
  }

  /** The included file's own keys: a version line, and only the sections it may share. */
  private checkShape(data: Mapping, sink: DiagnosticSink): boolean {
    const before = sink.diagnostics.length;
    for (const key of Object.keys(data))
      if (!INCLUDED_KEYS.includes(key))
        sink.report({
          code: 'include/invalid',
          message: `An included file does not hold \`${key}\`: it shares ${SECTIONS.map((section) => `\`${section}\``).join(', ')} and may include others.`,
          path: [key],
          onKey: true,
          hint: didYouMean(key, INCLUDED_KEYS) ?? `Keep \`${key}\` in the flow that includes this file (${INCLUDE_DOCS}).`,
        });
    this.checkVersion(data, sink);
    for (const section of SECTIONS)
      if (data[section] !== undefined && !isMapping(data[section]))
        sink.report({
          code: 'include/invalid',
          message: `\`${section}\` must be a mapping of ids, as in a spec.`,
          path: [section],
          hint: `Write \`${section}:\` with one id per line under it.`,
        });
    const include = data['include'];
    if (include !== undefined && !(Array.isArray(include) && include.every((entry) => typeof entry === 'string')))
      sink.report({
        code: 'include/invalid',
        message: '`include` must be a list of file paths.',
        path: ['include'],
        hint: 'Write `include: [other-shared-file.yaml]`.',
      });
    return sink.diagnostics.length === before;
  }

  private checkVersion(data: Mapping, sink: DiagnosticSink): void {
    const version = data[INCLUDED_VERSION_KEY];
    const rootVersion = this.merged['ivrflow'];
    if (version === undefined)
      sink.report({
        code: 'include/version',
        message: `An included file starts with its spec version, \`${INCLUDED_VERSION_KEY}:\`.`,
        path: [],
        hint: `Add \`${INCLUDED_VERSION_KEY}: 1.1\` as the first line.`,
      });
    else if (typeof version !== 'number' || !SPEC_VERSIONS.includes(version))
      sink.report({
        code: 'include/version',
        message: `Unknown spec version \`${String(version)}\`; this ivrflow reads ${SPEC_VERSIONS.join(' and ')}.`,
        path: [INCLUDED_VERSION_KEY],
        hint: `Write \`${INCLUDED_VERSION_KEY}: 1.1\`.`,
      });
    else if (typeof rootVersion === 'number' && version > rootVersion)
      sink.report({
        code: 'include/version',
        message: `This file declares \`${INCLUDED_VERSION_KEY}: ${version}\`, newer than the spec that includes it (\`ivrflow: ${rootVersion}\`).`,
        path: [INCLUDED_VERSION_KEY],
        hint: `Declare \`ivrflow: ${version}\` in the including spec too.`,
      });
  }

  /** Every id of every section, merged; an id defined twice is an error at the second, naming the first. */
  private mergeSections(source: SpecSource, data: Mapping, sink: DiagnosticSink): void {
    for (const section of SECTIONS) {
      const target = this.merged[section];
      const shared = data[section];
      if (!isMapping(target) || !isMapping(shared)) continue;
      for (const [id, value] of Object.entries(shared)) {
        if (Object.hasOwn(target, id)) {
          this.reportClash(source, section, id, sink);
          continue;
        }
        if (section === 'steps' && Object.keys(target).length >= INPUT_LIMITS.steps) {
          sink.report({
            code: 'input/limit',
            message: `With this file the flow holds more than ${INPUT_LIMITS.steps} steps, the most a flow may hold.`,
            path: [section, id],
            onKey: true,
            hint: 'Split the flow into several specs.',
          });
          break;
        }
        target[id] = value;
        this.origins.get(section)?.set(id, source);
      }
    }
  }

  private reportClash(source: SpecSource, section: Section, id: string, sink: DiagnosticSink): void {
    const first = this.origins.get(section)?.get(id) ?? this.root;
    const where: RelatedLocation = {
      message: `\`${id}\` is first defined here.`,
      file: first.file,
      path: [section, id],
      span: locate(first, [section, id], true),
    };
    sink.report({
      code: 'include/duplicate-id',
      message: `\`${id}\` is defined in \`${section}\` of both \`${first.file}\` and this included file; an id names one thing in the merged flow.`,
      path: [section, id],
      onKey: true,
      hint: 'Rename one of them (and the references to it), or remove the copy.',
    });
    const reported = sink.diagnostics[sink.diagnostics.length - 1];
    if (reported) sink.diagnostics[sink.diagnostics.length - 1] = { ...reported, related: [where] };
  }

  /** The includer's `include:` entry, named beside every diagnostic inside the file it includes. */
  private includedFrom(includer: SpecSource, at: SpecPath): RelatedLocation {
    return { message: `Included from \`${includer.file}\` here.`, file: includer.file, path: at, span: locate(includer, at) };
  }

  /** A problem with an entry of `source`'s `include:` list; in an included file, named with the entry that included it. */
  private reportIn(source: SpecSource, input: ReportInput): void {
    const sink = new DiagnosticSink(source);
    sink.report(input);
    const from = this.includedAt.get(source);
    this.diagnostics.push(...sink.diagnostics.map((diagnostic) => (from ? { ...diagnostic, related: [from] } : diagnostic)));
  }
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Backslashes read as folder separators, so a Windows path resolves the same way. */
function slashed(file: string): string {
  return file.replace(/\\/g, '/');
}
