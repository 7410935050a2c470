import { useMemo, useRef } from 'react';
import { run, stateAt } from '../../engine';
import { AVAILABLE_GRAPHS, matrixDef, scalarDef, type GraphId, type ScalarGraphDef } from '../../graphs';
import type { MessageKey } from '../../i18n';
import { useAppStore, valuesOf } from '../../store';
import { StepControls } from '../controls/StepControls';
import { useGraphKeyboard } from '../controls/useGraphKeyboard';
import { usePlayback } from '../controls/usePlayback';
import { useT } from '../common/useT';
import { LinkNotices } from '../common/LinkNotices';
import { useRefocusOnChange } from '../common/useRefocusOnChange';
import { EdgeLegend } from './edges';
import { CodeView } from './CodeView';
import { GraphView } from './GraphView';
import { InputFields } from './InputFields';
import { Inspector } from './Inspector';
import { MatrixGraphBody } from './MatrixGraphBody';
import { StepDescription } from './StepDescription';
import { ValuesTable } from './ValuesTable';

const graphName = (id: GraphId): MessageKey => `graph.${id}`;

function ScalarGraphBody({ def, name }: { def: ScalarGraphDef; name: string }) {
  const t = useT();
  const step = useAppStore((s) => s.step);
  const values = useAppStore((s) => valuesOf(s));
  const r = useMemo(() => run(def.graph, values), [def, values]);
  const state = useMemo(() => stateAt(def.graph, values, step, r), [def, values, step, r]);
  return (
    <>
      <GraphView def={def} state={state} name={name} />
      <EdgeLegend label={t} />
      <StepControls total={state.total} />
      <StepDescription state={state} />
      <p className="hint shortcuts">{t('controls.shortcuts')}</p>
      <div className="graph-details">
        <div className="col">
          <InputFields names={def.graph.inputs.map((i) => i.name)} />
          <ValuesTable def={def} state={state} inputs={values} />
        </div>
        <div className="col">
          <Inspector def={def} state={state} />
        </div>
      </div>
      <CodeView
        code={def.code}
        last={state.last && { kind: state.last.kind, nodeId: state.last.node.id }}
        name={name}
      />
    </>
  );
}

export function GraphPanel() {
  const t = useT();
  useGraphKeyboard();
  usePlayback();
  const graphId = useAppStore((s) => s.graphId);
  const setGraph = useAppStore((s) => s.setGraph);
  const selectRef = useRef<HTMLSelectElement>(null);
  useRefocusOnChange(selectRef, graphId);
  const name = t(graphName(graphId));
  const sDef = scalarDef(graphId);
  const mDef = matrixDef(graphId);
  const partner = graphId === 'sigmoid' ? 'sigmoid-simple' : graphId === 'sigmoid-simple' ? 'sigmoid' : null;

  return (
    <section className="panel graph-panel" aria-label={t('graph.region')}>
      <div className="panel-head">
        <h2>{t('graph.region')}</h2>
        <label className="graph-select">
          <span>{t('graph.select')}</span>
          <select ref={selectRef} value={graphId} onChange={(e) => setGraph(e.target.value as GraphId)}>
            {AVAILABLE_GRAPHS.map((id) => (
              <option key={id} value={id}>
                {t(graphName(id))}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LinkNotices />
      <p className="blurb">
        {t(`blurb.${graphId}`)}
        {partner && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => setGraph(partner)}>
              {t(partner === 'sigmoid-simple' ? 'graph.compareSimple' : 'graph.compareExpanded')}
            </button>
          </>
        )}
      </p>
      {sDef && <ScalarGraphBody key={graphId} def={sDef} name={name} />}
      {mDef && <MatrixGraphBody key={graphId} def={mDef} name={name} />}
    </section>
  );
}
