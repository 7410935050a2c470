import { memo, useEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';

const Digit = memo(function Digit({ pixels }: { pixels: Uint8Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = 255 - pixels[i];
      img.data[i * 4] = v;
      img.data[i * 4 + 1] = v;
      img.data[i * 4 + 2] = v;
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} aria-hidden="true" />;
});

/** The first test digits with the net's prediction after the latest evaluation; mistakes marked. */
export const DigitGrid = memo(function DigitGrid() {
  const t = useT();
  const images = useAppStore((s) => s.sampleImages);
  const labels = useAppStore((s) => s.sampleLabels);
  const preds = useAppStore((s) => s.predictions);
  // One view per digit, made once, so each canvas is painted once and not on every re-render.
  const views = useMemo(() => (images && labels ? Array.from(labels, (_, i) => images.subarray(i * 784, (i + 1) * 784)) : []), [images, labels]);
  if (!images || !labels) return null;
  return (
    <section className="digits" aria-label={t('digits.region')}>
      <h3>{t('digits.title')}</h3>
      {!preds && <p className="hint">{t('digits.none')}</p>}
      <ul>
        {Array.from(labels, (label, i) => {
          const pred = preds ? preds[i] : null;
          const wrong = pred !== null && pred !== label;
          return (
            <li key={i} className={wrong ? 'wrong' : pred !== null ? 'right' : ''} aria-label={pred === null ? `${label}` : `${t('digits.label', { label, pred })}${wrong ? ` (${t('digits.wrong')})` : ''}`}>
              <Digit pixels={views[i]} />
              <span aria-hidden="true">{pred === null ? '·' : wrong ? `✗ ${pred}` : `${pred}`}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
