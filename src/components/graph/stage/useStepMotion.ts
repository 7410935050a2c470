import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import { easeCubicInOut, select } from 'd3';
import { prefersReducedMotion } from './useZoom';

export interface Flight {
  /** data-id of the edge whose line the token follows. */
  edge: string;
  /** Along the edge (forward) or back against it (backward). */
  backward: boolean;
  text: string;
}

export const FLIGHT_MS = 500;

/**
 * Motion that explains a step: the value a forward step computed travels along its edge into
 * the next node; the gradients a backward step sends travel back out of the node along its
 * input edges. Half a second, only when a step was taken one forward, and never under
 * prefers-reduced-motion. The tokens are transient: d3 adds them to a layer React leaves empty.
 */
export function useStepMotion(
  layer: RefObject<SVGGElement | null>,
  step: number,
  flights: () => Flight[],
  geometryKey: unknown,
): void {
  const prev = useRef(step);
  const prevGeometry = useRef(geometryKey);
  const currentFlights = useEffectEvent(flights);
  useEffect(() => {
    const g = layer.current;
    const from = prev.current;
    const sameDrawing = prevGeometry.current === geometryKey;
    prev.current = step;
    prevGeometry.current = geometryKey;
    if (!g) return;
    const sel = select(g);
    sel.selectAll('*').interrupt().remove();
    if (step !== from + 1 || !sameDrawing || prefersReducedMotion()) return;
    const svg = g.ownerSVGElement;
    for (const f of currentFlights()) {
      const path = svg?.querySelector<SVGPathElement>(`[data-id="${CSS.escape(f.edge)}"] .edge-line`);
      if (!path) continue;
      const len = path.getTotalLength();
      const token = sel
        .append('g')
        .attr('class', `token ${f.backward ? 'backward' : 'forward'}`)
        .attr('aria-hidden', 'true');
      token.append('circle').attr('r', 7);
      if (f.text)
        token.append('text').attr('class', 'token-text').attr('y', -11).attr('text-anchor', 'middle').text(f.text);
      const at = (t: number) => {
        const p = path.getPointAtLength((f.backward ? 1 - t : t) * len);
        return `translate(${p.x},${p.y})`;
      };
      token
        .attr('transform', at(0))
        .transition()
        .duration(FLIGHT_MS)
        .ease(easeCubicInOut)
        .attrTween('transform', () => at)
        .remove();
    }
  }, [layer, step, geometryKey]);
}
