import { useMemo } from 'react';
import { DigitCanvas } from '../common/DigitCanvas';
import { DrawPad } from './DrawPad';
import { PIXELS, TEST_IMAGES } from '../../constants';
import { formatNumber, type StepState, type TensorGraph, type TValue } from '../../engine';
import { useAppStore } from '../../store';
import { Bars } from '../charts/Bars';
import { Tiles } from '../charts/Tiles';
import { useT } from '../common/useT';
import type { TwoLayerInputs } from './useTwoLayerInputs';

const transpose = (v: TValue): Float64Array => {
  const { rows, cols, data } = v.m;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return out;
};

/**
 * Where the trace's panels find their values in the traced graph (any net of the family): the
 * first hidden activation, the scores, the last Affine's W, each with the step that shows it.
 * Step k ≤ N runs node k − 1 forward; step N + j runs node N − j backward, which writes the
 * gradients of that node's inputs.
 */
function tracePlan(graph: TensorGraph) {
  const nodes = graph.nodes;
  const N = nodes.length;
  const at = (id: string) => nodes.findIndex((n) => n.id === id);
  const back = (i: number) => 2 * N - i;
  const loss = nodes.findIndex((n) => n.op === 'softmaxLoss');
  const scores = nodes[loss].inputs[0];
  const scoresAt = nodes.findIndex((n) => n.output === scores);
  const last = nodes[scoresAt];
  const act = nodes.findIndex((n) => n.op === 'relu' || n.op === 'sigmoid');
  const first = nodes[0];
  const afterFirst = nodes.findIndex((n) => n.inputs[0] === first.output);
  const consumer = (name: string) => nodes.findIndex((n) => n.inputs.includes(name));
  return {
    N,
    scores,
    last,
    kScores: scoresAt + 1,
    kLoss: loss + 1,
    kdScores: back(loss),
    act: nodes[act],
    kAct: act + 1,
    kdAct: back(consumer(nodes[act].output)),
    kLast: back(scoresAt),
    first,
    /** What stands after the first Affine: ReLU for the book's two-layer net, batch norm or a sigmoid in others. */
    afterFirst: nodes[afterFirst],
    kdFirst: back(afterFirst),
    kW1: back(at(first.id)),
  };
}

/**
 * The panels' captions, from the graph's names. The book's two-layer net (ReLU right after
 * Affine1) keeps chapter 5's own words for its hidden layer and its dout into Affine1.
 */
function captions(
  t: ReturnType<typeof useT>,
  plan: ReturnType<typeof tracePlan>,
  hidden: number,
  lastRows: number,
  pred: number,
) {
  const [z, W, b] = plan.last.inputs;
  const act = plan.act.output;
  const bookNet = plan.afterFirst.op === 'relu';
  return {
    hidden: bookNet
      ? t('tln.hidden', { h: hidden })
      : t('tln.hiddenDeep', { z: act, label: plan.act.label ?? act, h: hidden }),
    scores: t('tln.scores', { a: plan.scores, z, W, b }),
    probs: t('tln.probs', { pred }),
    dscores: t('tln.dscores', { label: plan.last.label ?? '' }),
    dhidden: t('tln.dhidden', { label: plan.act.label ?? '', z: act, W }),
    dFirst: bookNet ? t('tln.da1') : t('tln.daFirst', { label: plan.first.label ?? '' }),
    dLast: t('tln.dW2', { W, z, h: lastRows }),
  };
}

