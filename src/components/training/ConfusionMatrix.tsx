import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CLASSES } from '../../constants';
import { useAppStore } from '../../store';
import { formatCount } from '../common/formatWhen';
import { useT } from '../common/useT';
import { MistakeViewer } from './MistakeViewer';

/** Light ends of the ramps, so the dark counts stay readable on every cell (blue and orange, as the graphs use). */
const RIGHT = [147, 197, 253]; // #93c5fd
const WRONG = [253, 186, 116]; // #fdba74

/**
 * A cell's colour: the diagonal blue, the mistakes orange, each as strong as its share of
 * the row (the mistakes by the square root, so that a handful still shows).
 */
function heat(count: number, rowTotal: number, diagonal: boolean): { background: string } {
  const share = rowTotal > 0 ? count / rowTotal : 0;
  const a = diagonal ? share : Math.min(1, Math.sqrt(share) * 2);
  const to = diagonal ? RIGHT : WRONG;
  const [r, g, b] = to.map((c) => Math.round(255 + (c - 255) * a));
  return { background: `rgb(${r}, ${g}, ${b})` };
}

/** True label by row, prediction by column, over every test image; click a count to see those images. */
export const ConfusionMatrix = memo(function ConfusionMatrix() {
  const t = useT();
  const s = useAppStore(useShallow((x) => ({ lang: x.lang, m: x.confusion })));
  const [cell, setCell] = useState<{ truth: number; pred: number } | null>(null);
  const m = s.m;
  if (!m) {
    return (
      <section className="confusion" aria-label={t('cm.title')}>
        <h3>{t('cm.title')}</h3>
        <p className="hint">{t('cm.none')}</p>
      </section>
    );
  }
  const rows = Array.from({ length: CLASSES }, (_, r) => Array.from(m.subarray(r * CLASSES, (r + 1) * CLASSES)));
  const total = rows.flat().reduce((a, b) => a + b, 0);
  const right = rows.reduce((a, row, r) => a + row[r], 0);
  return (
    <section className="confusion" aria-label={t('cm.title')}>
      <h3>{t('cm.title')}</h3>
      <p className="hint" id="cm-caption">
        {t('cm.caption', {
          count: formatCount(s.lang, total),
          right: formatCount(s.lang, right),
          acc: total ? (right / total).toFixed(4) : '—',
        })}{' '}
        {t('cm.hint')}
      </p>
      <div className="cm-wrap">
        <table className="cm" aria-label={t('cm.table')} aria-describedby="cm-caption">
          <thead>
            <tr>
              <td className="cm-corner">
                <span aria-hidden="true">{t('cm.corner')}</span>
              </td>
              {rows.map((_, c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const rowTotal = row.reduce((a, b) => a + b, 0);
              return (
                <tr key={r}>
                  <th scope="row">{r}</th>
                  {row.map((count, c) => {
                    const selected = cell?.truth === r && cell.pred === c;
                    return (
                      <td key={c} className={r === c ? 'diag' : undefined} style={heat(count, rowTotal, r === c)}>
                        <button
                          type="button"
                          disabled={count === 0}
                          aria-pressed={selected}
                          title={t('cm.cell', { count, truth: r, pred: c })}
                          onClick={() => setCell(selected ? null : { truth: r, pred: c })}
                        >
                          {count}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cell && (
        <MistakeViewer
          key={`${cell.truth}-${cell.pred}`}
          truth={cell.truth}
          pred={cell.pred}
          onClose={() => setCell(null)}
        />
      )}
    </section>
  );
});
