/** A canvas position. docs/cxone.md §1.2: the POST validator wants integer x, y, xws, yws. */
export interface Point {
  x: number;
  y: number;
}

const LEFT = 80;
const TOP = 60;
const COLUMN = 220;
const ROW = 140;

/**
 * Layered, top to bottom: an action's row is its breadth-first depth from BEGIN, its column its
 * position among the actions of that row, in id order. Same input, same canvas.
 */
export function layoutLayers(depths: readonly number[]): Point[] {
  const used = new Map<number, number>();
  return depths.map((depth) => {
    const column = used.get(depth) ?? 0;
    used.set(depth, column + 1);
    return { x: LEFT + column * COLUMN, y: TOP + depth * ROW };
  });
}
