import { CLASSES, PIXELS } from '../constants';
import { BN_EPS } from '../layers/batchNorm';
import { layerSizes } from './arch';
import type { ParamSnapshot } from './params';

/**
 * The confusion matrix of a set of predictions: row = true label, column = predicted label,
 * `m[truth * classes + pred]` = how many images. Its diagonal is what the net got right.
 */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes = CLASSES,
): Uint32Array {
  if (labels.length !== predictions.length)
    throw new Error(`${labels.length} labels but ${predictions.length} predictions`);
  const m = new Uint32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) m[labels[i] * classes + predictions[i]]++;
  return m;
}

/** Diagonal over total: the accuracy the matrix stands for. */
export function diagonalAccuracy(m: Uint32Array, classes = CLASSES): number {
  let right = 0,
    all = 0;
  for (let i = 0; i < m.length; i++) {
    all += m[i];
    if (Math.floor(i / classes) === i % classes) right += m[i];
  }
  return all === 0 ? 0 : right / all;
}

/** The images (indices) of one cell: true label `truth`, predicted `pred`, in order. */
export function cellImages(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  truth: number,
  pred: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === truth && predictions[i] === pred) out.push(i);
  return out;
}

/**
 * softmax(predict(x)) in test mode for image `index` of `pixels` (bytes, scaled to [0, 1] as
 * in training): the probabilities the net gives each class, in Float64. Per hidden layer
 * Affine, batch norm with the running averages, the activation and the dropout's (1 − ratio),
 * as the book's MultiLayerNetExtend.predict(x, train_flg=False) computes them.
 */
export function probabilities(p: ParamSnapshot, pixels: Uint8Array, index: number): Float64Array {
  const { arch, tensors: T } = p;
  const sizes = layerSizes(arch);
  const last = sizes.length - 1;
  let h = new Float64Array(0);
  for (let l = 1; l <= last; l++) {
    const n = sizes[l];
    const W = T[`W${l}`];
    const out = Float64Array.from(T[`b${l}`]);
    if (l === 1) {
      // The first layer reads the bytes and skips the zero pixels (most of an MNIST digit).
      const base = index * PIXELS;
      for (let i = 0; i < PIXELS; i++) {
        const v = pixels[base + i];
        if (v === 0) continue;
        const x = v / 255;
        for (let j = 0; j < n; j++) out[j] += x * W[i * n + j];
      }
    } else {
      for (let i = 0; i < h.length; i++) {
        const a = h[i];
        if (a === 0) continue;
        for (let j = 0; j < n; j++) out[j] += a * W[i * n + j];
      }
    }
    if (l < last) hiddenLayer(p, l, out);
    h = out;
  }
  let max = -Infinity;
  for (const v of h) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) sum += h[c] = Math.exp(h[c] - max);
  for (let c = 0; c < CLASSES; c++) h[c] /= sum;
  return h;
}

/** Batch norm (test mode), activation and dropout (test mode) of hidden layer `l`, in place. */
function hiddenLayer({ arch, tensors: T }: ParamSnapshot, l: number, a: Float64Array): void {
  if (arch.batchNorm) {
    const gamma = T[`gamma${l}`],
      beta = T[`beta${l}`],
      mean = T[`running_mean${l}`],
      variance = T[`running_var${l}`];
    for (let j = 0; j < a.length; j++) a[j] = gamma[j] * ((a[j] - mean[j]) / Math.sqrt(variance[j] + BN_EPS)) + beta[j];
  }
  for (let j = 0; j < a.length; j++)
    a[j] = arch.activation === 'relu' ? (a[j] > 0 ? a[j] : 0) : 1 / (1 + Math.exp(-a[j]));
  if (arch.dropout > 0) for (let j = 0; j < a.length; j++) a[j] *= 1.0 - arch.dropout;
}
