import { extent, line, max, scaleLinear } from 'd3';
import { useMemo, useState } from 'react';
import { formatNumber } from '../../engine';
import { useT } from '../common/useT';
import { Axes, CHART } from './Axes';

const { W, H, M } = CHART;

/** Moving average over the last `n` points, as the smoothed line. */
export function smooth(values: number[], n: number): number[] {
  const out: number[] = new Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= n) sum -= values[i - n];
    out[i] = sum / Math.min(i + 1, n);
  }
  return out;
}

/** The loss at every iteration with a smoothed line; d3 computes scales and paths, React draws. */
export function LossChart({ losses, total }: { losses: number[]; total: number }) {
  const t = useT();
  const [hover, setHover] = useState<number | null>(null);
  const finite = useMemo(() => losses.map((l) => (Number.isFinite(l) ? l : NaN)), [losses]);
  const sm = useMemo(
    () =>
      smooth(
        finite.map((l) => (Number.isNaN(l) ? 0 : l)),
        50,
      ),
    [finite],
  );
  const x = scaleLinear()
    .domain([0, Math.max(total, losses.length, 1)])
    .range([M.left, W - M.right]);
  const top = Math.min(max(finite.filter((l) => !Number.isNaN(l))) ?? 2.5, 10);
  const y = scaleLinear()
    .domain([0, Math.max(top, 0.5)])
    .nice()
    .range([H - M.bottom, M.top]);
  const stride = Math.max(1, Math.floor(losses.length / 1500));
  const pts = useMemo(() => {
    const idx: number[] = [];
    for (let i = 0; i < finite.length; i += stride) idx.push(i);
    return idx;
  }, [finite, stride]);
  const raw =
    line<number>()
      .defined((i) => !Number.isNaN(finite[i]))
      .x((i) => x(i))
      .y((i) => y(Math.min(finite[i], y.domain()[1])))(pts) ?? '';
  const smPath =
    line<number>()
      .x((i) => x(i))
      .y((i) => y(Math.min(sm[i], y.domain()[1])))(pts) ?? '';
  const [x0, x1] = extent(x.range()) as [number, number];
  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    if (losses.length === 0) return;
    const r = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const i = Math.round(x.invert(px));
    setHover(i >= 0 && i < losses.length ? i : null);
  };
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('chart.loss')}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      >
        <Axes x={x} y={y} xTicks={5} xTitle={t('chart.iteration')} yTitle={t('chart.lossAxis')} />
        <path d={raw} className="loss-raw" />
        <path d={smPath} className="loss-smooth" />
        {losses.length === 0 && (
          <text x={(x0 + x1) / 2} y={H / 2} textAnchor="middle" className="empty">
            {t('chart.empty')}
          </text>
        )}
        {hover !== null && (
          <g className="tooltip" transform={`translate(${x(hover)},0)`}>
            <line y1={M.top} y2={H - M.bottom} />
            <text x={x(hover) > W / 2 ? -6 : 6} y={M.top + 12} textAnchor={x(hover) > W / 2 ? 'end' : 'start'}>
              {`${t('chart.iteration')} ${hover}: ${formatNumber(losses[hover], 4)}`}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="chart-legend">
        <span className="key loss-raw-key" aria-hidden="true" /> {t('chart.raw')}{' '}
        <span className="key loss-smooth-key" aria-hidden="true" /> {t('chart.smoothed')}
      </figcaption>
    </figure>
  );
}
