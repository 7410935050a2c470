/** How to read an edge: the forward value above it, the gradient below it on an arrow pointing back. */
export function EdgeLegend({ label }: { label: (key: 'graph.legend.value' | 'graph.legend.grad') => string }) {
  return (
    <div className="legend" aria-hidden="true">
      <span className="lg-item">
        <span className="lg-value">1.5</span> {label('graph.legend.value')}
      </span>{' '}
      <span className="lg-item">
        <span className="lg-grad">← 0.25</span> {label('graph.legend.grad')}
      </span>
    </div>
  );
}
