import { CLASSES, PIXELS } from '../constants';
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
 * softmax(relu(x·W1 + b1)·W2 + b2) for image `index` of `pixels` (bytes, scaled to [0, 1] as
 * in training): the probabilities the net gives each class, in Float64.
 */
export function probabilities(p: ParamSnapshot, pixels: Uint8Array, index: number): Float64Array {
  const H = p.hiddenSize;
  const h = new Float64Array(H);
  for (let j = 0; j < H; j++) h[j] = p.b1[j];
  const base = index * PIXELS;
  for (let i = 0; i < PIXELS; i++) {
    const v = pixels[base + i];
    if (v === 0) continue;
    const x = v / 255;
    const row = i * H;
    for (let j = 0; j < H; j++) h[j] += x * p.W1[row + j];
  }
  const out = new Float64Array(CLASSES);
  for (let c = 0; c < CLASSES; c++) out[c] = p.b2[c];
  for (let j = 0; j < H; j++) {
    const a = h[j];
    if (a <= 0) continue; // ReLU
    for (let c = 0; c < CLASSES; c++) out[c] += a * p.W2[j * CLASSES + c];
  }
  let max = -Infinity;
  for (const v of out) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) sum += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < CLASSES; c++) out[c] /= sum;
  return out;
}
