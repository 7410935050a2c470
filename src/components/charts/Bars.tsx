import { scaleBand, scaleLinear } from 'd3';
import { formatNumber } from '../../engine';

/** A small bar chart of a vector; negative bars go down. Colour follows the value's sign, height carries it. */
export function Bars({
  values,
  label,
  highlight,
  kind = 'value',
  height = 90,
}: {
  values: ArrayLike<number>;
  label: string;
  highlight?: number;
  kind?: 'value' | 'grad';
  height?: number;
}) {
  const n = values.length;
  const W = Math.max(200, n * 9);
  const arr = Array.from(values);
  const ext = Math.max(1e-12, ...arr.map(Math.abs));
  const hasNeg = arr.some((v) => v < 0);
  const x = scaleBand<number>()
    .domain(arr.map((_, i) => i))
    .range([4, W - 4])
    .padding(0.15);
  const y = scaleLinear()
    .domain([hasNeg ? -ext : 0, ext])
    .range([height - 16, 6]);
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      className={`bars ${kind}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      <line x1={0} x2={W} y1={y(0)} y2={y(0)} className="zero" />
      {arr.map((v, i) => (
        <rect
          key={i}
          x={x(i)}
          width={x.bandwidth()}
          y={Math.min(y(v), y(0))}
          height={Math.abs(y(v) - y(0))}
          className={`${v < 0 ? 'neg' : 'pos'}${i === highlight ? ' hl' : ''}`}
        >
          <title>{`${i}: ${formatNumber(v)}`}</title>
        </rect>
      ))}
      {n <= 10 &&
        arr.map((_, i) => (
          <text
            key={i}
            x={(x(i) ?? 0) + x.bandwidth() / 2}
            y={height - 3}
            textAnchor="middle"
            className={i === highlight ? 'hl' : ''}
          >
            {i}
          </text>
        ))}
    </svg>
  );
}
