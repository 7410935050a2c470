import { memo, useEffect, useRef } from 'react';
import { PIXELS } from '../../constants';

/** A 28 × 28 digit, ink dark on white; `max` is what full ink is (255 for bytes, 1 for floats). */
export const DigitCanvas = memo(function DigitCanvas({
  pixels,
  max = 255,
  className,
}: {
  pixels: ArrayLike<number>;
  max?: number;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < PIXELS; i++) {
      const v = 255 - Math.round((pixels[i] / max) * 255);
      img.data[i * 4] = v;
      img.data[i * 4 + 1] = v;
      img.data[i * 4 + 2] = v;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, max]);
  return <canvas ref={ref} width={28} height={28} className={className} aria-hidden="true" />;
});
