import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PIXELS } from '../../constants';
import { cellImages, probabilities } from '../../net/confusion';
import { useAppStore } from '../../store';
import { DigitCanvas } from '../common/DigitCanvas';
import { formatCount } from '../common/formatWhen';
import { useT } from '../common/useT';

const PAGE = 40;

/**
 * The test images of one confusion-matrix cell with the net's probabilities; clicking one
 * traces it in the two-layer-net graph, so the learner can see why it was (mis)read.
 */
export function MistakeViewer({ truth, pred, onClose }: { truth: number; pred: number; onClose: () => void }) {
  const t = useT();
  const s = useAppStore(
    useShallow((x) => ({
      lang: x.lang,
      labels: x.testLabels,
      predictions: x.predictions,
      params: x.params,
      runDataset: x.runDataset,
      dataset: x.dataset,
      testSet: x.testSet,
      testSetState: x.testSetState,
      testSetError: x.testSetError,
      loadTestSet: x.loadTestSet,
      setTraceImage: x.setTraceImage,
      setGraph: x.setGraph,
    })),
  );
  // A new cell is a new viewer (keyed by the cell), so the page starts at 0.
  const [page, setPage] = useState(0);
  // The images are the ones the run was evaluated on only if that data set is the one loaded now.
  const sameData = s.runDataset.id === s.dataset.id;
  const { loadTestSet } = s;
  useEffect(() => {
    if (sameData) loadTestSet();
  }, [sameData, loadTestSet]);
  const indices = useMemo(
    () => (s.labels && s.predictions ? cellImages(s.labels, s.predictions, truth, pred) : []),
    [s.labels, s.predictions, truth, pred],
  );
  const shown = indices.slice(page * PAGE, (page + 1) * PAGE);
  const images = sameData && s.testSet && s.testSet.labels.length === s.labels?.length ? s.testSet : null;
  const open = (index: number) => {
    s.setTraceImage(index);
    s.setGraph('two-layer-net');
    document.querySelector(`section[aria-label="${t('graph.region')}"]`)?.scrollIntoView({ block: 'start' });
  };
  const name = s.runDataset.files?.testImages ?? '';
  const probs = useMemo(
    () => (images && s.params ? shown.map((index) => probabilities(s.params!, images.images.pixels, index)) : []),
    // `shown` is a fresh array each render; the page, the cell and the net decide what it holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [images, s.params, indices, page],
  );
  return (
    <section className="mistakes" aria-label={t('cm.viewer', { truth, pred })}>
      <div className="mistakes-head">
        <h4>{t('cm.viewer', { truth, pred })}</h4>
        {indices.length > 0 && (
          <span className="hint">
            {t('cm.shown', {
              from: formatCount(s.lang, page * PAGE + 1),
              to: formatCount(s.lang, page * PAGE + shown.length),
              count: formatCount(s.lang, indices.length),
            })}
          </span>
        )}
        <button type="button" onClick={() => setPage(page - 1)} disabled={page === 0}>
          {t('cm.prev')}
        </button>
        <button type="button" onClick={() => setPage(page + 1)} disabled={(page + 1) * PAGE >= indices.length}>
          {t('cm.next')}
        </button>
        <button type="button" onClick={onClose}>
          {t('cm.close')}
        </button>
      </div>
      {indices.length === 0 ? (
        <p className="hint">{t('cm.empty', { truth, pred })}</p>
      ) : !sameData ? (
        <p className="hint">{s.runDataset.files ? t('cm.otherData', { name }) : t('cm.otherMnist')}</p>
      ) : !images || !s.params ? (
        <p className={s.testSetState === 'error' ? 'field-error' : 'hint'}>
          {s.testSetState === 'error' ? (s.testSetError ?? '') : t('cm.loadingImages')}
        </p>
      ) : (
        <ul>
          {shown.map((index, k) => {
            const px = images.images.pixels.subarray(index * PIXELS, (index + 1) * PIXELS);
            const p = probs[k];
            return (
              <li key={index}>
                <button
                  type="button"
                  onClick={() => open(index)}
                  title={t('cm.image', { index, truth, pred, p: p[pred].toFixed(3) })}
                >
                  {/* Screen readers hear the sentence; the eye sees the digit, its number and the probabilities. */}
                  <span className="visually-hidden">
                    {t('cm.image', { index, truth, pred, p: p[pred].toFixed(3) })}
                  </span>
                  <DigitCanvas pixels={px} />
                  <span className="mistake-index" aria-hidden="true">
                    #{index}
                  </span>
                  <span className="mistake-p" aria-hidden="true">
                    p({pred}) {p[pred].toFixed(2)}
                    {pred !== truth && (
                      <>
                        <br />
                        p({truth}) {p[truth].toFixed(2)}
                      </>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