/** The image, the activations, the scores and probabilities; then dout at every layer, the last dW and dW1. */
export function TwoLayerTrace({
  state,
  tl,
  graph,
}: {
  state: StepState<TValue>;
  tl: TwoLayerInputs;
  graph: TensorGraph;
}) {
  const t = useT();
  const { values: v, grads: g } = state;
  const plan = useMemo(() => tracePlan(graph), [graph]);
  const sc = v[plan.scores];
  const y = useMemo(() => {
    if (!sc) return null;
    const max = Math.max(...sc.m.data);
    const e = Array.from(sc.m.data, (s) => Math.exp(s - max));
    const sum = e.reduce((p, q) => p + q, 0);
    return e.map((q) => q / sum);
  }, [sc]);
  const pred = y ? y.indexOf(Math.max(...y)) : -1;
  const W1 = tl.inputs?.W1;
  const hidden = W1?.m.cols ?? 0;
  const lastW = plan.last.inputs[1];
  const c = captions(t, plan, hidden, tl.inputs?.[lastW]?.m.rows ?? hidden, pred);
  const lastDW = g[lastW];
  const dScores = g[plan.scores];
  const hiddenOut = v[plan.act.output];
  const dHidden = g[plan.act.output];
  const dFirst = g[plan.first.output];
  return (
    <section className="trace" aria-label={t('tln.region')}>
      <TracePick tl={tl} />
      {tl.state === 'loading' && <p className="hint">{t('tln.loading')}</p>}
      {tl.state === 'error' && (
        <p className="field-error" role="alert">
          {t('train.error', { message: tl.error ?? '' })}
        </p>
      )}
      {tl.inputs && (
        <div className="trace-grid">
          <figure>
            <figcaption>{t(tl.drawn ? 'tln.inputDrawn' : 'tln.input', { label: tl.label })}</figcaption>
            <DigitCanvas pixels={tl.inputs.x.m.data} max={1} className="trace-digit" />
          </figure>
          <figure>
            <figcaption>{t('tln.draw')}</figcaption>
            <DrawPad />
          </figure>
          <Panel title={c.hidden} k={plan.kAct} k0={state.k}>
            {hiddenOut && <Bars values={hiddenOut.m.data} label={c.hidden} />}
          </Panel>
          <Panel title={c.scores} k={plan.kScores} k0={state.k}>
            {sc && <Bars values={sc.m.data} label={c.scores} highlight={tl.label} />}
          </Panel>
          <Panel title={c.probs} k={plan.kLoss} k0={state.k}>
            {y && <Bars values={y} label={c.probs} highlight={tl.label} />}
            {v.loss && (
              <p className="trace-loss">{t('tln.loss', { label: tl.label, loss: formatNumber(v.loss.m.data[0]) })}</p>
            )}
          </Panel>
          <Panel title={c.dscores} k={plan.kdScores} k0={state.k}>
            {dScores && <Bars values={dScores.m.data} label={c.dscores} kind="grad" highlight={tl.label} />}
          </Panel>
          <Panel title={c.dhidden} k={plan.kdAct} k0={state.k}>
            {dHidden && <Bars values={dHidden.m.data} label={c.dhidden} kind="grad" />}
          </Panel>
          <Panel title={c.dFirst} k={plan.kdFirst} k0={state.k}>
            {dFirst && <Bars values={dFirst.m.data} label={c.dFirst} kind="grad" />}
          </Panel>
          <Panel title={c.dLast} k={plan.kLast} k0={state.k}>
            {lastDW && (
              <Tiles data={transpose(lastDW)} rows={lastDW.m.cols} cols={lastDW.m.rows} mode="heat" label={c.dLast} />
            )}
          </Panel>
          <Panel title={t('tln.dW1')} k={plan.kW1} k0={state.k} wide>
            {g.W1 && <Tiles data={g.W1.m.data} rows={PIXELS} cols={g.W1.m.cols} mode="tiles" label={t('tln.dW1')} />}
          </Panel>
          {W1 && (
            <Panel title={t('tln.W1', { h: hidden })} k={0} k0={state.k} wide>
              <Tiles data={W1.m.data} rows={PIXELS} cols={W1.m.cols} mode="tiles" label={t('tln.W1', { h: hidden })} />
            </Panel>
          )}
        </div>
      )}
    </section>
  );
}

function Panel({
  title,
  k,
  k0,
  wide,
  children,
}: {
  title: string;
  k: number;
  k0: number;
  wide?: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <figure className={`trace-panel${wide ? ' wide' : ''}${k0 >= k ? '' : ' pending'}`}>
      <figcaption>{title}</figcaption>
      {k0 >= k ? children : <p className="hint">{t('tln.pending', { k })}</p>}
    </figure>
  );
}

/** The image picker, and where the traced weights come from. */
function TracePick({ tl }: { tl: TwoLayerInputs }) {
  const t = useT();
  const image = useAppStore((s) => s.traceImage);
  const setImage = useAppStore((s) => s.setTraceImage);
  return (
    <div className="trace-pick">
      <label htmlFor="trace-image">{t('tln.image')}</label>
      <input
        id="trace-image"
        type="number"
        min={0}
        max={TEST_IMAGES - 1}
        step={1}
        value={image}
        onChange={(e) => setImage(Number(e.target.value) || 0)}
      />
      <button type="button" onClick={() => setImage((image * 7919 + 104729) % TEST_IMAGES)}>
        {t('tln.another')}
      </button>
      <span className="hint">
        {tl.importedFrom !== null
          ? t('tln.imported', { file: tl.importedFrom })
          : tl.otherNet !== null
            ? t('tln.otherNet', { arch: tl.otherNet, iter: tl.liveIter ?? 0 })
            : tl.liveIter !== null
              ? t('tln.live', { iter: tl.liveIter })
              : t('tln.fresh', { seed: tl.seed })}
      </span>
    </div>
  );
}
