import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sourceOf, type GraphDef } from '../../graphs';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { EdgeLegend } from './edges';
import { drawGraph, edgeLabelLines, prepareOf, type DrawnEdge } from './model';
import { EdgeView, NodeView } from './stage/SceneParts';
import { standaloneSvg, saveFile, svgToPng } from './stage/exportSvg';
import { arrangeScene } from './stage/arrange';
import { rowBreaks, type Scene } from './stage/scene';
import { StageBar } from './stage/StageBar';
import { typingIn } from './stage/Stage';
import { useElementSize } from './stage/useElementSize';
import { useStage } from './stage/useStage';
import { useStageMeasure } from './stage/useStageMeasure';
import { useStepMotion, type Flight } from './stage/useStepMotion';
import { useViewportHeight } from './stage/useViewportHeight';
import { useZoom } from './stage/useZoom';
import { chooseView, fitScale, MARGIN } from './stage/view';
import type { GraphModel } from './useGraphModel';

/** Which definitions draw matrices on their edges: all but those whose inputs are too big. */
export const drawsInline = (def: GraphDef): boolean => sourceOf(def).drawsInline;

/**
 * How much of the window's height the drawing may take: on a desktop half, so the step, its
 * description and the book's code stay on the same screen; on a phone a little more, with the
 * transport bar held at the bottom of the window.
 */
const heightShare = (width: number) => (width < 600 ? 0.54 : 0.5);
/** Rows may be wrapped wider than the box and drawn smaller, when that shows more at load (a phone). */
const WRAP_SCALES = [1, 0.8, 0.65];

/**
 * The computational graph of any definition, drawn as the book's figures: forward values above
 * the edges, the backward pass as its own arrow below each edge with the gradient on it. It fills
 * its panel and grows with it (laid out again on resize), zooms and pans, presents and downloads.
 */
