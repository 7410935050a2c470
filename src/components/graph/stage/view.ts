/** The room around the drawing inside its box. */
export const MARGIN = 10;
/** Small graphs grow up to this scale: text twice the body size. */
export const MAX_GROW = 2;

export interface ViewChoice {
  /** Height of the drawing's box in CSS pixels. */
  height: number;
  /** The starting scale: never below 1 (text as large as the body text) unless the whole box is smaller. */
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
 * at scale 1 (text as large as the body text) wins and grows to the space, up to `maxGrow`; when
 * none fits, the one that fits best starts at scale 1 at its beginning (the inputs), and the view
 * pans and zooms.
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
      if (f > fits[index] * 1.15) index = i;
    });
  }
  const s = candidates[index];
  const fit = fits[index];
  const k = Math.min(grow, Math.max(1, fit));
  const height = opts.fixedHeight ?? Math.min(maxHeight, Math.ceil(s.height * k + 2 * MARGIN));
  const w = s.width * k;
  const h = s.height * k;
  // Centred where it fits; otherwise from its start (left, or top), where the graph begins.
  const x = w <= width - 2 * MARGIN ? (width - w) / 2 : MARGIN;
  const y = h <= height - 2 * MARGIN ? (height - h) / 2 : MARGIN;
  return { index, height, k, fitK: Math.min(grow, fitScale(s.width, s.height, width, height)), x, y };
}
