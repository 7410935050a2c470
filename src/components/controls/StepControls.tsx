import { useRef, type CSSProperties } from 'react';
import { useAppStore } from '../../store';
import { useFocusFallback } from '../common/useFocusFallback';
import { Icon } from '../common/Icon';
import { useT } from '../common/useT';

/** Where the slider's colours change: the part stepped through of each half (CSS variables). */
const halves = (step: number, total: number): CSSProperties => {
  const p = total > 0 ? (100 * step) / total : 0;
  return { '--fw': `${Math.min(p, 50)}%`, '--bw': `${Math.max(p, 50)}%` } as CSSProperties;
};

/**
 * Step forward/back, play/pause, reset, run to end, and the Step slider in two halves (forward
 * in the values' colour, backward in the gradients'), and the speed.
 */
export function StepControls({ total }: { total: number }) {
  const t = useT();
  const step = useAppStore((s) => s.step);
  const playing = useAppStore((s) => s.playing);
  const speedMs = useAppStore((s) => s.speedMs);
  const a = useAppStore.getState();
  const resetRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const play = useRef<HTMLButtonElement>(null);
  const forwardRef = useRef<HTMLButtonElement>(null);
  const endRef = useRef<HTMLButtonElement>(null);
  // A button disabled under the focus hands it to the way back (or Play, which never is disabled).
  useFocusFallback(resetRef, step === 0, [forwardRef, play]);
  useFocusFallback(backRef, step === 0, [forwardRef, play]);
  useFocusFallback(forwardRef, step >= total, [backRef, play]);
  useFocusFallback(endRef, step >= total, [backRef, play]);
  const half = total / 2;
  const valueText =
    step === 0
      ? t('controls.valueNone', { k: step, total })
      : t(step <= half ? 'controls.valueForward' : 'controls.valueBackward', {
          k: step,
          total,
          i: step <= half ? step : step - half,
          n: half,
        });
  return (
    <div className="controls">
      <div className="buttons">
        <button
          type="button"
          ref={resetRef}
          onClick={a.reset}
          disabled={step === 0}
          aria-label={t('controls.reset')}
          title={`${t('controls.reset')} (Home)`}
        >
          <Icon name="first" />
        </button>
        <button
          type="button"
          ref={backRef}
          onClick={a.stepBack}
          disabled={step === 0}
          aria-label={t('controls.stepBack')}
          title={`${t('controls.stepBack')} (←)`}
        >
          <Icon name="prev" />
        </button>
        <button
          type="button"
          ref={play}
          className="primary play"
          onClick={a.togglePlay}
          aria-label={playing ? t('controls.pause') : t('controls.play')}
          title={`${playing ? t('controls.pause') : t('controls.play')} (Space)`}
        >
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          <span aria-hidden="true">{playing ? t('controls.pause') : t('controls.play')}</span>
        </button>
        <button
          type="button"
          ref={forwardRef}
          id="step-forward"
          onClick={a.stepForward}
          disabled={step >= total}
          aria-label={t('controls.stepForward')}
          title={`${t('controls.stepForward')} (→)`}
        >
          <Icon name="next" />
        </button>
        <button
          type="button"
          ref={endRef}
          onClick={a.runToEnd}
          disabled={step >= total}
          aria-label={t('controls.runToEnd')}
          title={`${t('controls.runToEnd')} (End)`}
        >
          <Icon name="last" />
        </button>
      </div>
      <div className="slider">
        <label htmlFor="step-slider">{t('controls.stepOf', { k: step, total })}</label>
        <div className="step-track">
          <input
            id="step-slider"
            type="range"
            aria-label={t('controls.step')}
            aria-valuetext={valueText}
            min={0}
            max={total}
            step={1}
            value={step}
            style={halves(step, total)}
            onChange={(e) => a.setStep(Number(e.target.value))}
          />
          <div className="step-halves" aria-hidden="true">
            <span className="fw">{t('controls.forwardHalf')}</span>
            <span className="bw">{t('controls.backwardHalf')}</span>
          </div>
        </div>
      </div>
      <label className="speed">
        <span>{t('controls.speed')}</span>
        <select value={speedMs} onChange={(e) => a.setSpeed(Number(e.target.value))}>
          <option value={1500}>0.5×</option>
          <option value={900}>1×</option>
          <option value={450}>2×</option>
          <option value={200}>4×</option>
        </select>
      </label>
    </div>
  );
}
