import type { SpecPath } from '../diagnostics/diagnostic.js';

/**
 * Where the string being visited sits. The checks that read every string of a spec find nothing to
 * report in almost all of them, so the path is built only when asked for, from the walk's own
 * stack; it is valid only during that visit.
 */
export interface SpecCursor {
  path(): SpecPath;
}

/** A mapping or a list being walked, and the next of its entries. */
interface Frame {
  container: Record<string, unknown> | readonly unknown[];
  /** A mapping's keys; undefined for a list. */
  keys: string[] | undefined;
  next: number;
}

/**
 * Every string value and mapping key under `root`, in document order (a key, then its value). A
 * key's path is the path of its value. Walked with an explicit stack, so no nesting depth can
 * exhaust the call stack, and with one frame per mapping or list, not an object per string.
 */
export function forEachSpecString(root: unknown, visit: (text: string, isKey: boolean, at: SpecCursor) => void): void {
  const trail: (string | number)[] = [];
  const cursor: SpecCursor = { path: () => trail.slice() };
  const frames: Frame[] = [];
  /** A string is visited where it is; a collection becomes the frame walked next. Whether it was one. */
  const enter = (value: unknown): boolean => {
    if (typeof value === 'string') {
      visit(value, false, cursor);
      return false;
    }
    if (Array.isArray(value)) frames.push({ container: value, keys: undefined, next: 0 });
    else if (value !== null && typeof value === 'object')
      frames.push({ container: value as Record<string, unknown>, keys: Object.keys(value), next: 0 });
    else return false;
    return true;
  };
  enter(root);
  const rootFrames = frames.length;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const { keys } = frame;
    if (frame.next >= (keys === undefined ? (frame.container as readonly unknown[]).length : keys.length)) {
      frames.pop();
      // Every frame but the root's was entered under a key of its parent's.
      if (frames.length >= rootFrames) trail.pop();
      continue;
    }
    const position = frame.next++;
    const key = keys === undefined ? position : keys[position]!;
    trail.push(key);
    if (keys !== undefined) visit(key as string, true, cursor);
    const child =
      keys === undefined ? (frame.container as readonly unknown[])[position] : (frame.container as Record<string, unknown>)[key];
    if (!enter(child)) trail.pop();
  }
}
