import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import type { KeepNote } from '../../store/types';
import { hasSavedRecord } from '../../store/keepSlice';
import { isBusy } from '../../store/trainingSlice';
import { formatWhen } from '../common/formatWhen';
import { useFocusFallback } from '../common/useFocusFallback';
import { useT } from '../common/useT';
import { useTError } from '../common/useTError';

/** Notes that tell what happened rather than what went wrong. */
const INFO_NOTES = new Set<KeepNote['key']>([
  'keep.cleared',
  'keep.otherSaved',
  'keep.otherCleared',
  'keep.clearedOther',
]);

/** Keep the run in the browser, clear it, take the weights out as .npz and bring them back. */
export function KeepControls() {
  const t = useT();
  const tError = useTError();
  const s = useAppStore(
    useShallow((x) => ({
      lang: x.lang,
      phase: x.phase,
      hasParams: x.params !== null,
      savedAt: x.savedAt,
      hasRecord: hasSavedRecord(x),
      keepNote: x.keepNote,
      importError: x.importError,
      exportWeights: x.exportWeights,
      importWeights: x.importWeights,
      clearSavedRun: x.clearSavedRun,
    })),
  );
  const busy = isBusy(s.phase);
  const clearDisabled = busy || !s.hasRecord;
  const exportRef = useRef<HTMLButtonElement>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  useFocusFallback(clearRef, clearDisabled, [importRef, exportRef]);
  const noteText = (n: KeepNote): string => ('reason' in n ? t(n.key, { reason: n.reason }) : t(n.key));
  const failed = s.keepNote !== null && !INFO_NOTES.has(s.keepNote.key);
  return (
    <section className="keep" aria-label={t('keep.region')}>
      <h3>{t('keep.title')}</h3>
      <div className="keep-row">
        <button ref={exportRef} type="button" onClick={s.exportWeights} disabled={!s.hasParams || busy}>
          {t('keep.export')}
        </button>
        <span className="file-field">
          <label htmlFor="import-weights">{t('keep.import')}</label>
          <input
            ref={importRef}
            id="import-weights"
            type="file"
            accept=".npz"
            disabled={busy}
            aria-describedby={s.importError ? 'import-weights-error' : 'import-weights-hint'}
            aria-invalid={s.importError ? 'true' : 'false'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // the same file again is a new choice
              if (file) void s.importWeights(file);
            }}
          />
        </span>
        <button ref={clearRef} type="button" onClick={() => void s.clearSavedRun()} disabled={clearDisabled}>
          {t('keep.clear')}
        </button>
      </div>
      <p className="hint" id="import-weights-hint">
        {t('keep.importHint')}
      </p>
      {s.importError && (
        <p className="field-error" id="import-weights-error" role="alert">
          {t('keep.importFailed', { message: tError(s.importError) })}
        </p>
      )}
      <p className={failed ? 'field-error keep-note' : 'hint keep-note'} aria-live="polite">
        {s.keepNote
          ? noteText(s.keepNote)
          : s.savedAt !== null
            ? t('keep.savedAt', { when: formatWhen(s.lang, s.savedAt) })
            : t('keep.notSaved')}
      </p>
    </section>
  );
}
