/**
 * The vendors ivrflow compiles to: the one list of names. The spec's `targets:` section, `--target`,
 * `--engines` and the target registry (`src/targets/index.ts`) all derive from it.
 */
export const TARGET_NAMES = ['genesys', 'cxone'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}
