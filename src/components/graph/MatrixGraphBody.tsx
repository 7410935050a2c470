import { useMemo } from 'react';
import {
  isSmall,
  tensorBackwardParts,
  tensorForwardExpr,
  tensorStats,
  tensorText,
  toValue,
  TOPS,
  tRun,
  tShape,
  tStateAt,
  formatNumber,
  type TensorGraph,
  type TStepState,
  type TValue,
} from '../../engine';
import type { MatrixGraphDef } from '../../graphs';
import { useAppStore, tensorsOf } from '../../store';
import { Tex } from '../common/Tex';
import { useT } from '../common/useT';
import { EdgeLegend } from './edges';
import { CodeView } from './CodeView';
import { InputFields } from './InputFields';
import { ValuesHead } from './ValuesTable';
import { MatrixGraphView } from './MatrixGraphView';
import { TwoLayerTrace } from './TwoLayerTrace';
import { useTwoLayerInputs, type TwoLayerInputs } from './useTwoLayerInputs';
import { StepControls } from '../controls/StepControls';
import { StepBox } from './StepDescription';
import { InspectorHint } from './Inspector';

/** Variables in the order the data meets them: X, W, X_dot_W, B, Y. */
function displayOrder(g: TensorGraph): string[] {
  const seen: string[] = [];
  const upstream = new Set(g.inputs.filter((i) => i.upstream).map((i) => i.name));
  for (const n of g.nodes) {
    for (const v of n.inputs) if (!seen.includes(v) && !upstream.has(v)) seen.push(v);
    seen.push(n.output);
  }
  return seen;
}

function Cell({ v }: { v: TValue | undefined }) {
  const t = useT();
  if (!v) return <>—</>;
  if (isSmall(v)) return <>{tensorText(v)}</>;
  const s = tensorStats(v);
  return (
    <>
      {t('table.summary', { min: formatNumber(s.min, 3), max: formatNumber(s.max, 3), mean: formatNumber(s.mean, 3) })}
    </>
  );
}

function MatrixValuesTable({ g, state }: { g: TensorGraph; state: TStepState }) {
  const t = useT();
  return (
    <div className="values">
      <table aria-label={t('table.values')}>
        <ValuesHead last={<th scope="col">{t('table.shape')}</th>} />
        <tbody>
          {displayOrder(g).map((name) => {
            const value = state.values[name];
            const grad = state.grads[name];
            return (
              <tr key={name} className={name === g.output ? 'output-row' : ''}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td className="num value-cell matrix-cell" title={value ? tensorText(value) : undefined}>
                  <Cell v={value} />
                </td>
                <td className="num grad-cell matrix-cell" title={grad ? tensorText(grad) : undefined}>
                  <Cell v={grad} />
                </td>
                <td className="num">{tShape(state.run.values[name])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MatrixStep({ state, def }: { state: TStepState; def: MatrixGraphDef }) {
  const t = useT();
  const last = state.last;
  let text = t('step.none');
  if (last?.kind === 'forward')
    text = t('step.forward', {
      i: last.index,
      n: last.of,
      expr: `${last.trace.node.label ?? ''} ${tensorForwardExpr(last.trace)}`.trim(),
    });
  if (last?.kind === 'backward')
    text = t('step.backward', { i: last.index, n: last.of, parts: tensorBackwardParts(last.trace).join('; ') });
  const op = last ? TOPS[last.trace.node.op] : null;
  const clean = def.id === 'softmax-loss' && last?.kind === 'backward' && last.trace.node.op === 'softmax';
  return (
    <StepBox kind={last?.kind ?? null} text={text}>
      {op && last && (
        <div className="step-formula">
          {last.kind === 'forward' ? (
            <Tex tex={op.forwardTex} />
          ) : (
            op.backwardTex.map((tex, i) => <Tex key={i} tex={tex} />)
          )}
        </div>
      )}
      {clean && <p className="explain">{t('matrix.cleanNote')}</p>}
    </StepBox>
  );
}

/** The inspected node (or the current step's): its formulas and the shapes going in and out. */
function MatrixInspector({ g, state }: { g: TensorGraph; state: TStepState }) {
  const t = useT();
  const inspected = useAppStore((s) => s.inspected);
  const node = g.nodes.find((n) => n.id === inspected) ?? state.last?.trace.node ?? null;
  if (!node) return <InspectorHint />;
  const op = TOPS[node.op];
  const shape = (v: string) => tShape(state.run.values[v]);
  return (
    <section className="inspector" aria-label={t('inspector.title')}>
      <h3>
        {t('inspector.title')}: {node.label ?? op.symbol}
      </h3>
      <dl>
        <dt>{t('inspector.forward')}</dt>
        <dd>
          <Tex tex={op.forwardTex} />
        </dd>
        <dt>{t('inspector.local')}</dt>
        <dd>
          {op.backwardTex.map((tex, i) => (
            <div key={i}>
              <Tex tex={tex} />
            </div>
          ))}
        </dd>
        <dt>{t('inspector.now')}</dt>
        <dd className="now">
          {node.inputs.map((v) => `${v} ${shape(v)}`).join(', ')} → {node.output} {shape(node.output)}
        </dd>
      </dl>
    </section>
  );
}

function useMatrixRun(def: MatrixGraphDef, netInputs: TwoLayerInputs['inputs']) {
  const tensors = useAppStore((s) => tensorsOf(s));
  return useMemo(() => {
    if (def.id === 'two-layer-net') return netInputs ? tRun(def.graph, netInputs) : null;
    return tRun(def.graph, Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, toValue(v)])));
  }, [def, tensors, netInputs]);
}

export function MatrixGraphBody({ def, name }: { def: MatrixGraphDef; name: string }) {
  const t = useT();
  const step = useAppStore((s) => s.step);
  const applyTexts = useAppStore((s) => s.applyTexts);
  const isNet = def.id === 'two-layer-net';
  const tl = useTwoLayerInputs(isNet);
  const r = useMatrixRun(def, isNet ? tl.inputs : null);
  const state = useMemo(() => (r ? tStateAt(def.graph, r, step) : null), [def, r, step]);
  const editable = def.graph.inputs.filter((i) => i.literal !== '').map((i) => i.name);
  return (
    <>
      {state && r ? (
        <MatrixGraphView graph={def.graph} run={r} state={state} name={name} id={def.id} inline={!isNet} />
      ) : (
        <div className="graph-scroll placeholder">{t('tln.loading')}</div>
      )}
      <EdgeLegend label={t} />
      <StepControls total={2 * def.graph.nodes.length} />
      {state && <MatrixStep state={state} def={def} />}
      <p className="hint shortcuts">{t('controls.shortcuts')}</p>
      {isNet && state && <TwoLayerTrace state={state} tl={tl} />}
      <div className="graph-details matrix">
        {editable.length > 0 && (
          <div className="col">
            <InputFields
              names={editable}
              matrix
              notes={def.id === 'affine' ? { dY: t('matrix.upstreamNote') } : undefined}
            />
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
          </div>
        )}
        <div className="col">{state && <MatrixInspector g={def.graph} state={state} />}</div>
        <div className="col">{state && <MatrixValuesTable g={def.graph} state={state} />}</div>
      </div>
      {state && (
        <CodeView
          code={def.code}
          last={state.last && { kind: state.last.kind, nodeId: state.last.trace.node.id }}
          name={name}
        />
      )}
    </>
  );
}
