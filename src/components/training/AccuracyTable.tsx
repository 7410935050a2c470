import type { EvalRow } from '../../net/trainer';
import { useT } from '../common/useT';

export function AccuracyTable({ rows }: { rows: EvalRow[] }) {
  const t = useT();
  return (
    <div className="acc-table-wrap">
      <table aria-label={t('acc.table')} className="acc-table">
        <thead>
          <tr>
            <th scope="col">{t('acc.epoch')}</th>
            <th scope="col">{t('acc.train')}</th>
            <th scope="col">{t('acc.test')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.iter}>
              <th scope="row">{r.final ? t('acc.final', { epoch: Number(r.epoch.toFixed(2)) }) : r.epoch}</th>
              <td className="num">{r.train.toFixed(4)}</td>
              <td className="num">{r.test.toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
