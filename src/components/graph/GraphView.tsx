import { memo, useMemo } from 'react';
import { formatNumber, fullNumber, type StepState } from '../../engine';
import type { ScalarGraphDef } from '../../graphs';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { ArrowMarker, edgePath } from './edges';
import { drawGraph, OP_R, type DrawnEdge, type DrawnNode } from './model';

interface Props {
  def: ScalarGraphDef;
  state: StepState;
  name: string;
}

/** The computational graph: d3 computes the paths, React draws the SVG. */
export function GraphView({ def, state, name }: Props) {
  const t = useT();
  const drawn = useMemo(() => drawGraph(def.graph), [def]);
  const { layout } = drawn;
  const last = state.last;
  const activeNode = last?.node.id ?? null;
  const inspected = useAppStore((s) => s.inspected);
  const inspect = useAppStore((s) => s.inspect);

  const edgeActive = (e: DrawnEdge): boolean => {
    if (!last) return false;
    if (last.kind === 'forward') return e.consumer === activeNode || e.producer === activeNode;
    return e.consumer === activeNode || (e.consumer === null && e.producer === activeNode);
  };

  return (
    <div className="graph-scroll">
      <svg
        className="graph-svg"
        role="group"
        aria-label={t('graph.svg', { name, k: state.k, total: state.total })}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ width: '100%', maxWidth: layout.width * 1.5, minWidth: Math.min(layout.width, 520) }}
        data-id={`graph:${def.id}`}
      >
        <ArrowMarker id="arrowhead" />
        {drawn.edges.map((e) => {
          const l = layout.edges[e.id];
          const value = state.values[e.variable];
          const grad = state.edgeGrads[e.id];
          const fresh =
            last !== null &&
            ((last.kind === 'forward' && e.producer === activeNode) ||
              (last.kind === 'backward' &&
                (e.consumer === activeNode || (e.consumer === null && e.producer === activeNode))));
          return (
            <g key={e.id} data-id={e.id} className={`edge${edgeActive(e) ? ' active' : ''}`}>
              <title>{`${e.variable}: ${fullNumber(value) || '—'}${grad === undefined ? '' : ` · ∂${def.graph.output}/∂${e.variable} = ${fullNumber(grad)}`}`}</title>
              <path d={edgePath(l.points)} className="edge-hit" />
              <path d={edgePath(l.points)} className="edge-line" markerEnd="url(#arrowhead)" />
              <text
                x={l.label.x}
                y={l.label.y - 6}
                className={`edge-value${fresh && last?.kind === 'forward' ? ' fresh' : ''}`}
                textAnchor="middle"
              >
                {value === undefined ? '' : formatNumber(value)}
              </text>
              <text
                x={l.label.x}
                y={l.label.y + 16}
                className={`edge-grad${fresh && last?.kind === 'backward' ? ' fresh' : ''}`}
                textAnchor="middle"
              >
                {grad === undefined ? '' : `← ${formatNumber(grad)}`}
              </text>
            </g>
          );
        })}
        {drawn.nodes.map((n) => (
          <NodeShape
            key={n.id}
            n={n}
            pos={layout.nodes[n.id]}
            active={n.kind === 'op' && n.nodeId === activeNode}
            inspected={n.kind === 'op' && n.nodeId === inspected}
            onInspect={inspect}
            describe={describeNode(def, n)}
          />
        ))}
      </svg>
    </div>
  );
}

function describeNode(def: ScalarGraphDef, n: DrawnNode): string {
  if (n.kind !== 'op') return n.name;
  const spec = def.graph.nodes.find((x) => x.id === n.nodeId)!;
  // The visible text first (symbol, then label), so the accessible name contains it.
  return `${n.symbol}${n.label ? ` ${n.label}` : ''}: ${spec.inputs.join(', ')} → ${spec.output}`;
}

export const NodeShape = memo(function NodeShape({
  n,
  pos,
  active,
  inspected,
  onInspect,
  describe,
}: {
  n: DrawnNode;
  pos: { x: number; y: number; width: number; height: number };
  active: boolean;
  inspected: boolean;
  onInspect: (id: string | null) => void;
  describe: string;
}) {
  if (n.kind !== 'op') {
    return (
      <g data-id={n.id} className={`var-node ${n.kind}`} transform={`translate(${pos.x},${pos.y})`}>
        <rect x={-pos.width / 2} y={-14} width={pos.width} height={28} rx={14} />
        <text textAnchor="middle" dy="0.35em">
          {n.name}
        </text>
      </g>
    );
  }
  const fontSize = n.symbol.length <= 2 ? 20 : n.symbol.length <= 3 ? 15 : 12;
  // The book's label sits outside the button, so the button's visible text is its symbol alone.
  return (
    <>
      <g
        data-id={n.nodeId}
        className={`op-node${active ? ' active' : ''}${inspected ? ' inspected' : ''}`}
        transform={`translate(${pos.x},${pos.y + 8})`}
        tabIndex={0}
        role="button"
        aria-label={describe}
        aria-pressed={inspected}
        onFocus={() => onInspect(n.nodeId)}
        onMouseEnter={() => onInspect(n.nodeId)}
        onClick={() => onInspect(n.nodeId)}
      >
        <circle r={OP_R} />
        <text textAnchor="middle" dy="0.35em" style={{ fontSize }}>
          {n.symbol}
        </text>
      </g>
      {n.label && (
        <text className="op-label" textAnchor="middle" x={pos.x} y={pos.y + 8 - OP_R - 6} aria-hidden="true">
          {n.label}
        </text>
      )}
    </>
  );
});
