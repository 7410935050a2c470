/** A rectangle in window coordinates. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP = 12;
const EDGE = 8;

const area = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

/** The smallest rectangle holding them all. */
export const union = (rs: readonly Rect[]): Rect | null =>
  rs.length === 0
    ? null
    : {
        left: Math.min(...rs.map((r) => r.left)),
        top: Math.min(...rs.map((r) => r.top)),
        right: Math.max(...rs.map((r) => r.right)),
        bottom: Math.max(...rs.map((r) => r.bottom)),
      };

/**
 * Where the tour's card goes: beside what it talks about (`anchor`), inside the window (`view`,
 * below a header of height `top`), covering as little as it can of what must stay in sight
 * (`keep`: the highlighted parts, the step buttons) and then of what is good to see (`rather`: the
 * drawing), and as near the anchor as that allows. Pure, so it is tested without a page.
 */
export function placeCard(
  card: { width: number; height: number },
  anchor: Rect,
  keep: readonly Rect[],
  view: { width: number; height: number; top: number },
  rather: readonly Rect[] = [],
): { left: number; top: number } {
  const minTop = view.top + EDGE;
  const maxLeft = view.width - EDGE - card.width;
  const maxTop = view.height - EDGE - card.height;
  const xs = [
    anchor.left,
    anchor.right + GAP,
    anchor.left - GAP - card.width,
    (anchor.left + anchor.right - card.width) / 2,
    EDGE,
    maxLeft,
  ];
  const ys = [anchor.bottom + GAP, anchor.top, anchor.top - GAP - card.height, minTop, maxTop];
  const cx = (anchor.left + anchor.right) / 2;
  const cy = (anchor.top + anchor.bottom) / 2;
  let best = { left: Math.max(EDGE, maxLeft), top: Math.max(minTop, maxTop) };
  let bestCost = Infinity;
  for (const x of xs)
    for (const y of ys) {
      const left = clamp(x, EDGE, maxLeft);
      const top = clamp(y, minTop, maxTop);
      const r = { left, top, right: left + card.width, bottom: top + card.height };
      const dx = Math.max(0, anchor.left - r.right, r.left - anchor.right);
      const dy = Math.max(0, anchor.top - r.bottom, r.top - anchor.bottom);
      const cost =
        area(r, anchor) * 8 +
        keep.reduce((sum, k) => sum + area(r, k), 0) * 4 +
        rather.reduce((sum, k) => sum + area(r, k), 0) +
        // Nearer is better: a card 100 px away costs as much as covering a 50 × 50 node of the drawing.
        25 * Math.hypot(dx, dy) +
        0.001 * Math.hypot(left + card.width / 2 - cx, top + card.height / 2 - cy);
      if (cost < bestCost) {
        best = { left, top };
        bestCost = cost;
      }
    }
  return best;
}