export function GraphView({ model, name }: { model: GraphModel; name: string }) {
  const t = useT();
  const { def, vk, run, state } = model;
  const inline = drawsInline(def);
  const drawn = useMemo(() => drawGraph(def.graph, vk.ops, run, vk.fmt, inline), [def, vk, run, inline]);
  const { measure, ready } = useStageMeasure();
  const prepLR = useMemo(() => prepareOf(drawn, 'LR', measure), [drawn, measure]);
  const sceneLR = useMemo(() => arrangeScene(prepLR), [prepLR]);
  const { presenting, togglePresent } = useStage();
  const boxRef = useRef<HTMLDivElement>(null);
  const box = useElementSize(boxRef);
  const vh = useViewportHeight();
  const maxHeight = Math.max(240, vh * heightShare(box.width));
  const fixedHeight = presenting ? Math.max(200, box.height) : undefined;
  // When left to right does not fit at the body text's size: wrap its ranks into rows (as wide as
  // the box, or wider and drawn smaller), or lay it out top to bottom (a phone held upright); only
  // then are those computed.
  const tight = box.width > 0 && fitScale(sceneLR.width, sceneLR.height, box.width, fixedHeight ?? maxHeight) < 1;
  const breakKey = tight
    ? [...new Set(WRAP_SCALES.map((k) => rowBreaks(prepLR, (box.width - 2 * MARGIN) / k).join(',')))]
        .filter((b) => b !== '')
        .join('|')
    : '';
  const wrapped = useMemo(
    () => (breakKey ? breakKey.split('|').map((b) => arrangeScene(prepLR, b.split(',').map(Number))) : []),
    [prepLR, breakKey],
  );
  const sceneTB = useMemo(
    () => (tight ? arrangeScene(prepareOf(drawn, 'TB', measure)) : null),
    [tight, drawn, measure],
  );
  const candidates = useMemo(
    () => [sceneLR, ...wrapped, sceneTB].filter((c): c is Scene => c !== null),
    [sceneLR, wrapped, sceneTB],
  );
  const view = useMemo(
    () =>
      chooseView(candidates, box.width, maxHeight, {
        fixedHeight,
        maxGrow: fixedHeight === undefined ? undefined : 4,
      }),
    [candidates, box.width, maxHeight, fixedHeight],
  );
  const scene = candidates[view.index];

  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const tokensRef = useRef<SVGGElement>(null);
  const zoom = useZoom(svgRef, gRef, { view, content: scene, width: box.width, presenting });

  const last = state.last;
  const activeNode = last?.node.id ?? null;
  const inspected = useAppStore((s) => s.inspected);
  const inspect = useAppStore((s) => s.inspect);
  const output = def.graph.output;

  // The view follows the step on a drawing too big to show whole.
  useEffect(() => {
    if (!activeNode) return;
    const n = scene.nodes[activeNode];
    if (n) zoom.reveal(n.visible);
  }, [activeNode, scene, zoom]);

  // Zoom keys: + − 0, and Shift + arrows to pan (the plain arrows step the graph).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      const pan: Record<string, [number, number]> = {
        ArrowLeft: [80, 0],
        ArrowRight: [-80, 0],
        ArrowUp: [0, 80],
        ArrowDown: [0, -80],
      };
      if (e.shiftKey && pan[e.key]) {
        e.preventDefault();
        e.stopPropagation();
        zoom.panBy(...pan[e.key]);
      } else if (e.key === '+' || e.key === '=') zoom.zoomIn();
      else if (e.key === '-' || e.key === '_') zoom.zoomOut();
      else if (e.key === '0') zoom.fit();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [zoom]);

  // Printing shows the whole drawing.
  useEffect(() => {
    const before = () => zoom.fit(false);
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [zoom]);

  const flights = useCallback((): Flight[] => {
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
  }, [last, drawn, state, vk]);
  useStepMotion(tokensRef, state.k, flights, scene);

  const caption = last
    ? t(last.kind === 'forward' ? 'stage.caption.forward' : 'stage.caption.backward', {
        name,
        k: state.k,
        total: state.total,
        i: last.index,
        n: last.of,
      })
    : t('stage.caption.none', { name, total: state.total });
  const [exportError, setExportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async (kind: 'svg' | 'png') => {
    const g = gRef.current;
    if (!g) return;
    setBusy(true);
    setExportError(null);
    try {
      const svg = await standaloneSvg({ content: g, width: scene.width, height: scene.height, caption });
      const file = `${def.id}-step-${state.k}.${kind}`;
      if (kind === 'svg') saveFile(new Blob([svg.text], { type: 'image/svg+xml' }), file);
      else {
        // At least as sharp as on screen, twice the drawing's size or more, within what a canvas holds.
        const onScreen = view.k * (window.devicePixelRatio || 1);
        const scale = Math.min(Math.max(2, onScreen), 8192 / Math.max(svg.width, svg.height));
        saveFile(await svgToPng(svg, scale), file);
      }
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const edgeActive = (e: DrawnEdge): boolean => {
    if (!last) return false;
    if (last.kind === 'forward') return e.consumer === activeNode || e.producer === activeNode;
    return e.consumer === activeNode || (e.consumer === null && e.producer === activeNode);
  };

  return (
    <div className="graph-view">
      <StageBar
        actions={{
          zoomIn: zoom.zoomIn,
          zoomOut: zoom.zoomOut,
          fit: () => zoom.fit(),
          present: togglePresent,
          downloadSvg: () => void download('svg'),
          downloadPng: () => void download('png'),
        }}
        presenting={presenting}
        busy={busy}
        legend={<EdgeLegend label={t} />}
      />
      {exportError && (
        <p className="field-error stage-error" role="alert">
          {t('stage.exportError', { error: exportError })}
        </p>
      )}
      <div className="graph-box" ref={boxRef}>
        <svg
          ref={svgRef}
          className={`graph-svg ${scene.orientation}${last ? ' stepped' : ''}`}
          role="group"
          aria-label={t('graph.svg', { name, k: state.k, total: state.total })}
          width={box.width}
          height={view.height}
          viewBox={`0 0 ${Math.max(1, box.width)} ${view.height}`}
          data-id={`graph:${def.id}`}
          data-orientation={scene.orientation}
          data-rows={scene.rows}
          data-scale={view.k.toFixed(3)}
          data-font={ready ? 'ready' : 'loading'}
        >
          <g ref={gRef} className="stage-content">
            {drawn.edges.map((e) => (
              <EdgeView
                key={e.id}
                e={e}
                se={scene.edges[e.id]}
                active={edgeActive(e)}
                fresh={
                  last !== null &&
                  ((last.kind === 'forward' && e.producer === activeNode) ||
                    (last.kind === 'backward' &&
                      (e.consumer === activeNode || (e.consumer === null && e.producer === activeNode))))
                    ? last.kind
                    : null
                }
                lines={edgeLabelLines(vk.fmt, state.values[e.variable], state.edgeGrads[e.id], inline)}
                hasShape={state.values[e.variable] !== undefined && vk.fmt.shape(state.values[e.variable]) !== null}
                grad={state.edgeGrads[e.id] !== undefined}
                title={`${e.variable}${
                  state.values[e.variable] === undefined
                    ? ': —'
                    : `${vk.fmt.shape(state.values[e.variable]) ? ` ${vk.fmt.shape(state.values[e.variable])}` : ''}: ${vk.fmt.full(state.values[e.variable])}`
                }${state.edgeGrads[e.id] === undefined ? '' : ` · ∂${output}/∂${e.variable} = ${vk.fmt.full(state.edgeGrads[e.id])}`}`}
              />
            ))}
            {drawn.nodes.map((n) => (
              <NodeView
                key={n.id}
                n={n}
                sn={scene.nodes[n.id]}
                active={n.kind === 'op' && n.nodeId === activeNode}
                inspected={n.kind === 'op' && n.nodeId === inspected}
                onInspect={inspect}
              />
            ))}
            <g ref={tokensRef} className="tokens" />
          </g>
        </svg>
      </div>
      {/* The figure's caption on paper; on screen the Graph select and the Step slider say it. Drawn
          from an attribute, so it adds no text to the page (screen readers have the drawing's name). */}
      <p className="print-caption" data-caption={caption} aria-hidden="true" />
    </div>
  );
}
