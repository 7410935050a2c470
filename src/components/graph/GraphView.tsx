import { memo, useMemo } from 'react';
import type { GraphDef } from '../../graphs';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { ArrowMarker, edgePath } from './edges';
import { drawGraph, edgeLabelLines, LINE_H, OP_R, type DrawnEdge, type DrawnNode } from './model';
import type { GraphModel } from './useGraphModel';

/**
 * The computational graph of any definition: d3 computes the paths, React draws the SVG. Above
 * each edge its forward value (and shape), below it the gradient that flowed back along it.
 */
export function GraphView({ model, name }: { model: GraphModel; name: string }) {
  const t = useT();
  const { def, vk, run, state } = model;
  const inline = drawsInline(def);
  const drawn = useMemo(
    () => drawGraph(def.graph, vk.ops, run, vk.fmt, inline),
    // The layout depends on the sizes of the labels, not on every digit: redo it per graph and run.
    [def, vk, run, inline],
  );
  const { layout } = drawn;
  const last = state.last;
  const activeNode = last?.node.id ?? null;
  const inspected = useAppStore((s) => s.inspected);
  const inspect = useAppStore((s) => s.inspect);
  const output = def.graph.output;

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
          const { above, below } = edgeLabelLines(vk.fmt, value, grad, inline);
          const fresh =
            last !== null &&
            ((last.kind === 'forward' && e.producer === activeNode) ||
              (last.kind === 'backward' &&
                (e.consumer === activeNode || (e.consumer === null && e.producer === activeNode))));
          const shape = value === undefined ? null : vk.fmt.shape(value);
          const top = l.label.y - 6 - (above.length - 1) * LINE_H;
          return (
            <g key={e.id} data-id={e.id} className={`edge${edgeActive(e) ? ' active' : ''}`}>
              <title>{`${e.variable}${shape ? ` ${shape}` : ''}: ${value === undefined ? '—' : vk.fmt.full(value)}${grad === undefined ? '' : ` · ∂${output}/∂${e.variable} = ${vk.fmt.full(grad)}`}`}</title>
              <path d={edgePath(l.points)} className="edge-hit" />
              <path d={edgePath(l.points)} className="edge-line" markerEnd="url(#arrowhead)" />
              {above.map((s, i) => (
                <text
                  key={`v${i}`}
                  x={l.label.x}
                  y={top + i * LINE_H}
                  className={
                    i === 0 && shape !== null
                      ? 'edge-shape'
                      : `edge-value${fresh && last?.kind === 'forward' ? ' fresh' : ''}`
                  }
                  textAnchor="middle"
                >
                  {s}
                </text>
              ))}
              {grad !== undefined && (
                <text
                  x={l.label.x}
                  y={l.label.y + 16}
                  className={`edge-grad${fresh && last?.kind === 'backward' ? ' fresh' : ''}`}
                  textAnchor="middle"
                >
                  {below.length === 0 ? `← d${e.variable}` : `← ${below[0]}`}
                </text>
              )}
              {grad !== undefined &&
                below.slice(1).map((s, i) => (
                  <text
                    key={`g${i}`}
                    x={l.label.x}
                    y={l.label.y + 16 + (i + 1) * LINE_H}
                    textAnchor="middle"
                    className="edge-grad"
                  >
                    {s}
                  </text>
                ))}
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
          />
        ))}
      </svg>
    </div>
  );
}

/** Which definitions draw matrices on their edges: all but those whose inputs are too big. */
export const drawsInline = (def: GraphDef): boolean => def.kind === 'scalar' || def.inputsFrom === 'fields';

const NodeShape = memo(function NodeShape({
  n,
  pos,
  active,
  inspected,
  onInspect,
}: {
  n: DrawnNode;
  pos: { x: number; y: number; width: number; height: number };
  active: boolean;
  inspected: boolean;
  onInspect: (id: string | null) => void;
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
  const fontSize = n.symbol.length <= 2 ? 20 : n.symbol.length <= 3 ? 15 : n.symbol.length <= 7 ? 12 : 9;
  // The book's label sits outside the button, so the button's visible text is its symbol alone.
  return (
    <>
      <g
        data-id={n.nodeId}
        className={`op-node${active ? ' active' : ''}${inspected ? ' inspected' : ''}`}
        transform={`translate(${pos.x},${pos.y + 8})`}
        tabIndex={0}
        role="button"
        aria-label={n.describe}
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
