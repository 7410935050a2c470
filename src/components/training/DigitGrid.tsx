import { memo, useMemo } from 'react';
import { DigitCanvas } from '../common/DigitCanvas';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { PIXELS } from '../../constants';

/** The first test digits with the net's prediction after the latest evaluation; mistakes marked. */
export const DigitGrid = memo(function DigitGrid() {
  const t = useT();
  const images = useAppStore((s) => s.sampleImages);
  const labels = useAppStore((s) => s.sampleLabels);
  const preds = useAppStore((s) => s.predictions);
  // One view per digit, made once, so each canvas is painted once and not on every re-render.
  const views = useMemo(
    () => (images && labels ? Array.from(labels, (_, i) => images.subarray(i * PIXELS, (i + 1) * PIXELS)) : []),
    [images, labels],
  );
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
            <li
              key={i}
              className={wrong ? 'wrong' : pred !== null ? 'right' : ''}
              aria-label={
                pred === null
                  ? `${label}`
                  : `${t('digits.label', { label, pred })}${wrong ? ` (${t('digits.wrong')})` : ''}`
              }
            >
              <DigitCanvas pixels={views[i]} />
              <span aria-hidden="true">{pred === null ? '·' : wrong ? `✗ ${pred}` : `${pred}`}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
