import { memo } from 'react';
import { gradName, type DrawnEdge, type DrawnNode } from '../model';
import type { SceneEdge, SceneNode, TextSlot } from './scene';

/** A line of text in its slot. */
const Text = ({ slot, className, children }: { slot: TextSlot; className: string; children: string }) => (
  <text x={slot.x} y={slot.y} textAnchor={slot.anchor} fontSize={slot.size} className={className}>
    {children}
  </text>
);

export const EdgeView = memo(function EdgeView({
  e,
  se,
  active,
  fresh,
  lines,
  hasShape,
  grad,
  title,
}: {
  e: DrawnEdge;
  se: SceneEdge;
  active: boolean;
  fresh: 'forward' | 'backward' | null;
  lines: { above: string[]; below: string[] };
  hasShape: boolean;
  grad: boolean;
  title: string;
}) {
  const below = lines.below.length > 0 ? lines.below : grad ? [gradName(e.variable)] : [];
  return (
    <g data-id={e.id} className={`edge${active ? ' active' : ''}`}>
      <title>{title}</title>
      <path d={se.path} className="edge-hit" />
      <path d={se.path} className="edge-line" />
      <path d={se.head} className="edge-head" />
      {lines.above.map((s, i) => (
        <Text
          key={`a${i}`}
          slot={se.above[i]}
          className={i === 0 && hasShape ? 'edge-shape' : `edge-value${fresh === 'forward' ? ' fresh' : ''}`}
        >
          {s}
        </Text>
      ))}
      {grad && (
        <g className={`edge-back${fresh === 'backward' ? ' fresh' : ''}`}>
          <path d={se.back.path} className="back-line" />
          <path d={se.back.head} className="back-head" />
          {below.map((s, i) => (
            <Text key={`b${i}`} slot={se.below[i]} className="edge-grad">
              {s}
            </Text>
          ))}
        </g>
      )}
    </g>
  );
});

export const NodeView = memo(function NodeView({
  n,
  sn,
  active,
  inspected,
  onInspect,
}: {
  n: DrawnNode;
  sn: SceneNode;
  active: boolean;
  inspected: boolean;
  onInspect: (id: string | null) => void;
}) {
  const s = sn.shape;
  const shape =
    s.kind === 'circle' ? (
      <circle cx={s.cx} cy={s.cy} r={s.r} className="node-shape" />
    ) : (
      <rect x={s.cx - s.w / 2} y={s.cy - s.h / 2} width={s.w} height={s.h} rx={s.rx} className="node-shape" />
    );
  if (n.kind !== 'op')
    return (
      <g data-id={n.id} className={`var-node ${n.kind}`}>
        {shape}
        <Text slot={sn.text} className="node-text">
          {n.name}
        </Text>
      </g>
    );
  // The book's label sits outside the button, so the button's visible text is its symbol alone.
  return (
    <>
      <g
        data-id={n.nodeId}
        className={`op-node${active ? ' active' : ''}${inspected ? ' inspected' : ''}`}
        tabIndex={0}
        role="button"
        aria-label={n.describe}
        aria-pressed={inspected}
        onFocus={() => onInspect(n.nodeId)}
        onMouseEnter={() => onInspect(n.nodeId)}
        onClick={() => onInspect(n.nodeId)}
      >
        {shape}
        <Text slot={sn.text} className="node-text">
          {n.symbol}
        </Text>
      </g>
      {sn.label.map((l, i) => (
        <text
          key={i}
          className="op-label"
          x={l.slot.x}
          y={l.slot.y}
          textAnchor={l.slot.anchor}
          fontSize={l.slot.size}
          aria-hidden="true"
        >
          {l.text}
        </text>
      ))}
    </>
  );
});
