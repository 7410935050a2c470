import type { ScaleLinear } from 'd3';

/** The chart frame both curves share. */
export const CHART = { W: 520, H: 220, M: { top: 12, right: 24, bottom: 34, left: 58 } } as const;

/** Bottom and left axes with ticks, grid lines and titles; d3 gives the ticks, React draws them. */
export function Axes({
  x,
  y,
  xTicks,
  yTicks = 5,
  yFormat = String,
  xTitle,
  yTitle,
}: {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: number;
  yTicks?: number;
  yFormat?: (v: number) => string;
  xTitle: string;
  yTitle: string;
}) {
  const { W, H, M } = CHART;
  return (
    <g className="axis">
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      {x.ticks(xTicks).map((v) => (
        <g key={v} transform={`translate(${x(v)},${H - M.bottom})`}>
          <line y2={5} />
          <text y={17} textAnchor="middle">
            {v}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      {y.ticks(yTicks).map((v) => (
        <g key={v} transform={`translate(${M.left},${y(v)})`}>
          <line x2={-5} />
          <line className="grid" x2={W - M.left - M.right} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {yFormat(v)}
          </text>
        </g>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle" className="axis-title">
        {xTitle}
      </text>
      <text
        transform={`translate(12,${(H - M.bottom + M.top) / 2}) rotate(-90)`}
        textAnchor="middle"
        className="axis-title"
      >
        {yTitle}
      </text>
    </g>
  );
}
