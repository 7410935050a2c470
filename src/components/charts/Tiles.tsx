import { useEffect, useRef } from 'react';
import { IMAGE_SIDE, PIXELS } from '../../constants';

/**
 * Columns of a (784 × k) matrix as k tiles of 28 × 28, or one (rows × cols) heat map, on a
 * canvas: blue for positive, orange for negative, each tile scaled to its own largest value.
 */
export function Tiles({
  data,
  rows,
  cols,
  mode,
  label,
  perRow = 10,
}: {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  mode: 'tiles' | 'heat';
  label: string;
  perRow?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const tilesAcross = mode === 'tiles' ? Math.min(perRow, cols) : 1;
  const tilesDown = mode === 'tiles' ? Math.ceil(cols / perRow) : 1;
  const w = mode === 'tiles' ? tilesAcross * 29 - 1 : cols;
  const h = mode === 'tiles' ? tilesDown * 29 - 1 : rows;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    img.data.fill(255);
    const put = (px: number, py: number, v: number, scale: number) => {
      const s = Math.max(-1, Math.min(1, v / scale));
      const o = (py * w + px) * 4;
      // white → blue (#1d4ed8) for positive, white → orange (#b45309) for negative
      const [r, g, b] = s >= 0 ? [29, 78, 216] : [180, 83, 9];
      const a = Math.abs(s);
      img.data[o] = 255 + (r - 255) * a;
      img.data[o + 1] = 255 + (g - 255) * a;
      img.data[o + 2] = 255 + (b - 255) * a;
      img.data[o + 3] = 255;
    };
    if (mode === 'tiles') {
      for (let c = 0; c < cols; c++) {
        let m = 1e-12;
        for (let p = 0; p < PIXELS; p++) m = Math.max(m, Math.abs(data[p * cols + c]));
        const ox = (c % perRow) * 29,
          oy = Math.floor(c / perRow) * 29;
        for (let p = 0; p < PIXELS; p++)
          put(ox + (p % IMAGE_SIDE), oy + Math.floor(p / IMAGE_SIDE), data[p * cols + c], m);
      }
    } else {
      let m = 1e-12;
      for (let i = 0; i < rows * cols; i++) m = Math.max(m, Math.abs(data[i]));
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) put(c, r, data[r * cols + c], m);
    }
    ctx.putImageData(img, 0, 0);
  }, [data, rows, cols, mode, w, h, perRow]);
  return <canvas ref={ref} width={w} height={h} className={`tiles ${mode}`} role="img" aria-label={label} />;
}
