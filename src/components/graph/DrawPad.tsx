import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';

const SIZE = 28;

/**
 * A 28 × 28 pad to draw a digit with the mouse, a pen or a finger; the drawing is traced
 * through the net in place of a test image. A soft round brush, like MNIST's anti-aliased strokes.
 */
export function DrawPad() {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useAppStore((s) => s.traceDrawing);
  const label = useAppStore((s) => s.traceLabel);
  const setDrawing = useAppStore((s) => s.setTraceDrawing);
  const setLabel = useAppStore((s) => s.setTraceLabel);
  const down = useRef(false);
  const buf = useRef<Float64Array>(new Float64Array(SIZE * SIZE));

  useEffect(() => {
    buf.current = drawing ? Float64Array.from(drawing) : new Float64Array(SIZE * SIZE);
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(SIZE, SIZE);
    for (let i = 0; i < SIZE * SIZE; i++) {
      const v = 255 - Math.round(buf.current[i] * 255);
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [drawing]);

  const paint = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const cx = ((e.clientX - r.left) / r.width) * SIZE;
    const cy = ((e.clientY - r.top) / r.height) * SIZE;
    const b = buf.current;
    for (let y = Math.floor(cy - 2); y <= cy + 2; y++) {
      for (let x = Math.floor(cx - 2); x <= cx + 2; x++) {
        if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) continue;
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const ink = Math.max(0, 1 - Math.max(0, d - 0.6) / 1.3);
        b[y * SIZE + x] = Math.min(1, b[y * SIZE + x] + ink);
      }
    }
    setDrawing(Float64Array.from(b));
  };

  return (
    <div className="drawpad">
      <canvas
        ref={ref}
        width={SIZE}
        height={SIZE}
        role="img"
        aria-label={t('tln.drawPad')}
        onPointerDown={(e) => {
          down.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          paint(e);
        }}
        onPointerMove={(e) => down.current && paint(e)}
        onPointerUp={() => (down.current = false)}
      />
      <div className="drawpad-controls">
        <p className="hint">{t('tln.drawHint')}</p>
        <label>
          {t('tln.drawLabel')}{' '}
          <select value={label} onChange={(e) => setLabel(Number(e.target.value))}>
            {Array.from({ length: 10 }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setDrawing(null)} disabled={!drawing}>
          {t('tln.clear')}
        </button>
      </div>
    </div>
  );
}
