import type { SpecPath } from '../diagnostics/diagnostic.js';

/**
 * Where a string sits in the spec, as a chain of keys up to the root. The checks that read every
 * string of a spec find nothing to report in almost all of them, so the path of a string is built
 * only when one is reported (`pathOf`), not copied for every node of the walk.
 */
export interface SpecPlace {
  readonly parent: SpecPlace | undefined;
  readonly key: string | number;
}

/** The path of a place, root first; `[]` for the root itself. */
export function pathOf(place: SpecPlace | undefined): SpecPath {
  const path: (string | number)[] = [];
  for (let at = place; at !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Every string value and mapping key under `root`, in document order (a key before its value).
 * A key's place is the place of its value. Walked with an explicit stack, so no nesting depth
 * can exhaust the call stack.
 */
export function forEachSpecString(root: unknown, visit: (text: string, place: SpecPlace | undefined, isKey: boolean) => void): void {
  // A mapping's entry is visited when popped: its key, then its value.
  const pending: { value: unknown; place: SpecPlace | undefined; isEntry: boolean }[] = [{ value: root, place: undefined, isEntry: false }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, place } = item;
    if (item.isEntry) visit(place!.key as string, place, true);
    if (typeof value === 'string') visit(value, place, false);
    else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        pending.push({ value: value[index], place: { parent: place, key: index }, isEntry: false });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index]!;
        pending.push({ value: (value as Record<string, unknown>)[key], place: { parent: place, key }, isEntry: true });
      }
    }
  }
}
