import type { PackagingName, TargetName } from '../flowspec/targets.js';
import type { FlowGraph } from '../ir/nodes.js';
import type { Artifact, EmitOptions, EmitResult } from './artifact.js';

/**
 * One entry per packaging: a way to hand one vendor's artifacts to a deployment tool. A packaging
 * is not a vendor: no engine runs it and the spec has no section for it. `--target <name>` emits
 * the vendor it packages too, then the packaging reads that vendor's artifacts (docs/architecture.md).
 */
export interface PackagingDefinition {
  /** One line for `--help`. */
  description: string;
  /** The vendor whose artifacts it packages. */
  packages: TargetName;
  /** Loads on demand. Reads only the artifacts of `packages`, as its emitter wrote them. */
  build(graph: FlowGraph, artifacts: readonly Artifact[], options: EmitOptions): Promise<EmitResult>;
}

export const PACKAGINGS: Readonly<Record<PackagingName, PackagingDefinition>> = {
  terraform: {
    description: 'a Terraform module (CX as Code) deploying the Genesys Cloud files: data actions, then flows in publish order',
    packages: 'genesys',
    build: async (graph, artifacts, options) =>
      (await import('./genesys/terraform/module.js')).buildTerraformModule(graph, artifacts, options),
  },
};

export { PACKAGING_NAMES, isPackagingName, type PackagingName } from '../flowspec/targets.js';

/** The vendors to emit for a `--target` list: the named ones plus those the packagings need, in TARGET_NAMES order. */
export function targetsFor(targets: readonly TargetName[], packagings: readonly PackagingName[]): TargetName[] {
  const needed = new Set<TargetName>([...targets, ...packagings.map((name) => PACKAGINGS[name].packages)]);
  return [...needed];
}
