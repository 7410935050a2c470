import { memo, useMemo, useRef } from 'react';
import { paramShapes } from '../../net/arch';
import { archOf, BOOK_CONFIG } from '../../net/config';
import { useAppStore } from '../../store';
import { configFrom } from '../../store/trainingFields';
import { useFocusFallback, useFocusWhenGone } from '../common/useFocusFallback';
import { useT } from '../common/useT';
import { useTError } from '../common/useTError';
import { BOOK_HIDDEN_SIZE, paramCount } from '../../constants';

const fmtTime = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;

/** gradient_check.py in the browser: the difference per param, both times and the speedup. */
export const GradientCheck = memo(function GradientCheck() {
  const t = useT();
  const tError = useTError();
  const phase = useAppStore((s) => s.gcPhase);
  const done = useAppStore((s) => s.gcDone);
  const total = useAppStore((s) => s.gcTotal);
  const result = useAppStore((s) => s.gcResult);
  const error = useAppStore((s) => s.gcError);
  const shared = useAppStore((s) => s.gcSharedWithTraining);
  const run = useAppStore((s) => s.runGradcheck);
  const cancel = useAppStore((s) => s.cancelGradcheck);
  const runRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Run hands focus to Cancel while the check runs; when Cancel goes, focus returns to Run.
  useFocusFallback(runRef, phase === 'running', [cancelRef]);
  useFocusWhenGone(phase === 'running', [runRef]);
  const texts = useAppStore((s) => s.trainTexts);
  // A row per param: the checked net's, or the settings' net before a check.
  const names = useMemo(
    () => (result ? Object.keys(result.diffs) : paramShapes(archOf(configFrom(texts) ?? BOOK_CONFIG)).map(([k]) => k)),
    [result, texts],
  );
  const ok = result ? Object.values(result.diffs).every((d) => d <= 1e-9) : false;
  // The numerical gradient's cost per parameter, for all of them (it may have covered fewer).
  const numericalAll = result ? (result.numericalMs * result.total) / result.checked : 0;
  return (
    <section className="gradcheck" aria-labelledby="gc-title">
      <h3 id="gc-title">{t('gc.title')}</h3>
      <p className="hint">{t('gc.intro')}</p>
      <div className="buttons">
        <button ref={runRef} type="button" className="primary" onClick={run} disabled={phase === 'running'}>
          {t('gc.run')}
        </button>
        {phase === 'running' && (
          <button ref={cancelRef} type="button" onClick={cancel}>
            {t('gc.cancel')}
          </button>
        )}
      </div>
      {phase === 'running' && (
        <div className="gc-progress">
          <div
            role="progressbar"
            aria-label={t('gc.progress')}
            aria-valuemin={0}
            aria-valuemax={total || paramCount(BOOK_HIDDEN_SIZE)}
            aria-valuenow={done}
            className="bar"
          >
            <div style={{ width: `${total ? (100 * done) / total : 0}%` }} />
          </div>
          <span>{t('gc.running', { done, total: total || paramCount(BOOK_HIDDEN_SIZE) })}</span>
        </div>
      )}
      {phase === 'cancelled' && <p className="hint">{t('gc.cancelled')}</p>}
      {phase === 'error' && (
        <p className="field-error" role="alert">
          {t('train.error', { message: error ? tError(error) : '' })}
        </p>
      )}
      <table aria-label={t('gc.table')} className="gc-table">
        <thead>
          <tr>
            <th scope="col">{t('gc.param')}</th>
            <th scope="col">{t('gc.diff')}</th>
          </tr>
        </thead>
        <tbody>
          {names.map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{result && k in result.diffs ? result.diffs[k].toExponential(2) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="gc-times">
        <dt id="gc-num">{t('gc.numTime')}</dt>
        <dd>
          <output aria-labelledby="gc-num">{result ? fmtTime(result.numericalMs) : '—'}</output>
        </dd>
        <dt id="gc-bp">{t('gc.bpTime')}</dt>
        <dd>
          <output aria-labelledby="gc-bp">{result ? fmtTime(result.backpropMs) : '—'}</output>
        </dd>
        <dt id="gc-speedup">{t('gc.speedup')}</dt>
        <dd>
          <output aria-labelledby="gc-speedup">
            {result ? t('gc.times', { x: Math.round(numericalAll / result.backpropMs).toLocaleString('en-US') }) : '—'}
          </output>
        </dd>
      </dl>
      {result && <p className={ok ? 'ok' : 'field-error'}>{t(ok ? 'gc.ok' : 'gc.bad')}</p>}
      {result && result.checked < result.total && (
        <p className="hint">{t('gc.sampled', { checked: result.checked, total: result.total })}</p>
      )}
      {result && shared && <p className="hint">{t('gc.sharedWithTraining')}</p>}
      {result && (
        <p className="hint">
          {t('gc.seed', { seed: result.seed, net: result.net })}{' '}
          {result.skipped.map((s) => t('gc.skipped', { seed: s.seed, closest: s.closest.toExponential(1) })).join(' ')}
        </p>
      )}
    </section>
  );
});
