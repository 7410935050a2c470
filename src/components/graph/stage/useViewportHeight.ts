import { useEffect, useState } from 'react';

/**
 * The window's inner height, kept current. While the width stays the same it only grows: a
 * phone's address bar that hides and shows as the page scrolls must not re-lay out the drawing
 * (and throw away the learner's zoom).
 */
export function useViewportHeight(): number {
  const [size, setSize] = useState(() =>
    typeof window === 'undefined' ? { w: 0, h: 800 } : { w: window.innerWidth, h: window.innerHeight },
  );
  useEffect(() => {
    const on = () =>
      setSize((s) => {
        const w = window.innerWidth;
        const h = window.innerHeight;
        if (w === s.w) return h > s.h ? { w, h } : s;
        return { w, h };
      });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size.h;
}
