import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { FlowGraph } from '../../ir/nodes.js';
import type { EmitProblem } from '../artifact.js';
import { resolveNames } from './conventions.js';
import { ARCHY_TRACE_TYPES } from './unverified.js';

/** More traces than a flow has actions many times over: not a results file worth reading further. */
export const MAX_ARCHY_TRACES = 10_000;

export interface ArchyResults {
  /** Problems located in the results file (its shape, and traces ivrflow cannot place in the spec). */
  inResults: EmitProblem[];
  /** Traces placed at the spec step, endpoint or flow name their text names (with `--spec`). */
  inSpec: EmitProblem[];
  /** Archy reported a failure: an error trace, or a non-zero `exitCode`. */
  failed: boolean;
}

/**
 * Archy's `--resultsFile` JSON (unverified.ts `ARCHY_TRACE_TYPES`) as diagnostics. Every problem
 * of shape is reported at its place in the file and never throws; `graph` (the spec the flows were
 * generated from) lets a trace that names one of ivrflow's flow objects point at the spec instead.
 */
export function readArchyResults(data: unknown, graph?: FlowGraph): ArchyResults {
  const results: ArchyResults = { inResults: [], inSpec: [], failed: false };
  // A file that is not a results file cannot show that the publish succeeded.
  const problem = (path: SpecPath, message: string, hint?: string) => {
    results.failed = true;
    results.inResults.push({ code: 'schema/type', severity: 'error', message, path, ...(hint ? { hint } : {}) });
  };
  if (!isRecord(data)) {
    problem([], 'An Archy results file is a JSON object with `status`, `exitCode` and `output.traces`.', RESULTS_HINT);
    results.failed = true;
    return results;
  }
  if (data['exitCode'] !== undefined && typeof data['exitCode'] !== 'number') problem(['exitCode'], '`exitCode` must be a number.');
  const output = data['output'];
  if (output === undefined) {
    exitCodeProblem(data, results);
    return results;
  }
  if (!isRecord(output)) {
    problem(['output'], '`output` must be an object holding `traces`.', RESULTS_HINT);
    return { ...results, failed: true };
  }
  const traces = output['traces'];
  if (traces === undefined) return results;
  if (!Array.isArray(traces)) {
    problem(['output', 'traces'], '`output.traces` must be a list.', RESULTS_HINT);
    return { ...results, failed: true };
  }
  if (traces.length > MAX_ARCHY_TRACES) {
    results.inResults.push({
      code: 'input/too-large',
      severity: 'error',
      message: `It lists ${traces.length} traces; at most ${MAX_ARCHY_TRACES} are read.`,
      path: ['output', 'traces'],
    });
    return { ...results, failed: true };
  }
  const names = graph ? objectNames(graph) : [];
  traces.forEach((trace: unknown, index) => readTrace(trace, ['output', 'traces', index], names, results));
  exitCodeProblem(data, results);
  return results;
}

/** A failing exit code with no error trace to show for it must not pass silently. */
function exitCodeProblem(data: Record<string, unknown>, results: ArchyResults): void {
  const exitCode = data['exitCode'];
  if (typeof exitCode !== 'number' || exitCode === 0) return;
  results.failed = true;
  if ([...results.inResults, ...results.inSpec].some((problem) => problem.code === 'archy/error')) return;
  results.inResults.push({
    code: 'archy/error',
    severity: 'error',
    message: `Archy exited with code ${exitCode} and no error trace.`,
    path: ['exitCode'],
    hint: 'Run the same archy command again with its output shown to see why.',
  });
}

const RESULTS_HINT = 'Pass the file written by `archy publish … --resultsFile <file>`.';

function readTrace(trace: unknown, path: SpecPath, names: readonly NamedObject[], results: ArchyResults): void {
  if (!isRecord(trace) || typeof trace['text'] !== 'string') {
    results.inResults.push({ code: 'schema/type', severity: 'error', message: 'A trace is an object with a `text` string.', path });
    results.failed = true;
    return;
  }
  const type = trace['type'];
  const severity = type === ARCHY_TRACE_TYPES.error ? 'error' : type === ARCHY_TRACE_TYPES.warning ? 'warning' : 'info';
  if (severity === 'error') results.failed = true;
  const text = trace['text'];
  const code = severity === 'error' ? 'archy/error' : 'archy/warning';
  const named = namedIn(text, names);
  if (named) {
    results.inSpec.push({
      code,
      severity,
      message: `Archy: ${text}`,
      path: named.origin,
      ...(named.onKey ? { onKey: true } : {}),
      hint: `Reported by archy publish for ${named.what}; the trace is output.traces[${String(path[2])}] of the results file.`,
    });
    return;
  }
  results.inResults.push({ code, severity, message: `Archy: ${text}`, path: [...path, 'text'] });
}

interface NamedObject {
  name: string;
  what: string;
  origin: SpecPath;
  onKey?: boolean;
}

/** The names ivrflow gives Genesys objects (conventions.ts; actions are named after their step), each with its spec place. */
function objectNames(graph: FlowGraph): NamedObject[] {
  const names = resolveNames(graph, []);
  return [
    ...graph.nodes.map((node) => ({ name: node.id, what: `step \`${node.id}\``, origin: node.origin, onKey: true })),
    ...graph.endpoints.map((endpoint) => ({
      name: names.dataActions.get(endpoint.id) ?? endpoint.id,
      what: `the data action of endpoint \`${endpoint.id}\``,
      origin: endpoint.origin,
      onKey: true,
    })),
    { name: names.inboundFlow, what: 'the inbound flow', origin: ['name'] },
    ...(graph.secure ? [{ name: names.secureFlow, what: 'the secure flow', origin: ['secure'], onKey: true }] : []),
  ];
}

/** The longest name that appears in the text as a whole word; none when two different objects share it. */
function namedIn(text: string, names: readonly NamedObject[]): NamedObject | undefined {
  const found = names.filter(({ name }) => name !== '' && containsWord(text, name));
  if (found.length === 0) return undefined;
  const longest = Math.max(...found.map(({ name }) => name.length));
  const candidates = found.filter(({ name }) => name.length === longest);
  return candidates.length === 1 ? candidates[0] : undefined;
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if (!isWordCharacter(before) && !isWordCharacter(after)) return true;
  }
  return false;
}

const isWordCharacter = (character: string | undefined) => character !== undefined && /[A-Za-z0-9_]/.test(character);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
