import { describe, expect, it } from 'vitest';
import { sizeOf, tensorShapes, type NetArch } from '../net/arch';
import { snapshotFrom, snapshotOf } from '../net/params';
import { parseSavedRun } from './savedRun';

const snapshot = (arch: NetArch) =>
  snapshotFrom(arch, (k) => new Float32Array(sizeOf(tensorShapes(arch).find(([n]) => n === k)![1])).fill(0.5));

const record = (params: unknown) => ({
  version: 1,
  savedAt: 5,
  texts: { hiddenSize: '50' },
  dtype: 'float32',
  phase: 'finished',
  iter: 10,
  iterationsAsked: 10,
  losses: new Float32Array(10),
  evals: [{ epoch: 0, iter: 0, train: 0.1, test: 0.1, final: false }],
  params,
  predictions: null,
  testLabels: null,
  sampleImages: null,
  sampleLabels: null,
  kernel: 'ts',
  diverged: null,
  imported: null,
  dataset: { id: 'mnist', files: null, trainCount: 60000, testCount: 10000 },
});

const CH6: NetArch = { hidden: [100, 100, 100, 100], activation: 'relu', batchNorm: true, dropout: 0.2 };

describe('a saved run read back', () => {
  it('keeps a net of any depth with batch norm: every array checked against tensorShapes of its arch', () => {
    const p = snapshot(CH6);
    const r = parseSavedRun(record(p));
    expect(r?.params).toEqual(p);
    expect(parseSavedRun(record(snapshot({ ...CH6, activation: 'sigmoid', batchNorm: false })))).not.toBeNull();
  });

  it('gives null (a damaged record) for a net the app cannot build or arrays that do not fit it', () => {
    const p = snapshot(CH6);
    const bad: unknown[] = [
      { ...p, arch: { ...CH6, hidden: new Array(11).fill(100) } },
      { ...p, arch: { ...CH6, hidden: [100, 100, 100, 0] } },
      { ...p, arch: { ...CH6, hidden: [100, 100, 100, 1001] } },
      { ...p, arch: { ...CH6, activation: 'tanh' } },
      { ...p, arch: { ...CH6, dropout: 1 } },
      { ...p, arch: { ...CH6, batchNorm: false } }, // then gamma… do not belong
      { ...p, tensors: { ...p.tensors, W3: new Float32Array(100 * 99) } },
      { ...p, tensors: { ...p.tensors, running_var4: new Float64Array(100) } }, // mixed precision
      { arch: CH6 },
      null,
    ];
    for (const params of bad) expect(parseSavedRun(record(params))).toBeNull();
  });

  it("reads the previous version's two-layer record ({ hiddenSize, W1, b1, W2, b2 }) as the book's TwoLayerNet", () => {
    const W1 = new Float64Array(784 * 3).fill(1);
    const old = { hiddenSize: 3, W1, b1: new Float64Array(3), W2: new Float64Array(30), b2: new Float64Array(10) };
    const r = parseSavedRun(record(old));
    expect(r?.params).toEqual(snapshotOf(3, W1, old.b1, old.W2, old.b2, 'float64'));
    expect(parseSavedRun(record({ ...old, hiddenSize: 4 }))).toBeNull();
    expect(parseSavedRun(record({ ...old, b2: new Float32Array(10) }))).toBeNull();
  });
});
