/**
 * The vendors ivrflow compiles to: the one list of names. The spec's `targets:` section, `--target`,
 * `--engines` and the target registry (`src/targets/index.ts`) all derive from it.
 */
export const TARGET_NAMES = ['genesys', 'cxone'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}

/**
 * Ways to package one vendor's artifacts for a deployment tool (`src/targets/packaging.ts`). Not
 * vendors: they have no engine and no `targets:` section in the spec. `--target` accepts them too.
 */
export const PACKAGING_NAMES = ['terraform'] as const;
export type PackagingName = (typeof PACKAGING_NAMES)[number];

export function isPackagingName(name: string): name is PackagingName {
  return (PACKAGING_NAMES as readonly string[]).includes(name);
}
