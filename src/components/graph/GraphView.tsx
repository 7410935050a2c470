import { useCallback, useEffect, useMemo, useRef } from 'react';
import { sourceOf, type GraphDef } from '../../graphs';
import { useAppStore } from '../../store';
import { useT } from '../common/useT';
import { EdgeLegend } from './edges';
import { GraphContent, stepFlights } from './GraphContent';
import { drawGraph } from './model';
import { StageBar } from './stage/StageBar';
import { useStage } from './stage/useStage';
import { useStepMotion } from './stage/useStepMotion';
import { useZoom } from './stage/useZoom';
import { useGraphExport } from './useGraphExport';
import type { GraphModel } from './useGraphModel';
import { useGraphScene } from './useGraphScene';
import { useZoomKeys } from './useZoomKeys';

/** Which definitions draw matrices on their edges: all but those whose inputs are too big. */
export const drawsInline = (def: GraphDef): boolean => sourceOf(def).drawsInline;

/**
 * The computational graph of any definition, drawn as the book's figures: forward values above
 * the edges, the backward pass as its own arrow below each edge with the gradient on it. It fills
 * its panel and grows with it (laid out again on resize), zooms and pans, presents and downloads.
 */
export function GraphView({ model, name }: { model: GraphModel; name: string }) {
  const t = useT();
  const { def, vk, run, state } = model;
  const inline = drawsInline(def);
  const graph = def.graph;
  const drawn = useMemo(() => drawGraph(graph, vk.ops, run, vk.fmt, inline), [graph, vk, run, inline]);
  const { presenting, togglePresent } = useStage();
  const boxRef = useRef<HTMLDivElement>(null);
  const { scene, view, box, ready } = useGraphScene(drawn, boxRef, presenting);

  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const tokensRef = useRef<SVGGElement>(null);
  const zoom = useZoom(svgRef, gRef, { view, content: scene, width: box.width, presenting });
  useZoomKeys(zoom);

  const last = state.last;
  const activeNode = last?.node.id ?? null;
  const inspected = useAppStore((s) => s.inspected);
  const inspect = useAppStore((s) => s.inspect);

  // The view follows the step on a drawing too big to show whole.
  useEffect(() => {
    if (!activeNode) return;
    const n = scene.nodes[activeNode];
    if (n) zoom.reveal(n.visible);
  }, [activeNode, scene, zoom]);

  const flights = useCallback(() => stepFlights(last, drawn, state, vk), [last, drawn, state, vk]);
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
  const exporter = useGraphExport(gRef, { size: scene, caption, file: `${def.id}-step-${state.k}`, scale: view.k });

  return (
    <div className="graph-view">
      <StageBar
        actions={{
          zoomIn: zoom.zoomIn,
          zoomOut: zoom.zoomOut,
          fit: () => zoom.fit(),
          present: togglePresent,
          downloadSvg: () => void exporter.download('svg'),
          downloadPng: () => void exporter.download('png'),
        }}
        presenting={presenting}
        busy={exporter.busy}
        legend={<EdgeLegend label={t} />}
      />
      {exporter.failure !== null && (
        <p className="field-error stage-error" role="alert" title={exporter.failure}>
          {t('stage.exportFailed')}
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
            <GraphContent
              drawn={drawn}
              scene={scene}
              state={state}
              vk={vk}
              inline={inline}
              output={def.graph.output}
              inspected={inspected}
              onInspect={inspect}
            />
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
