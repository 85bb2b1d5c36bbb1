import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type { SpecSource } from '../../flowspec/source.js';
import type { FlowGraph } from '../../ir/nodes.js';
import { compileSpec } from '../../pipeline.js';
import type { CompiledFlow } from '../../simulate/engines.js';
import { secretEnvironmentName, type SecretLookup } from '../../simulate/run/live.js';
import type { TargetName } from '../../targets/artifact.js';
import { loadConfig } from '../config-file.js';
import { readEnvironmentFile } from '../environment-file.js';
import { CliError, EXIT_USAGE, type CliIo } from '../io.js';
import { readSpecFile } from '../read-input.js';
import { includeReader } from '../include-reader.js';

/** What the contract-kit commands (contract, mock, openapi) share: a compiled spec, or the diagnostics that stop it. */
export type LoadedFlow =
  | { ok: true; file: string; source: SpecSource; flow: CompiledFlow }
  | { ok: false; file: string; source?: SpecSource; diagnostics: Diagnostic[] };

export async function loadFlow(
  file: string,
  options: { env?: string; config?: string; targets: readonly TargetName[] },
  io: CliIo,
): Promise<LoadedFlow> {
  const environment = options.env === undefined ? undefined : await readEnvironmentFile(options.env, io.cwd);
  const config = await loadConfig(options.config, io.cwd);
  const read = readSpecFile(file, io.cwd);
  if (!read.ok) throw new CliError(`${file}: ${read.diagnostic.message}`);
  // Compiled to be run by the engines, as `ivrflow test` does: placeholders the deploy fills stay as written.
  const compiled = await compileSpec(file, read.bytes, {
    targets: options.targets,
    placeholders: 'keep',
    ...(environment ? { environment } : {}),
    ...(config ? { rules: config.rules } : {}),
    readInclude: includeReader(io.cwd),
  });
  const errors = compiled.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!compiled.graph || !compiled.artifacts || errors.length > 0) return { ok: false, file, source: compiled.source, diagnostics: errors };
  return { ok: true, file, source: compiled.source, flow: { graph: compiled.graph, artifacts: compiled.artifacts } };
}

/** A misspelled `--endpoint` name would probe nothing: refuse it, with the names the spec has. */
export function checkEndpointNames(names: Iterable<string>, graph: FlowGraph): void {
  const known = graph.endpoints.map((endpoint) => endpoint.id);
  for (const name of names)
    if (!known.includes(name))
      throw new CliError(
        `--endpoint ${name}: the spec has no such endpoint. ${didYouMean(name, known) ?? `It has: ${known.join(', ') || 'none'}.`}`,
        EXIT_USAGE,
      );
}

/**
 * Secrets read from the environment at the moment of use, never kept. Every bearer secret the
 * named endpoints need must be set before anything is sent: a missing one is a usage error that
 * names the variable (and never prints a value).
 */
export function environmentSecrets(graph: FlowGraph, endpoints: Iterable<string>, io: CliIo, purpose: string): SecretLookup {
  const names = new Set(endpoints);
  for (const endpoint of graph.endpoints) {
    if (!names.has(endpoint.id) || endpoint.bearerSecret === undefined) continue;
    const variable = secretEnvironmentName(endpoint.bearerSecret);
    if (!io.env[variable])
      throw new CliError(
        `Set ${variable} to the bearer token of secret \`${endpoint.bearerSecret}\` (${purpose}); it is read from the environment only.`,
        EXIT_USAGE,
      );
  }
  return (secret) => io.env[secretEnvironmentName(secret)] || undefined;
}
