import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { buildOpenApi, type OpenApiFlow } from '../../contract/openapi.js';
import { createEngine } from '../../simulate/engines.js';
import { EXIT_INPUT, EXIT_OK, type CliIo } from '../io.js';
import { writeAtomically } from '../output-file.js';
import { Report } from '../report.js';
import { terminalStyle } from '../style.js';
import { loadFlow } from './contract-kit.js';
import { TARGET_NAMES, type TargetName } from '../../targets/artifact.js';

export interface OpenApiOptions {
  out?: string;
  env?: string;
  /** The vendors whose requests are described; all of them by default. */
  target?: readonly TargetName[];
  toolVersion: string;
}

/** Write the backend contract of the specs as OpenAPI 3.1: YAML, or JSON when --out ends in .json. 0 written, 1 spec errors, 2 I/O. */
export async function openapiCommand(files: readonly string[], options: OpenApiOptions, io: CliIo): Promise<number> {
  const flows: OpenApiFlow[] = [];
  const problems = new Report();
  const targets = options.target ?? TARGET_NAMES;
  for (const file of files) {
    const loaded = await loadFlow(file, { targets, ...(options.env === undefined ? {} : { env: options.env }) }, io);
    if (!loaded.ok) {
      problems.add(file, loaded.source?.text ?? '', loaded.diagnostics);
      continue;
    }
    flows.push({
      graph: loaded.flow.graph,
      engines: await Promise.all(targets.map((target) => createEngine(target, loaded.flow))),
    });
  }
  if (problems.diagnostics.length > 0) {
    io.stdout(problems.render('stylish', await terminalStyle(io), options.toolVersion));
    return EXIT_INPUT;
  }
  const document = buildOpenApi(flows, options.toolVersion);
  const json = options.out?.endsWith('.json') === true;
  const text = json ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  if (options.out === undefined) io.stdout(text);
  else await writeAtomically(resolve(io.cwd, options.out), text, options.out);
  return EXIT_OK;
}
