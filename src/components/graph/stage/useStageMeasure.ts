import { useEffect, useMemo, useState } from 'react';
import { loadStageFont, STAGE_FONT, STAGE_WEIGHT } from './font';
import { monoMeasure, type TextMeasure } from './scene';

/**
 * Measures text as the page draws it: with a canvas in the drawing's font once it has loaded
 * (the returned function changes then, so the layout is redone), and by the font's metrics
 * before that. `ready` says whether the font has loaded.
 */
export function useStageMeasure(): { measure: TextMeasure; ready: boolean } {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void loadStageFont().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  const measure = useMemo((): TextMeasure => {
    if (!ready) return monoMeasure;
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return monoMeasure;
    const cache = new Map<string, number>();
    return (text, size) => {
      const k = `${size}|${text}`;
      let w = cache.get(k);
      if (w === undefined) {
        ctx.font = `${STAGE_WEIGHT} ${size}px ${STAGE_FONT}`;
        w = ctx.measureText(text).width;
        cache.set(k, w);
      }
      return w;
    };
  }, [ready]);
  return { measure, ready };
}
