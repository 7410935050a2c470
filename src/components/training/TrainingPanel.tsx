import { memo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EvalRow } from '../../net/trainer';
import { formatNumber } from '../../engine/format';
import { useAppStore } from '../../store';
import { configFrom } from '../../store/trainingFields';
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
import { TrainSettings } from './TrainSettings';
import { BOOK_BATCH_SIZE } from '../../constants';

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
        if (m?.key === 'train.diverged')
          return t('train.diverged', { iter: m.iter, loss: formatNumber(Number(m.loss)) });
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
      dataset: x.dataset,
    })),
  );
  const config = configFrom(s.trainTexts, s.dataset);
  const valid = config !== null;
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
  // The book's Trainer: an epoch is the training images used over the batch size.
  const images = Math.min(config?.trainImages ?? s.trainCount, s.trainCount);
  const maxEpoch = s.iterationsAsked / Math.max(1, images / Math.max(1, config?.batchSize ?? BOOK_BATCH_SIZE));
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
            <TrainSettings
              texts={s.trainTexts}
              errors={s.trainErrors}
              busy={busy}
              dtype={s.trainDtype}
              ctx={s.dataset}
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
