import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { isBusy } from '../../store/trainingSlice';
import { formatCount } from '../common/formatWhen';
import { useFocusFallback } from '../common/useFocusFallback';
import { useT } from '../common/useT';
import { useTError } from '../common/useTError';

/** Train on the learner's own IDX files instead of MNIST, and back. */
export function DatasetControls() {
  const t = useT();
  const tError = useTError();
  const s = useAppStore(
    useShallow((x) => ({
      lang: x.lang,
      phase: x.phase,
      dataset: x.dataset,
      own: x.ownData !== null,
      reading: x.datasetReading,
      error: x.datasetError,
      loadIdxFiles: x.loadIdxFiles,
      useMnist: x.useMnist,
    })),
  );
  const busy = isBusy(s.phase);
  const mnistDisabled = !s.own || busy;
  const filesRef = useRef<HTMLInputElement>(null);
  const mnistRef = useRef<HTMLButtonElement>(null);
  useFocusFallback(mnistRef, mnistDisabled, [filesRef]);
  const f = s.dataset.files;
  return (
    <section className="dataset" aria-label={t('dataset.title')}>
      <p className="dataset-line">
        {f
          ? t('dataset.own', {
              train: formatCount(s.lang, s.dataset.trainCount),
              test: formatCount(s.lang, s.dataset.testCount),
              files: [f.trainImages, f.trainLabels, f.testImages, f.testLabels].join(', '),
            })
          : t('dataset.mnist')}
      </p>
      <div className="keep-row">
        <span className="file-field">
          <label htmlFor="idx-files">{t('dataset.load')}</label>
          <input
            ref={filesRef}
            id="idx-files"
            type="file"
            multiple
            disabled={busy || s.reading}
            aria-describedby={s.error ? 'idx-files-error' : 'idx-files-hint'}
            aria-invalid={s.error ? 'true' : 'false'}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) void s.loadIdxFiles(files);
            }}
          />
        </span>
        <button ref={mnistRef} type="button" onClick={s.useMnist} disabled={mnistDisabled}>
          {t('dataset.useMnist')}
        </button>
      </div>
      <p className="hint" id="idx-files-hint">
        {s.reading ? t('dataset.reading') : t('dataset.hint')}
      </p>
      {s.error && (
        <p className="field-error" id="idx-files-error" role="alert">
          {t('dataset.failed', { message: tError(s.error) })}
        </p>
      )}
    </section>
  );
}
