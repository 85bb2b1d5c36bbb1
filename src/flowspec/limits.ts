/**
 * How large a spec or scenario file may grow, in one place. A hand-written IVR flow has tens to a
 * few hundred steps and a few levels of nesting; each limit sits far above that and far below what
 * would make a stage slow or exhaust memory, so hitting one means a mistake or an attack. Each is
 * reported as `input/limit` at the place it is crossed, with a hint (docs/spec.md, "Limits").
 */
export const INPUT_LIMITS = {
  /** Bytes in one file. The largest example flow is 8 KB; 1 MiB holds a 5,000-step generated flow. */
  fileBytes: 1024 * 1024,
  /** Steps in one flow: twice the 5,000-step benchmark flow, which compiles in seconds. */
  steps: 10_000,
  /** Keys in one mapping other than `steps` (which `steps` bounds): a route with 900 cases fits; 30,000 unknown keys do not. */
  keysPerMapping: 1_000,
  /** Items in one list (exports, `in` lists, `any`/`all` conditions, scenario caller entries). */
  itemsPerList: 1_000,
  /**
   * Levels of nesting (mappings, lists, flow brackets). A spec needs about ten; a condition of
   * nested `not`/`any`/`all` a few more. Checked on the text before parsing: the YAML library
   * recurses per level and, deep enough, gives up at a point that depends on the stack left.
   */
  nestingDepth: 48,
  /** Characters in one string: a prompt of 10,000 characters is a quarter of an hour of speech. */
  stringLength: 10_000,
  /** Scenarios in one scenario file: each is written by hand, and a flow has a few dozen paths. */
  scenarios: 1_000,
  /** Files a spec's `include:` lists, counted over the includes of includes: a flow shares a handful of blocks. */
  includedFiles: 32,
  /** Levels of includes of includes below the spec: a shared block may build on another, and that on a third. */
  includeDepth: 4,
  /** Bytes of a spec and all its included files together: the file limit holds for the merged flow too. */
  mergedBytes: 1024 * 1024,
} as const;

export type InputLimit = keyof typeof INPUT_LIMITS;
