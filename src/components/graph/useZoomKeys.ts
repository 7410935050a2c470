import { useEffect } from 'react';
import { typingIn } from './stage/Stage';
import type { ZoomApi } from './stage/useZoom';

const PAN: Record<string, [number, number]> = {
  ArrowLeft: [80, 0],
  ArrowRight: [-80, 0],
  ArrowUp: [0, 80],
  ArrowDown: [0, -80],
};

/** Zoom keys: + − 0, and Shift + arrows to pan (the plain arrows step the graph); printing shows the whole drawing. */
export function useZoomKeys(zoom: ZoomApi): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      if (e.shiftKey && PAN[e.key]) {
        e.preventDefault();
        e.stopPropagation();
        zoom.panBy(...PAN[e.key]);
      } else if (e.key === '+' || e.key === '=') zoom.zoomIn();
      else if (e.key === '-' || e.key === '_') zoom.zoomOut();
      else if (e.key === '0') zoom.fit();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [zoom]);

  useEffect(() => {
    const before = () => zoom.fit(false);
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [zoom]);
}
