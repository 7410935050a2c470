import { useState, type RefObject } from 'react';
import { saveFile, standaloneSvg, svgToPng } from './stage/exportSvg';

export interface GraphExport {
  download: (kind: 'svg' | 'png') => Promise<void>;
  busy: boolean;
  /** The last download failed: the browser's own words, for the console and a tooltip only. */
  failure: string | null;
}

/**
 * Downloads the drawing as it is now, as SVG or PNG, with its caption. `scale`: the drawing's
 * zoom on screen, so a PNG is at least as sharp as what the learner sees.
 */
export function useGraphExport(
  gRef: RefObject<SVGGElement | null>,
  p: { size: { width: number; height: number }; caption: string; file: string; scale: number },
): GraphExport {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async (kind: 'svg' | 'png') => {
    const g = gRef.current;
    if (!g) return;
    setBusy(true);
    setFailure(null);
    try {
      const svg = await standaloneSvg({ content: g, width: p.size.width, height: p.size.height, caption: p.caption });
      const file = `${p.file}.${kind}`;
      if (kind === 'svg') saveFile(new Blob([svg.text], { type: 'image/svg+xml' }), file);
      else {
        // At least as sharp as on screen, twice the drawing's size or more, within what a canvas holds.
        const onScreen = p.scale * (window.devicePixelRatio || 1);
        const scale = Math.min(Math.max(2, onScreen), 8192 / Math.max(svg.width, svg.height));
        saveFile(await svgToPng(svg, scale), file);
      }
    } catch (err) {
      console.error('The drawing could not be downloaded:', err);
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { download, busy, failure };
}
