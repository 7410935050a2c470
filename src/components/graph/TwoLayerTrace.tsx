import { useMemo } from 'react';
import { DigitCanvas } from '../common/DigitCanvas';
import { DrawPad } from './DrawPad';
import { PIXELS, TEST_IMAGES } from '../../constants';
import { formatNumber, type StepState, type TValue } from '../../engine';
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

/** The image, the activations, the scores and probabilities; then dout at every layer, dW2 and dW1. */
export function TwoLayerTrace({ state, tl }: { state: StepState<TValue>; tl: TwoLayerInputs }) {
  const t = useT();
  const image = useAppStore((s) => s.traceImage);
  const setImage = useAppStore((s) => s.setTraceImage);
  const { values: v, grads: g } = state;
  const y = useMemo(() => {
    const a2 = v.a2;
    if (!a2) return null;
    const max = Math.max(...a2.m.data);
    const e = Array.from(a2.m.data, (s) => Math.exp(s - max));
    const sum = e.reduce((p, q) => p + q, 0);
    return e.map((q) => q / sum);
  }, [v.a2]);
  const pred = y ? y.indexOf(Math.max(...y)) : -1;
  const W1 = tl.inputs?.W1;
  const hidden = W1?.m.cols ?? 0;
  return (
    <section className="trace" aria-label={t('tln.region')}>
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
            : tl.liveIter !== null
              ? t('tln.live', { iter: tl.liveIter })
              : tl.otherNet !== null
                ? t('tln.otherNet', { seed: tl.seed, arch: tl.otherNet })
                : t('tln.fresh', { seed: tl.seed })}
        </span>
      </div>
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
          <Panel title={t('tln.hidden', { h: hidden })} k={2} k0={state.k}>
            {v.z1 && <Bars values={v.z1.m.data} label={t('tln.hidden', { h: hidden })} />}
          </Panel>
          <Panel title={t('tln.scores')} k={3} k0={state.k}>
            {v.a2 && <Bars values={v.a2.m.data} label={t('tln.scores')} highlight={tl.label} />}
          </Panel>
          <Panel title={t('tln.probs', { pred })} k={4} k0={state.k}>
            {y && <Bars values={y} label={t('tln.probs', { pred })} highlight={tl.label} />}
            {v.loss && (
              <p className="trace-loss">{t('tln.loss', { label: tl.label, loss: formatNumber(v.loss.m.data[0]) })}</p>
            )}
          </Panel>
          <Panel title={t('tln.dscores')} k={5} k0={state.k}>
            {g.a2 && <Bars values={g.a2.m.data} label={t('tln.dscores')} kind="grad" highlight={tl.label} />}
          </Panel>
          <Panel title={t('tln.dhidden')} k={6} k0={state.k}>
            {g.z1 && <Bars values={g.z1.m.data} label={t('tln.dhidden')} kind="grad" />}
          </Panel>
          <Panel title={t('tln.da1')} k={7} k0={state.k}>
            {g.a1 && <Bars values={g.a1.m.data} label={t('tln.da1')} kind="grad" />}
          </Panel>
          <Panel title={t('tln.dW2', { h: hidden })} k={6} k0={state.k}>
            {g.W2 && (
              <Tiles
                data={transpose(g.W2)}
                rows={g.W2.m.cols}
                cols={g.W2.m.rows}
                mode="heat"
                label={t('tln.dW2', { h: hidden })}
              />
            )}
          </Panel>
          <Panel title={t('tln.dW1')} k={8} k0={state.k} wide>
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
