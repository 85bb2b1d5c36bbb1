import { compileSpec } from '../../src/pipeline.js';
import { createEngine, type CompiledFlow } from '../../src/simulate/engines.js';
import type { Engine, EngineName } from '../../src/targets/engine-contract.js';
import { readRepoFile } from '../helpers/fixtures.js';

/** An example flow compiled for every target, as `ivrflow contract` and `test` compile it (placeholders kept). */
export async function compiledExample(name: string, text = readRepoFile(`flows/${name}.yaml`)): Promise<CompiledFlow> {
  const compiled = await compileSpec(`flows/${name}.yaml`, Buffer.from(text, 'utf8'), { placeholders: 'keep' });
  if (!compiled.graph || !compiled.artifacts) throw new Error(`flows/${name}.yaml does not compile`);
  return { graph: compiled.graph, artifacts: compiled.artifacts };
}

export async function vendorEngines(flow: CompiledFlow, names: readonly EngineName[] = ['genesys', 'cxone']): Promise<Engine[]> {
  return Promise.all(names.map((name) => createEngine(name, flow)));
}
