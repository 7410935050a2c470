import { useMemo } from 'react';
import { isSmall, tensorRows, tShape, type TensorGraph, type TRun, type TStepState, type TValue } from '../../engine';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { ArrowMarker, edgePath } from './edges';
import { layoutDag } from './layoutDag';
import { NodeShape } from './GraphView';
import { OP_R, type DrawnEdge as Edge } from './model';

const LINE_H = 15;

/** Small matrices are drawn on their edge, a row per line; big ones (the two-layer net's) only by shape. */
const labelLines = (v: TValue | undefined, inline: boolean): string[] =>
  v && inline && isSmall(v) ? tensorRows(v) : [];

/** A graph where matrices flow: each edge shows the shape, and small matrices inline. */
export function MatrixGraphView({
  graph,
  run,
  state,
  name,
  id,
  inline = true,
}: {
  graph: TensorGraph;
  run: TRun;
  state: TStepState;
  name: string;
  id: string;
  inline?: boolean;
}) {
  const t = useT();
  const inspected = useAppStore((s) => s.inspected);
  const inspect = useAppStore((s) => s.inspect);
  const drawn = useMemo(() => {
    const producer: Record<string, string> = {};
    for (const n of graph.nodes) producer[n.output] = n.id;
    const leaves = graph.inputs.filter((i) => !i.upstream).map((i) => i.name);
    const edges: Edge[] = [];
    for (const n of graph.nodes)
      n.inputs.forEach((v, i) =>
        edges.push({
          id: `${v}->${n.id}#${i}`,
          from: producer[v] ?? `in:${v}`,
          to: n.id,
          variable: v,
          consumer: n.id,
          producer: producer[v] ?? null,
        }),
      );
    edges.push({
      id: `${graph.output}->out`,
      from: producer[graph.output],
      to: 'out',
      variable: graph.output,
      consumer: null,
      producer: producer[graph.output],
    });
    // Labels are sized from the complete run so the layout does not jump while stepping.
    const size = (e: Edge) => {
      const lines = [
        tShape(run.values[e.variable]),
        ...labelLines(run.values[e.variable], inline),
        ...labelLines(
          e.consumer
            ? (run.traces[e.consumer].dx[run.traces[e.consumer].node.inputs.indexOf(e.variable)] ?? undefined)
            : run.grads[graph.output],
          inline,
        ),
      ];
      return {
        labelWidth: Math.max(...lines.map((l) => l.length)) * 7.4 + 16,
        labelHeight: lines.length * LINE_H + 24,
      };
    };
    const nodes = [
      ...leaves.map((v) => ({ id: `in:${v}`, width: Math.max(40, v.length * 8.4 + 18), height: 28 })),
      ...graph.nodes.map((n) => ({
        id: n.id,
        width: Math.max(OP_R * 2, (n.label?.length ?? 0) * 6.5),
        height: OP_R * 2 + 16,
      })),
      { id: 'out', width: Math.max(40, graph.output.length * 8.4 + 18), height: 28 },
    ];
    const layout = layoutDag(
      nodes,
      edges.map((e) => ({ id: e.id, from: e.from, to: e.to, ...size(e) })),
      { ranksep: 30, nodesep: 24 },
    );
    return { edges, leaves, layout };
  }, [graph, run, inline]);
  const { layout } = drawn;
  const last = state.last;
  const active = last?.trace.node.id ?? null;
  return (
    <div className="graph-scroll">
      <svg
        className="graph-svg"
        role="group"
        aria-label={t('graph.svg', { name, k: state.k, total: state.total })}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ width: '100%', maxWidth: layout.width * 1.4, minWidth: Math.min(layout.width, 520) }}
        data-id={`graph:${id}`}
      >
        <ArrowMarker id="arrowhead-m" />
        {drawn.edges.map((e) => {
          const l = layout.edges[e.id];
          const value = state.values[e.variable];
          const grad = state.edgeGrads[e.id];
          const vLines = labelLines(value, inline);
          const gLines = labelLines(grad, inline);
          const isActive =
            last !== null &&
            (e.consumer === active ||
              (last.kind === 'forward' ? e.producer === active : e.consumer === null && e.producer === active));
          // Shape and value above the edge's midpoint, the gradient below it, as in the scalar view.
          const top = l.label.y - (vLines.length + 1) * LINE_H - 4;
          return (
            <g key={e.id} data-id={e.id} className={`edge${isActive ? ' active' : ''}`}>
              <title>{`${e.variable} ${value ? tShape(value) : ''}`}</title>
              <path d={edgePath(l.points)} className="edge-hit" />
              <path d={edgePath(l.points)} className="edge-line" markerEnd="url(#arrowhead-m)" />
              <text x={l.label.x} y={top + 10} textAnchor="middle" className="edge-shape">
                {tShape(run.values[e.variable])}
              </text>
              {vLines.map((s, i) => (
                <text
                  key={`v${i}`}
                  x={l.label.x}
                  y={top + 10 + (i + 1) * LINE_H}
                  textAnchor="middle"
                  className="edge-value"
                >
                  {s}
                </text>
              ))}
              {gLines.map((s, i) => (
                <text
                  key={`g${i}`}
                  x={l.label.x}
                  y={l.label.y + 16 + i * LINE_H}
                  textAnchor="middle"
                  className="edge-grad"
                >
                  {i === 0 ? `← ${s}` : s}
                </text>
              ))}
              {grad && gLines.length === 0 && (
                <text x={l.label.x} y={l.label.y + 16} textAnchor="middle" className="edge-grad">
                  ← d{e.variable}
                </text>
              )}
            </g>
          );
        })}
        {drawn.leaves.map((v) => (
          <NodeShape
            key={v}
            n={{ kind: 'input', id: `in:${v}`, name: v }}
            pos={layout.nodes[`in:${v}`]}
            active={false}
            inspected={false}
            onInspect={inspect}
            describe={v}
          />
        ))}
        {graph.nodes.map((n) => (
          <NodeShape
            key={n.id}
            n={{ kind: 'op', id: n.id, nodeId: n.id, symbol: symbolOf(n.op), label: n.label }}
            pos={layout.nodes[n.id]}
            active={n.id === active}
            inspected={n.id === inspected}
            onInspect={inspect}
            describe={`${symbolOf(n.op)}${n.label ? ` ${n.label}` : ''}: ${n.inputs.join(', ')} → ${n.output}`}
          />
        ))}
        <NodeShape
          n={{ kind: 'output', id: 'out', name: graph.output }}
          pos={layout.nodes.out}
          active={false}
          inspected={false}
          onInspect={inspect}
          describe={graph.output}
        />
      </svg>
    </div>
  );
}

function symbolOf(op: string): string {
  return (
    { dot: 'dot', addBias: '+', affine: 'Affine', relu: 'ReLU', softmax: 'exp/Σ', cee: 'CEE', softmaxLoss: 'SwL' }[
      op
    ] ?? op
  );
}
