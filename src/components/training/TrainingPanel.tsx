import { memo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageKey } from '../../i18n';
import type { EvalRow } from '../../net/trainer';
import { useAppStore } from '../../store';
import { configFrom, TRAIN_FIELDS, type TrainField } from '../../store/trainingFields';
import { isBusy } from '../../store/trainingSlice';
import { AccuracyChart } from '../charts/AccuracyChart';
import { LossChart } from '../charts/LossChart';
import { useFocusFallback } from '../common/useFocusFallback';
import { useT } from '../common/useT';
import { useTError } from '../common/useTError';
import { formatCount, formatWhen } from '../common/formatWhen';
import { AccuracyTable } from './AccuracyTable';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DatasetControls } from './DatasetControls';
import { KeepControls } from './KeepControls';
import { DigitGrid } from './DigitGrid';
import { GradientCheck } from './GradientCheck';
import { BOOK_BATCH_SIZE } from '../../constants';

const LABEL: Record<TrainField, MessageKey> = {
  hiddenSize: 'train.hiddenSize',
  learningRate: 'train.learningRate',
  batchSize: 'train.batchSize',
  iterations: 'train.iterations',
  weightInitStd: 'train.weightInitStd',
  seed: 'train.seed',
};

function useStatusText(): string {
  const t = useT();
  const tError = useTError();
  const s = useAppStore(
    useShallow((x) => ({
      lang: x.lang,
      phase: x.phase,
      evals: x.evals,
      evaluating: x.evaluating,
      iter: x.iter,
      trainMessage: x.trainMessage,
      imported: x.imported,
      restoredAt: x.restoredAt,
      runDataset: x.runDataset,
    })),
  );
  const last = s.evals[s.evals.length - 1];
  const epochLine = last
    ? t('train.epochStatus', {
        epoch: last.final ? Number(last.epoch.toFixed(2)) : last.epoch,
        train: last.train.toFixed(4),
        test: last.test.toFixed(4),
      })
    : null;
  const count = formatCount(s.lang, s.runDataset.trainCount + s.runDataset.testCount);
  const status = ((): string => {
    switch (s.phase) {
      case 'idle':
        return t('train.idle');
      case 'loading':
        return s.runDataset.files ? t('train.loadingOwn') : t('train.loading');
      case 'running':
        if (s.evaluating) return t('train.evaluating', { count });
        return epochLine ?? t('train.running', { iter: s.iter });
      case 'paused':
        return t('train.paused', { iter: s.iter });
      case 'finished':
        return t('train.finished');
      case 'stopped':
        return t('train.stopped');
      case 'evaluating':
        return t('train.evaluatingImported', { count });
      case 'imported':
        return t('train.imported', {
          file: s.imported?.file ?? '',
          train: (s.imported?.train ?? 0).toFixed(4),
          test: (s.imported?.test ?? 0).toFixed(4),
        });
      case 'diverged':
      case 'error': {
        const m = s.trainMessage;
        if (m?.key === 'train.diverged') return t('train.diverged', { iter: m.iter, loss: m.loss });
        return t('train.error', { message: m?.key === 'train.error' ? tError(m.error) : '' });
      }
    }
  })();
  return s.restoredAt !== null ? t('train.restored', { when: formatWhen(s.lang, s.restoredAt), status }) : status;
}

// The charts and the table redraw only when their own data changes, not on every progress tick.
const Charts = memo(function Charts({
  losses,
  total,
  evals,
  maxEpoch,
}: {
  losses: number[];
  total: number;
  evals: EvalRow[];
  maxEpoch: number;
}) {
  return (
    <>
      <div className="charts">
        <LossChart losses={losses} total={total} />
        <AccuracyChart rows={evals} maxEpoch={maxEpoch} />
      </div>
      <AccuracyTable rows={evals} />
    </>
  );
});

type Store = ReturnType<typeof useAppStore.getState>;

/** The run's settings as typed, each with its error, and the precision. */
function TrainFields({
  texts,
  errors,
  busy,
  dtype,
  onEdit,
  onDtype,
}: {
  texts: Store['trainTexts'];
  errors: Store['trainErrors'];
  busy: boolean;
  dtype: Store['trainDtype'];
  onEdit: Store['editTrainField'];
  onDtype: Store['setTrainDtype'];
}) {
  const t = useT();
  return (
    <div className="train-fields">
      {TRAIN_FIELDS.map((f) => {
        const id = `train-${f}`;
        const err = errors[f];
        return (
          <div className="field" key={f}>
            <label htmlFor={id}>{t(LABEL[f])}</label>
            <input
              id={id}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={texts[f]}
              disabled={busy}
              aria-invalid={err ? 'true' : 'false'}
              aria-describedby={err ? `${id}-error` : undefined}
              onChange={(e) => onEdit(f, e.target.value)}
            />
            {err && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {t(err.key, err.params)}
              </span>
            )}
          </div>
        );
      })}
      <div className="field">
        <label htmlFor="train-dtype">{t('train.precision')}</label>
        <select
          id="train-dtype"
          value={dtype}
          disabled={busy}
          onChange={(e) => onDtype(e.target.value === 'float64' ? 'float64' : 'float32')}
        >
          <option value="float32">{t('train.float32')}</option>
          <option value="float64">{t('train.float64')}</option>
        </select>
      </div>
    </div>
  );
}

