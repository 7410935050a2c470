import { useRef } from 'react';
import { AVAILABLE_GRAPHS, codeFor, sourceOf, type GraphDef, type GraphId } from '../../graphs';
import type { MessageKey } from '../../i18n';
import { stepCount, type StepState, type TValue } from '../../engine';
import { useAppStore } from '../../store';
import { defOf } from '../../store/graphSlice';
import { StepControls } from '../controls/StepControls';
import { useGraphKeyboard } from '../controls/useGraphKeyboard';
import { usePlayback } from '../controls/usePlayback';
import { useT } from '../common/useT';
import { LinkNotices } from '../common/LinkNotices';
import { useRefocusOnChange } from '../common/useRefocusOnChange';
import { PracticePanel, PracticeSwitch } from '../practice/PracticePanel';
import { ExpressionField } from './ExpressionField';
import { CodeView } from './CodeView';
import { GraphView } from './GraphView';
import { InputFields } from './InputFields';
import { Inspector, InspectorHint } from './Inspector';
import { Stage } from './stage/Stage';
import { StepDescription } from './StepDescription';
import { TwoLayerTrace } from './TwoLayerTrace';
import { useGraphModel } from './useGraphModel';
import { useTwoLayerInputs } from './useTwoLayerInputs';
import { ValuesTable } from './ValuesTable';

const graphName = (id: GraphId): MessageKey => `graph.${id}`;

/** Any graph definition: the drawing, the stepper, the fields, the values, the inspector and the code. */
function GraphBody({ def, name }: { def: GraphDef; name: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const applyTexts = useAppStore((s) => s.applyTexts);
  const source = sourceOf(def);
  const fromNet = source.name === 'trainedNet';
  const tl = useTwoLayerInputs(fromNet);
  const model = useGraphModel(def, fromNet ? tl.inputs : null);
  const notes = def.inputNotes && Object.fromEntries(Object.entries(def.inputNotes).map(([k, key]) => [k, t(key)]));
  return (
    <>
      <Stage>
        {model ? (
          <GraphView model={model} name={name} />
        ) : (
          <div className="graph-box placeholder">{t('tln.loading')}</div>
        )}
        <StepControls total={stepCount(def)} />
        {model && <StepDescription model={model} />}
        {/* The book's code beside the step (under it on a phone), its line lit as a debugger's. */}
        {model && (
          <CodeView
            code={codeFor(def, lang)}
            last={model.state.last && { kind: model.state.last.kind, nodeId: model.state.last.node.id }}
            name={name}
          />
        )}
      </Stage>
      {model && <PracticePanel model={model} />}
      {/* Under the step: the values, the inputs (or the learner's lines) and the inspector. */}
      <div className={`graph-details${def.kind === 'matrix' ? ' matrix' : ''}`}>
        <div className="col col-values">{model && <ValuesTable model={model} />}</div>
        <div className="col col-side">
          {source.name === 'expression' && <ExpressionField />}
          {source.fields.length > 0 && (
            <>
              <InputFields names={source.fields} matrix={source.literalFields} notes={notes} />
              {def.presets && (
                <div className="presets" role="group" aria-label={t('preset.title')}>
                  <span className="presets-title">{t('preset.title')}</span>
                  {def.presets.map((p) => (
                    <button type="button" key={p.key} onClick={() => applyTexts(p.literals)}>
                      {t(p.key)}
                    </button>
                  ))}
                </div>
              )}
            </>
          )}
          {model ? <Inspector model={model} /> : <InspectorHint />}
        </div>
      </div>
      {fromNet && model && def.kind === 'matrix' && (
        <TwoLayerTrace state={model.state as StepState<TValue>} tl={tl} graph={def.graph} />
      )}
      <p className="hint shortcuts">{t('controls.shortcuts')}</p>
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
  const def = useAppStore((s) => defOf(s));
  const partner = def.partner;

  return (
    <section className="panel graph-panel view" aria-label={t('graph.region')} id="graphs">
      <div className="panel-head graph-head">
        {/* The view's tab names it on screen; the heading stays for screen readers' outline. */}
        <h2 className="visually-hidden">{t('graph.region')}</h2>
        <label className="graph-select">
          <span className="tool-text">{t('graph.select')}</span>
          <select ref={selectRef} value={graphId} onChange={(e) => setGraph(e.target.value as GraphId)}>
            {AVAILABLE_GRAPHS.map((id) => (
              <option key={id} value={id}>
                {t(graphName(id))}
              </option>
            ))}
          </select>
        </label>
        <p className="blurb">
          {t(`blurb.${graphId}`)}
          {partner && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => setGraph(partner.id as GraphId)}>
                {t(partner.key)}
              </button>
            </>
          )}
        </p>
        <PracticeSwitch />
      </div>
      <LinkNotices fallbackRef={selectRef} />
      <GraphBody key={graphId} def={def} name={name} />
    </section>
  );
}
