import type { Orientation } from './geometry';

/** The room around the drawing inside its box. */
export const MARGIN = 10;
/** Small graphs grow up to this scale: text twice the body size. */
export const MAX_GROW = 2;

export interface ViewChoice {
  orientation: Orientation;
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
 * `fixedHeight`, when presenting): left to right as the book does, unless top to bottom lets a
 * drawing that does not fit be read larger (a phone held upright). The drawing grows to the space
 * up to MAX_GROW; when it cannot fit at scale 1 it starts at scale 1 at its beginning (inputs),
 * and the view pans and zooms.
 */
export function chooseView(
  size: (o: Orientation) => { width: number; height: number },
  width: number,
  maxHeight: number,
  opts: { fixedHeight?: number; maxGrow?: number } = {},
): ViewChoice {
  const boxH = opts.fixedHeight ?? maxHeight;
  const grow = opts.maxGrow ?? MAX_GROW;
  const lr = size('LR');
  const fitLR = fitScale(lr.width, lr.height, width, boxH);
  let orientation: Orientation = 'LR';
  let s = lr;
  let fit = fitLR;
  if (fitLR < 1) {
    const tb = size('TB');
    const fitTB = fitScale(tb.width, tb.height, width, boxH);
    if (fitTB > fitLR * 1.15) {
      orientation = 'TB';
      s = tb;
      fit = fitTB;
    }
  }
  const k = Math.min(grow, Math.max(1, fit));
  const height = opts.fixedHeight ?? Math.min(maxHeight, Math.ceil(s.height * k + 2 * MARGIN));
  const w = s.width * k;
  const h = s.height * k;
  // Centred where it fits; otherwise from its start (left, or top), where the graph begins.
  const x = w <= width - 2 * MARGIN ? (width - w) / 2 : MARGIN;
  const y = h <= height - 2 * MARGIN ? (height - h) / 2 : MARGIN;
  return { orientation, height, k, fitK: Math.min(grow, fitScale(s.width, s.height, width, height)), x, y };
}
