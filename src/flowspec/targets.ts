/** The vendors ivrflow compiles to. Checks that depend on the vendor (limits) take the selected ones. */
export type TargetName = 'genesys' | 'cxone';
export const TARGET_NAMES: readonly TargetName[] = ['genesys', 'cxone'];

export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}
