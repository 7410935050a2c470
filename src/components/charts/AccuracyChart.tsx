import { line, scaleLinear } from 'd3';
import type { EvalRow } from '../../net/trainer';
import { useT } from '../common/useT';
import { Axes, CHART } from './Axes';

const { W, H, M } = CHART;

/** Train and test accuracy per epoch: circles for train, squares for test, so colour is not needed. */
export function AccuracyChart({ rows, maxEpoch }: { rows: EvalRow[]; maxEpoch: number }) {
  const t = useT();
  const x = scaleLinear()
    .domain([0, Math.max(1, maxEpoch, ...rows.map((r) => r.epoch))])
    .range([M.left, W - M.right]);
  const lo = rows.length ? Math.min(...rows.flatMap((r) => [r.train, r.test])) : 0;
  const y = scaleLinear()
    .domain([Math.max(0, Math.min(0.8, Math.floor(lo * 10) / 10)), 1])
    .range([H - M.bottom, M.top]);
  const path = (k: 'train' | 'test') =>
    line<EvalRow>()
      .x((r) => x(r.epoch))
      .y((r) => y(r[k]))(rows) ?? '';
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('chart.accuracy')}>
        <Axes
          x={x}
          y={y}
          xTicks={Math.min(10, Math.max(1, Math.ceil(x.domain()[1])))}
          yFormat={(v) => v.toFixed(2)}
          xTitle={t('chart.epoch')}
          yTitle={t('chart.accAxis')}
        />
        <path d={path('train')} className="acc-train" />
        <path d={path('test')} className="acc-test" />
        {rows.map((r) => (
          <g key={r.iter}>
            <circle cx={x(r.epoch)} cy={y(r.train)} r={3.5} className="acc-train-pt">
              <title>{`${t('chart.train')} ${r.train.toFixed(4)}`}</title>
            </circle>
            <rect x={x(r.epoch) - 3.5} y={y(r.test) - 3.5} width={7} height={7} className="acc-test-pt">
              <title>{`${t('chart.test')} ${r.test.toFixed(4)}`}</title>
            </rect>
          </g>
        ))}
        {rows.length === 0 && (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="empty">
            {t('chart.empty')}
          </text>
        )}
      </svg>
      <figcaption className="chart-legend">
        <span className="key acc-train-key" aria-hidden="true">
          ●
        </span>{' '}
        {t('chart.train')}{' '}
        <span className="key acc-test-key" aria-hidden="true">
          ■
        </span>{' '}
        {t('chart.test')}
      </figcaption>
    </figure>
  );
}
