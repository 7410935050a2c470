import { useMemo, type RefObject } from 'react';
import { prepareOf, type DrawnGraph } from './model';
import { arrangeScene } from './stage/arrange';
import { rowBreaks, type Scene } from './stage/scene';
import { useElementSize } from './stage/useElementSize';
import { useStageMeasure } from './stage/useStageMeasure';
import { useViewportHeight } from './stage/useViewportHeight';
import { chooseView, fitScale, MARGIN, type ViewChoice } from './stage/view';

/**
 * How much of the window's height the drawing may take: on a desktop half, so the step, its
 * description and the book's code stay on the same screen; on a phone a little more, with the
 * transport bar held at the bottom of the window.
 */
const heightShare = (width: number) => (width < 600 ? 0.54 : 0.5);
/** Rows may be wrapped wider than the box and drawn smaller, when that shows more at load (a phone). */
const WRAP_SCALES = [1, 0.8, 0.65];

export interface GraphScene {
  scene: Scene;
  view: ViewChoice;
  /** The box's size the drawing fills. */
  box: { width: number; height: number };
  /** The drawing's font has loaded (the layout measured with it). */
  ready: boolean;
}

/**
 * Lays the drawing out for the box it fills: left to right when that fits at the body text's
 * size; else wrapped into rows (as wide as the box, or wider and drawn smaller) or top to bottom
 * (a phone held upright), whichever shows most. Only then are those computed.
 */
export function useGraphScene(
  drawn: DrawnGraph,
  boxRef: RefObject<HTMLDivElement | null>,
  presenting: boolean,
): GraphScene {
  const { measure, ready } = useStageMeasure();
  const prepLR = useMemo(() => prepareOf(drawn, 'LR', measure), [drawn, measure]);
  const sceneLR = useMemo(() => arrangeScene(prepLR), [prepLR]);
  const box = useElementSize(boxRef);
  const vh = useViewportHeight();
  const maxHeight = Math.max(240, vh * heightShare(box.width));
  const fixedHeight = presenting ? Math.max(200, box.height) : undefined;
  const tight = box.width > 0 && fitScale(sceneLR.width, sceneLR.height, box.width, fixedHeight ?? maxHeight) < 1;
  // Worked out once per drawing and width, not at every step.
  const breakKey = useMemo(
    () =>
      tight
        ? [...new Set(WRAP_SCALES.map((k) => rowBreaks(prepLR, (box.width - 2 * MARGIN) / k).join(',')))]
            .filter((b) => b !== '')
            .join('|')
        : '',
    [tight, prepLR, box.width],
  );
  const wrapped = useMemo(
    () => (breakKey ? breakKey.split('|').map((b) => arrangeScene(prepLR, b.split(',').map(Number))) : []),
    [prepLR, breakKey],
  );
  const sceneTB = useMemo(
    () => (tight ? arrangeScene(prepareOf(drawn, 'TB', measure)) : null),
    [tight, drawn, measure],
  );
  const candidates = useMemo(
    () => [sceneLR, ...wrapped, sceneTB].filter((c): c is Scene => c !== null),
    [sceneLR, wrapped, sceneTB],
  );
  const view = useMemo(
    () =>
      chooseView(candidates, box.width, maxHeight, {
        fixedHeight,
        maxGrow: fixedHeight === undefined ? undefined : 4,
      }),
    [candidates, box.width, maxHeight, fixedHeight],
  );
  return { scene: candidates[view.index], view, box, ready };
}
