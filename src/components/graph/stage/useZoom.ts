import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Box } from './geometry';
import { MARGIN, type ViewChoice } from './view';

export interface ZoomApi {
  zoomIn(): void;
  zoomOut(): void;
  /** The whole drawing in view. */
  fit(animate?: boolean): void;
  /** Moves the view (screen pixels). */
  panBy(dx: number, dy: number): void;
  /** Brings a box of the drawing into view if it is not, keeping the scale. */
  reveal(box: Box): void;
}

export const prefersReducedMotion = (): boolean =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

type Zoomer = ZoomBehavior<SVGSVGElement, unknown>;

const duration = (ms: number) => (prefersReducedMotion() ? 0 : ms);

/**
 * d3-zoom on the drawing: drag to pan, Ctrl + wheel (or a trackpad pinch) and two-finger pinch
 * to zoom; a plain wheel and a one-finger swipe still scroll the page, except when presenting,
 * where the drawing has the whole screen. React draws the content; d3 only sets the transform
 * of the group that holds it.
 */
export function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  gRef: RefObject<SVGGElement | null>,
  p: { view: ViewChoice; content: { width: number; height: number }; width: number; presenting: boolean },
): ZoomApi {
  const zoomRef = useRef<Zoomer | null>(null);
  const presenting = useRef(p.presenting);
  useLayoutEffect(() => {
    presenting.current = p.presenting;
  }, [p.presenting]);
  const fitRef = useRef<ZoomTransform>(zoomIdentity);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    return attachZoom(svg, gRef, presenting, zoomRef);
  }, [svgRef, gRef]);

  const { view, content, width } = p;
  // A new drawing, a new box or a new orientation: start from the view chosen for it.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const z = zoomRef.current;
    if (!svg || !z) return;
    const pad = MARGIN * 2;
    z.scaleExtent([Math.min(view.fitK, 1) * 0.8, Math.max(4, view.k * 2.5)]).translateExtent([
      [-pad, -pad],
      [content.width + pad, content.height + pad],
    ]);
    const fk = view.fitK;
    fitRef.current = zoomIdentity
      .translate((width - content.width * fk) / 2, (view.height - content.height * fk) / 2)
      .scale(fk);
    const sel = select(svg);
    sel.interrupt();
    sel.call(z.transform, zoomIdentity.translate(view.x, view.y).scale(view.k));
  }, [svgRef, view, content.width, content.height, width]);

  const withZoom = useCallback(
    (f: (z: Zoomer, svg: SVGSVGElement) => void) => {
      const svg = svgRef.current;
      const z = zoomRef.current;
      if (svg && z) f(z, svg);
    },
    [svgRef],
  );

  return useMemo(
    (): ZoomApi => ({
      zoomIn: () =>
        withZoom((z, svg) => {
          select(svg).transition().duration(duration(220)).call(z.scaleBy, 1.3);
        }),
      zoomOut: () =>
        withZoom((z, svg) => {
          select(svg)
            .transition()
            .duration(duration(220))
            .call(z.scaleBy, 1 / 1.3);
        }),
      fit: (animate = true) =>
        withZoom((z, svg) => {
          const sel = select(svg);
          if (animate && duration(300) > 0) sel.transition().duration(300).call(z.transform, fitRef.current);
          else sel.interrupt().call(z.transform, fitRef.current);
        }),
      panBy: (dx, dy) =>
        withZoom((z, svg) => {
          const k = (svg as SVGSVGElement & { __zoom?: ZoomTransform }).__zoom?.k ?? 1;
          select(svg)
            .transition()
            .duration(duration(150))
            .call(z.translateBy, dx / k, dy / k);
        }),
      reveal: (b) =>
        withZoom((z, svg) => {
          const t = (svg as SVGSVGElement & { __zoom?: ZoomTransform }).__zoom ?? zoomIdentity;
          const vb = svg.viewBox.baseVal;
          const W = vb.width || svg.clientWidth;
          const H = vb.height || svg.clientHeight;
          const [x0, y0] = t.apply([b.x0, b.y0]);
          const [x1, y1] = t.apply([b.x1, b.y1]);
          const m = 12;
          const shift = (lo: number, hi: number, size: number) =>
            hi - lo > size - 2 * m ? size / 2 - (lo + hi) / 2 : lo < m ? m - lo : hi > size - m ? size - m - hi : 0;
          const dx = shift(x0, x1, W);
          const dy = shift(y0, y1, H);
          if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return;
          select(svg)
            .transition()
            .duration(duration(350))
            .call(z.translateBy, dx / t.k, dy / t.k);
        }),
    }),
    [withZoom],
  );
}

/**
 * Puts d3-zoom on the drawing and keeps one-finger touches for the page (except when presenting).
 * Returns what undoes it.
 */
function attachZoom(
  svg: SVGSVGElement,
  gRef: RefObject<SVGGElement | null>,
  presenting: RefObject<boolean>,
  zoomRef: RefObject<Zoomer | null>,
): () => void {
  const z = zoom<SVGSVGElement, unknown>()
    .filter((event: Event) => {
      if (event.type === 'wheel') return presenting.current || (event as WheelEvent).ctrlKey;
      if (event.type === 'mousedown') return (event as MouseEvent).button === 0;
      if (event.type.startsWith('touch')) return presenting.current || (event as TouchEvent).touches.length >= 2;
      return true;
    })
    .on('zoom', (ev: { transform: ZoomTransform }) => {
      gRef.current?.setAttribute('transform', ev.transform.toString());
    });
  const sel = select(svg);
  sel.call(z).on('dblclick.zoom', null);
  zoomRef.current = z;
  // One finger moves the page, not the drawing (except when presenting): keep those touches from d3.
  const box = svg.parentElement;
  const keepFromD3 = (e: TouchEvent) => {
    if (!presenting.current && e.touches.length < 2) e.stopPropagation();
  };
  box?.addEventListener('touchstart', keepFromD3, { capture: true, passive: true });
  box?.addEventListener('touchmove', keepFromD3, { capture: true, passive: true });
  return () => {
    sel.on('.zoom', null);
    box?.removeEventListener('touchstart', keepFromD3, { capture: true });
    box?.removeEventListener('touchmove', keepFromD3, { capture: true });
    zoomRef.current = null;
  };
}
