import { CLASSES, PIXELS, TEST_IMAGES, TRAIN_IMAGES } from '../constants';
import type { KernelName } from '../kernels/types';
import { confusionMatrix } from '../net/confusion';
import { MAX_UNITS, TWO_LAYER_ARCH } from '../net/arch';
import { isSnapshot, type ParamSnapshot } from '../net/params';
import type { EvalRow } from '../net/trainer';
import type { DatasetInfo, SavedRun } from '../services/types';
import type { AppState, TrainingSlice } from './types';
import { DEFAULT_TRAIN_TEXTS, TRAIN_FIELDS, validateTrainField, type FieldContext } from './trainingFields';

export const MNIST_DATASET: DatasetInfo = {
  id: 'mnist',
  files: null,
  trainCount: TRAIN_IMAGES,
  testCount: TEST_IMAGES,
};

/** The confusion matrix of a run's predictions, when the predictions and labels belong together. */
export const confusionOf = (labels: Uint8Array | null, predictions: Uint8Array | null): Uint32Array | null =>
  labels && predictions && labels.length === predictions.length ? confusionMatrix(labels, predictions) : null;

/** The record to save for what the training panel shows now (null when there is no net to keep). */
export function toSavedRun(s: AppState, savedAt: number): SavedRun | null {
  if (!s.params) return null;
  const phase: SavedRun['phase'] =
    s.phase === 'finished' || s.phase === 'diverged' || s.phase === 'imported' ? s.phase : 'stopped';
  return {
    version: 1,
    savedAt,
    texts: { ...s.trainTexts },
    dtype: s.trainDtype,
    phase,
    iter: s.iter,
    iterationsAsked: s.iterationsAsked,
    losses: Float32Array.from(s.losses),
    evals: s.evals.map((r) => ({ ...r })),
    params: s.params,
    predictions: s.predictions,
    testLabels: s.testLabels,
    sampleImages: s.sampleImages,
    sampleLabels: s.sampleLabels,
    kernel: s.kernel,
    diverged:
      s.trainMessage?.key === 'train.diverged' ? { iter: s.trainMessage.iter, loss: s.trainMessage.loss } : null,
    imported: s.imported,
    dataset: s.runDataset,
  };
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const isFloats = (x: unknown): x is Float32Array | Float64Array =>
  x instanceof Float32Array || x instanceof Float64Array;
const bytesOrNull = (x: unknown, length?: number): x is Uint8Array | null =>
  x === null || (x instanceof Uint8Array && (length === undefined || x.length === length));

/**
 * A record of the version before nets had layers: { hiddenSize, W1, b1, W2, b2 }, the book's
 * TwoLayerNet. It is read as that net, so a reload after the update keeps the learner's run.
 */
function legacyParams(p: unknown): ParamSnapshot | null {
  if (!isObj(p) || !isNat(p.hiddenSize) || p.hiddenSize < 1 || p.hiddenSize > MAX_UNITS) return null;
  const h = p.hiddenSize;
  const arrays = [p.W1, p.b1, p.W2, p.b2];
  if (!arrays.every(isFloats)) return null;
  const [W1, b1, W2, b2] = arrays as (Float32Array | Float64Array)[];
  const sameKind = arrays.every((a) => a instanceof (W1 instanceof Float64Array ? Float64Array : Float32Array));
  const fits = W1.length === PIXELS * h && b1.length === h && W2.length === h * CLASSES && b2.length === CLASSES;
  return sameKind && fits ? { arch: { ...TWO_LAYER_ARCH, hidden: [h] }, tensors: { W1, b1, W2, b2 } } : null;
}

/**
 * The record's net: every array of tensorShapes(arch) at its length, one precision, and an arch
 * the app can build (1–10 hidden layers of 1–1000 units, ReLU or Sigmoid, dropout in [0, 1));
 * or an old two-layer record, read as such. Null for anything else.
 */
const paramsOf = (p: unknown): ParamSnapshot | null => (isSnapshot(p) ? p : legacyParams(p));

const checkRow = (r: unknown): r is EvalRow =>
  isObj(r) && isNum(r.epoch) && isNat(r.iter) && isNum(r.train) && isNum(r.test) && typeof r.final === 'boolean';

function checkDataset(d: unknown): d is DatasetInfo {
  if (!isObj(d) || typeof d.id !== 'string' || !isNat(d.trainCount) || !isNat(d.testCount)) return false;
  if (d.files === null) return true;
  const f = d.files;
  return isObj(f) && ['trainImages', 'trainLabels', 'testImages', 'testLabels'].every((k) => typeof f[k] === 'string');
}

/**
 * A stored record checked field by field: a record from another version of the app, or one
 * damaged on disk, gives null rather than a half-restored panel.
 */
export function parseSavedRun(x: unknown): SavedRun | null {
  if (!isObj(x) || x.version !== 1) return null;
  const params = paramsOf(x.params);
  const ok =
    isNum(x.savedAt) &&
    isObj(x.texts) &&
    (x.dtype === 'float32' || x.dtype === 'float64') &&
    ['finished', 'stopped', 'diverged', 'imported'].includes(x.phase as string) &&
    isNat(x.iter) &&
    isNat(x.iterationsAsked) &&
    x.losses instanceof Float32Array &&
    Array.isArray(x.evals) &&
    x.evals.every(checkRow) &&
    params !== null &&
    checkDataset(x.dataset) &&
    bytesOrNull(x.testLabels) &&
    bytesOrNull(x.predictions, x.testLabels instanceof Uint8Array ? x.testLabels.length : undefined) &&
    bytesOrNull(x.sampleImages) &&
    bytesOrNull(x.sampleLabels) &&
    (x.kernel === null || typeof x.kernel === 'string') &&
    (x.diverged === null || (isObj(x.diverged) && isNat(x.diverged.iter) && typeof x.diverged.loss === 'string')) &&
    (x.imported === null ||
      (isObj(x.imported) && typeof x.imported.file === 'string' && isNum(x.imported.train) && isNum(x.imported.test)));
  return ok ? ({ ...x, params } as unknown as SavedRun) : null;
}

const KERNELS: KernelName[] = ['wasm-relaxed-simd', 'wasm-simd', 'ts'];

/**
 * The settings a saved record holds, each checked with the training set in use. A record of
 * the app before multi-layer nets has only the old fields: its `hiddenSize` is the one hidden
 * layer, and the new settings take their defaults (which are that run's).
 */
export function textsFromRecord(
  texts: Record<string, unknown>,
  ctx: FieldContext,
): Pick<TrainingSlice, 'trainTexts' | 'trainErrors'> {
  const trainTexts = { ...DEFAULT_TRAIN_TEXTS };
  const trainErrors: TrainingSlice['trainErrors'] = {};
  const given =
    typeof texts.hiddenLayers !== 'string' && typeof texts.hiddenSize === 'string'
      ? { ...texts, hiddenLayers: texts.hiddenSize }
      : texts;
  for (const f of TRAIN_FIELDS) {
    const text = given[f];
    if (typeof text !== 'string') continue;
    trainTexts[f] = text;
    const r = validateTrainField(f, text, ctx);
    if (!r.ok) trainErrors[f] = r.error;
  }
  return { trainTexts, trainErrors };
}

/** The state a saved run puts back: the panel as it was when it was saved (its settings checked with `ctx`). */
export function fromSavedRun(run: SavedRun, ctx: FieldContext): Partial<TrainingSlice> {
  const { trainTexts, trainErrors } = textsFromRecord(run.texts, ctx);
  return {
    trainTexts,
    trainErrors,
    trainDtype: run.dtype,
    phase: run.phase,
    iter: run.iter,
    iterationsAsked: run.iterationsAsked,
    itersPerSec: 0,
    evaluating: false,
    losses: Array.from(run.losses),
    evals: run.evals,
    params: run.params,
    predictions: run.predictions,
    testLabels: run.testLabels,
    confusion: confusionOf(run.testLabels, run.predictions),
    sampleImages: run.sampleImages,
    sampleLabels: run.sampleLabels,
    kernel: KERNELS.find((k) => k === run.kernel) ?? null,
    trainMessage: run.diverged ? { key: 'train.diverged', ...run.diverged } : null,
    imported: run.imported,
    runDataset: run.dataset,
    restoredAt: run.savedAt,
  };
}
