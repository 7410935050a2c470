/** The room around the drawing inside its box. */
export const MARGIN = 10;
/**
 * The one text size of every graph: scale 1, where the drawing's text is as large as the page's
 * body text. Graphs do not grow past it (a small graph is not drawn larger than a big one); only
 * presenting, for the back of a room, grows the drawing to its screen.
 */
export const MAX_GROW = 1;

export interface ViewChoice {
  /** Height of the drawing's box in CSS pixels. */
  height: number;
  /** The starting scale: 1 (text as large as the body text) where the drawing fits, else the scale at which all of it fits. */
  k: number;
  /** The scale at which the whole drawing fits the box. */
  fitK: number;
  /** The starting translation (CSS pixels). */
  x: number;
  y: number;
}

export const fitScale = (w: number, h: number, boxW: number, boxH: number): number =>
  Math.min((boxW - 2 * MARGIN) / Math.max(1, w), (boxH - 2 * MARGIN) / Math.max(1, h));

/**
 * How to show a drawing in a box `width` wide with at most `maxHeight` of height (or exactly
 * `fixedHeight`, when presenting), given the ways it can be laid out, in order of preference
 * (left to right as the book does; the same wrapped into rows; top to bottom). The first that fits
 * at scale 1 (text as large as the body text) wins and is drawn at that one size, centred (presenting
 * grows it up to `maxGrow`); when none fits, the one that fits best is shrunk until all of it is in
 * view, and the learner zooms in from there.
 */
export function chooseView(
  candidates: readonly { width: number; height: number }[],
  width: number,
  maxHeight: number,
  opts: { fixedHeight?: number; maxGrow?: number } = {},
): ViewChoice & { index: number } {
  const boxH = opts.fixedHeight ?? maxHeight;
  const grow = opts.maxGrow ?? MAX_GROW;
  const fits = candidates.map((c) => fitScale(c.width, c.height, width, boxH));
  let index = fits.findIndex((f) => f >= 1);
  if (index < 0) {
    index = 0;
    fits.forEach((f, i) => {
      // Between layouts that all need shrinking, the one drawn largest (on a tie, the earlier).
      if (f > fits[index]) index = i;
    });
  }
  const s = candidates[index];
  const fit = fits[index];
  const k = Math.min(grow, fit);
  const height = opts.fixedHeight ?? Math.min(maxHeight, Math.ceil(s.height * k + 2 * MARGIN));
  const w = s.width * k;
  const h = s.height * k;
  // Centred (it always fits now; the guard keeps a box smaller than its margins sane).
  const x = w <= width - 2 * MARGIN ? (width - w) / 2 : MARGIN;
  const y = h <= height - 2 * MARGIN ? (height - h) / 2 : MARGIN;
  return { index, height, k, fitK: Math.min(grow, fitScale(s.width, s.height, width, height)), x, y };
}