/** The bar, the iterations done, their rate, the time left and the kernel. */
function TrainProgress({
  phase,
  iter,
  total,
  itersPerSec,
  kernel,
}: {
  phase: Store['phase'];
  iter: number;
  total: number;
  itersPerSec: number;
  kernel: Store['kernel'];
}) {
  const t = useT();
  const eta = phase === 'running' && itersPerSec > 0 ? Math.ceil((total - iter) / itersPerSec) : null;
  return (
    <div className="progress-row">
      <div
        role="progressbar"
        aria-label={t('train.progress')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={iter}
        className="bar"
      >
        <div style={{ width: `${(100 * iter) / Math.max(1, total)}%` }} />
      </div>
      <span className="progress-text">
        {t('train.iterOf', { iter, total })}
        {phase === 'running' && itersPerSec > 0 && ` · ${t('train.rate', { rate: Math.round(itersPerSec) })}`}
        {eta !== null && ` · ${t('train.eta', { s: eta })}`}
        {kernel && ` · ${kernel}`}
      </span>
    </div>
  );
}

export function TrainingPanel() {
  const t = useT();
  const s = useAppStore(
    useShallow((x) => ({
      phase: x.phase,
      trainTexts: x.trainTexts,
      trainErrors: x.trainErrors,
      iter: x.iter,
      iterationsAsked: x.iterationsAsked,
      itersPerSec: x.itersPerSec,
      kernel: x.kernel,
      losses: x.losses,
      evals: x.evals,
      train: x.train,
      editTrainField: x.editTrainField,
      trainDtype: x.trainDtype,
      setTrainDtype: x.setTrainDtype,
      pauseTraining: x.pauseTraining,
      resumeTraining: x.resumeTraining,
      stopTraining: x.stopTraining,
      trainCount: x.runDataset.trainCount,
      ownData: x.ownData !== null,
      datasetReading: x.datasetReading,
    })),
  );
  const valid = configFrom(s.trainTexts) !== null;
  const busy = isBusy(s.phase);
  const canPause = s.phase === 'running' || s.phase === 'paused';
  // Train waits for valid fields, the end of a run, and the learner's files being read.
  const trainDisabled = !valid || busy || s.datasetReading;
  const trainRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  useFocusFallback(trainRef, trainDisabled, [pauseRef, stopRef]);
  useFocusFallback(pauseRef, !canPause, [trainRef, stopRef]);
  useFocusFallback(stopRef, !busy, [trainRef, pauseRef]);
  const status = useStatusText();
  const maxEpoch =
    s.iterationsAsked / Math.max(1, s.trainCount / Math.max(1, Number(s.trainTexts.batchSize) || BOOK_BATCH_SIZE));
  return (
    <section className="panel train-panel view" aria-label={t('train.region')} id="training">
      <h2>{t(s.ownData ? 'train.titleOwn' : 'train.title')}</h2>
      <p className="blurb">{t('train.intro')}</p>
      <div className="train-cols">
        <div className="train-setup">
          <DatasetControls />
          <form
            className="train-form"
            onSubmit={(e) => {
              e.preventDefault();
              s.train();
            }}
            noValidate
          >
            <TrainFields
              texts={s.trainTexts}
              errors={s.trainErrors}
              busy={busy}
              dtype={s.trainDtype}
              onEdit={s.editTrainField}
              onDtype={s.setTrainDtype}
            />
            <div className="buttons">
              <button ref={trainRef} type="submit" className="primary" disabled={trainDisabled}>
                {t('train.train')}
              </button>
              <button
                ref={pauseRef}
                type="button"
                onClick={s.phase === 'paused' ? s.resumeTraining : s.pauseTraining}
                disabled={!canPause}
              >
                {s.phase === 'paused' ? t('train.resume') : t('train.pause')}
              </button>
              <button ref={stopRef} type="button" onClick={s.stopTraining} disabled={!busy || s.phase === 'evaluating'}>
                {t('train.stop')}
              </button>
              {s.phase === 'error' && valid && !s.datasetReading && (
                <button type="button" onClick={s.train}>
                  {t('train.retry')}
                </button>
              )}
            </div>
            {!valid && <p className="field-error">{t('train.fixErrors')}</p>}
            {s.datasetReading && <p className="hint">{t('train.waitForFiles')}</p>}
          </form>
          <TrainProgress
            phase={s.phase}
            iter={s.iter}
            total={s.iterationsAsked}
            itersPerSec={s.itersPerSec}
            kernel={s.kernel}
          />
          <p role="status" aria-label={t('train.status')} className={`train-status ${s.phase}`}>
            {status}
          </p>
          <KeepControls />
          <GradientCheck />
        </div>
        <div className="train-results">
          <Charts losses={s.losses} total={s.iterationsAsked} evals={s.evals} maxEpoch={maxEpoch} />
          <DigitGrid />
          <ConfusionMatrix />
        </div>
      </div>
    </section>
  );
}
