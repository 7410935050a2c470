import { curveBasis, line } from 'd3';
import type { Point } from './layoutDag';

/** The smooth path through dagre's edge points. */
export const edgePath = (points: Point[]): string =>
  line<Point>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(curveBasis)(points) ?? '';

export function ArrowMarker({ id }: { id: string }) {
  return (
    <defs>
      <marker
        id={id}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
      </marker>
    </defs>
  );
}

/** How to read an edge: the forward value above it, the gradient below it behind an arrow. */
export function EdgeLegend({ label }: { label: (key: 'graph.legend.value' | 'graph.legend.grad') => string }) {
  return (
    <div className="legend" aria-hidden="true">
      <span className="lg-value">1.5</span> {label('graph.legend.value')} <span className="lg-grad">← 0.25</span>{' '}
      {label('graph.legend.grad')}
    </div>
  );
}
