import { CLASSES, PIXELS } from '../constants';
import type { Mnist } from '../data/mnist';
import { kernelFactory } from '../kernels';
import { fastNetFrom } from './fastNet';
import { isTwoLayer } from './arch';
import { fastModel, layeredModel, referenceModel, referenceNetFrom, type TrainModel } from './models';
import { snapshotDType, type ParamSnapshot } from './params';
import { EVAL_CHUNK, type KernelFactory } from './trainer';
import { PARAM_KEYS, TwoLayerNet } from './twoLayerNet';

/**
 * A net that holds the given weights. The book's TwoLayerNet in their precision: the fused
 * Float32 net for Float32 weights, the layered net for Float64 ones (as NumPy computes with
 * them). Any other net of the family: the book's MultiLayerNetExtend in Float64, its batch
 * norm layers holding the snapshot's running averages.
 */
export function modelFromSnapshot(p: ParamSnapshot, kernels: KernelFactory = kernelFactory(EVAL_CHUNK)): TrainModel {
  if (!isTwoLayer(p.arch)) return referenceModel(referenceNetFrom(p), p.arch, null);
  const hidden = p.arch.hidden[0];
  if (snapshotDType(p) === 'float32') return fastModel(fastNetFrom(kernels(hidden), p));
  const net = new TwoLayerNet(PIXELS, hidden, CLASSES, 0, () => 0.5, 'float64');
  for (const k of PARAM_KEYS) net.params[k].data.set(p.tensors[k]);
  return layeredModel(net, 'float64');
}

export interface Evaluation {
  train: number;
  test: number;
  /** The predicted class of every test image. */
  testPredictions: Uint8Array;
}

/**
 * The accuracy of a net on all training and test images, as the book's evaluation computes
 * it, one chunk per `next()` so that a worker can look at its messages in between.
 */
export function* evaluateModel(model: TrainModel, data: Mnist, chunk = EVAL_CHUNK): Generator<void, Evaluation> {
  const nTrain = data.train.labels.length;
  const nTest = data.test.labels.length;
  const testPredictions = new Uint8Array(nTest);
  let train = 0;
  for (let s = 0; s < nTrain; s += chunk) {
    train += model.countCorrect(data.train, s, Math.min(chunk, nTrain - s));
    yield;
  }
  let test = 0;
  for (let s = 0; s < nTest; s += chunk) {
    const n = Math.min(chunk, nTest - s);
    test += model.countCorrect(data.test, s, n, testPredictions.subarray(s, s + n));
    yield;
  }
  return { train: nTrain ? train / nTrain : 0, test: nTest ? test / nTest : 0, testPredictions };
}
