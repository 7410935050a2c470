import { CLASSES, PIXELS } from '../constants';
import type { Mnist } from '../data/mnist';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import { FastNet } from './fastNet';
import { isTwoLayer } from './arch';
import { fastModel, layeredModel, referenceModel, referenceNetFrom, type TrainModel } from './models';
import { snapshotDType, type ParamSnapshot } from './params';
import { EVAL_CHUNK } from './trainer';
import { PARAM_KEYS, TwoLayerNet } from './twoLayerNet';

/**
 * A net that holds the given weights, in their precision: Float32 weights in the fast net
 * (where WebAssembly SIMD runs), Float64 ones in the book's classes as NumPy computes with them
 * (TwoLayerNet for the two-layer net, MultiLayerNetExtend for any other, its batch norm layers
 * holding the snapshot's running averages).
 */
export function modelFromSnapshot(p: ParamSnapshot, kind: WasmKind | null = wasmSupport()): TrainModel {
  if (kind && snapshotDType(p) === 'float32') {
    const net = new FastNet(p.arch, kind, EVAL_CHUNK);
    net.load(p);
    return fastModel(net, null);
  }
  if (!isTwoLayer(p.arch)) return referenceModel(referenceNetFrom(p), p.arch, null);
  const net = new TwoLayerNet(PIXELS, p.arch.hidden[0], CLASSES, 0, () => 0.5, snapshotDType(p));
  for (const k of PARAM_KEYS) net.params[k].data.set(p.tensors[k]);
  return layeredModel(net, snapshotDType(p));
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
