import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { VIEWS } from '../../store/uiSlice';
import { showView, VIEW_ANCHOR } from './ViewNav';

/**
 * Keeps the view in the URL and the page in step: a link with `view=training` opens at the
 * trainer, and the view follows the learner's scrolling (the one whose section holds the upper
 * part of the window).
 */
export function useViewScroll(): void {
  useEffect(() => {
    const first = useAppStore.getState().view;
    if (first !== 'graph') requestAnimationFrame(() => showView(first, 'auto'));
    if (typeof IntersectionObserver === 'undefined') return;
    const seen = new Map<string, boolean>();
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) seen.set(e.target.id, e.isIntersecting);
        // The last view whose section crosses the band near the top of the window.
        const inBand = VIEWS.filter((v) => seen.get(VIEW_ANCHOR[v]));
        const v = inBand.at(-1);
        if (v && v !== useAppStore.getState().view) useAppStore.getState().setView(v);
      },
      { rootMargin: '-30% 0px -65% 0px' },
    );
    for (const v of VIEWS) {
      const el = document.getElementById(VIEW_ANCHOR[v]);
      if (el) io.observe(el);
    }
    return () => io.disconnect();
  }, []);
}
