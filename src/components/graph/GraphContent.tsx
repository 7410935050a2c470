import type { StepInfo, StepState, ValueKind } from '../../engine';
import { edgeLabelLines, type DrawnEdge, type DrawnGraph } from './model';
import { EdgeView, NodeView } from './stage/SceneParts';
import type { Scene } from './stage/scene';
import type { Flight } from './stage/useStepMotion';

type Last = StepInfo<unknown> | null;

/** The edges the last step lit: the ones into and out of its node (forward), or the ones its backward wrote. */
export function edgeActive(e: DrawnEdge, last: Last): boolean {
  if (!last) return false;
  const node = last.node.id;
  if (last.kind === 'forward') return e.consumer === node || e.producer === node;
  return e.consumer === node || (e.consumer === null && e.producer === node);
}

/** Whether the last step just wrote this edge's value (forward) or gradient (backward). */
export function edgeFresh(e: DrawnEdge, last: Last): 'forward' | 'backward' | null {
  if (!last) return null;
  const node = last.node.id;
  const wrote =
    last.kind === 'forward' ? e.producer === node : e.consumer === node || (e.consumer === null && e.producer === node);
  return wrote ? last.kind : null;
}

/** An edge's tooltip: its variable, shape and whole value, and its gradient once known. */
export function edgeTitle(e: DrawnEdge, state: StepState<unknown>, vk: ValueKind<unknown>, output: string): string {
  const value = state.values[e.variable];
  const grad = state.edgeGrads[e.id];
  const shape = value === undefined ? null : vk.fmt.shape(value);
  const valueText = value === undefined ? ': —' : `${shape ? ` ${shape}` : ''}: ${vk.fmt.full(value)}`;
  const gradText = grad === undefined ? '' : ` · ∂${output}/∂${e.variable} = ${vk.fmt.full(grad)}`;
  return `${e.variable}${valueText}${gradText}`;
}

/** The tokens that fly along the edges the last step wrote, each with its value's short text. */
export function stepFlights(
  last: Last,
  drawn: DrawnGraph,
  state: StepState<unknown>,
  vk: ValueKind<unknown>,
): Flight[] {
  if (!last) return [];
  const short = (v: unknown) => (v === undefined ? '' : (vk.fmt.edgeLines(v)[0] ?? ''));
  const len = (s: string) => (s.length > 12 ? '' : s);
  if (last.kind === 'forward')
    return drawn.edges
      .filter((e) => e.producer === last.node.id)
      .map((e) => ({ edge: e.id, backward: false, text: len(short(state.values[e.variable])) }));
  return drawn.edges
    .filter((e) => e.consumer === last.node.id && state.edgeGrads[e.id] !== undefined)
    .map((e) => ({ edge: e.id, backward: true, text: len(short(state.edgeGrads[e.id])) }));
}

/** The drawing's edges and nodes at the current step, placed by the scene. */
export function GraphContent(p: {
  drawn: DrawnGraph;
  scene: Scene;
  state: StepState<unknown>;
  vk: ValueKind<unknown>;
  /** Matrices are written on the edges (not only their shapes). */
  inline: boolean;
  output: string;
  inspected: string | null;
  onInspect: (id: string | null) => void;
}) {
  const { drawn, scene, state, vk, inline } = p;
  const last = state.last;
  const activeNode = last?.node.id ?? null;
  return (
    <>
      {drawn.edges.map((e) => (
        <EdgeView
          key={e.id}
          e={e}
          se={scene.edges[e.id]}
          active={edgeActive(e, last)}
          fresh={edgeFresh(e, last)}
          lines={edgeLabelLines(vk.fmt, state.values[e.variable], state.edgeGrads[e.id], inline)}
          hasShape={state.values[e.variable] !== undefined && vk.fmt.shape(state.values[e.variable]) !== null}
          grad={state.edgeGrads[e.id] !== undefined}
          title={edgeTitle(e, state, vk, p.output)}
        />
      ))}
      {drawn.nodes.map((n) => (
        <NodeView
          key={n.id}
          n={n}
          sn={scene.nodes[n.id]}
          active={n.kind === 'op' && n.nodeId === activeNode}
          inspected={n.kind === 'op' && n.nodeId === p.inspected}
          onInspect={p.onInspect}
        />
      ))}
    </>
  );
}
