import { describe, expect, it } from 'vitest';
import { run, stepCount } from '../../engine/core';
import { MATRIX } from '../../engine/matrixValues';
import type { TValue } from '../../engine/tensorOps';
import { netGraphDef } from '../../graphs/deepNet';
import { twoLayerNet } from '../../graphs/matrixGraphs';
import { tensorShapes, TWO_LAYER_ARCH, type NetArch } from '../../net/arch';
import { referenceNetFrom } from '../../net/models';
import { snapshotFrom } from '../../net/params';
import { zeros } from '../../tensor/matrix';
import { mulberry32, normalSampler } from '../../tensor/random';
import { netInputs } from './netInputs';

const ARCH: NetArch = { hidden: [6, 5], activation: 'relu', batchNorm: true, dropout: 0.3 };

/** A net of random weights (running variances positive), an image and its label. */
function setup(arch: NetArch) {
  const normal = normalSampler(mulberry32(4));
  const sizes = Object.fromEntries(tensorShapes(arch).map(([n, s]) => [n, s.reduce((a, b) => a * b, 1)]));
  const snap = snapshotFrom(
    arch,
    (name) =>
      Float64Array.from({ length: sizes[name] }, () =>
        name.startsWith('running_var') ? 0.5 + Math.abs(normal()) : name.startsWith('W') ? 0.1 * normal() : normal(),
      ),
    'float64',
  );
  const x = zeros(1, 784);
  const rng = mulberry32(9);
  for (let i = 0; i < 784; i++) x.data[i] = rng() < 0.2 ? rng() : 0;
  const t = zeros(1, 10);
  t.data[3] = 1;
  const inputs: Record<string, TValue> = {
    ...netInputs(snap),
    x: { m: x, shape: [1, 784] },
    t: { m: t, shape: [1, 10] },
  };
  return { snap, x, inputs };
}

describe('the traced graph of any net of the family', () => {
  it("the book's TwoLayerNet keeps chapter 5's graph", () => {
    expect(netGraphDef(TWO_LAYER_ARCH)).toBe(twoLayerNet);
  });

  it("a node per layer, in the book's order and with its names; the same object for the same net", () => {
    const def = netGraphDef(ARCH);
    expect(def.graph.nodes.map((n) => n.label)).toEqual([
      'Affine1',
      'BatchNorm1',
      'Relu1',
      'Dropout1',
      'Affine2',
      'BatchNorm2',
      'Relu2',
      'Dropout2',
      'Affine3',
      'SoftmaxWithLoss',
    ]);
    expect(stepCount(def)).toBe(20);
    expect(netGraphDef({ ...ARCH, hidden: [6, 5] })).toBe(def);
    const sig = netGraphDef({ hidden: [4, 4, 4], activation: 'sigmoid', batchNorm: false, dropout: 0 });
    expect(sig.graph.nodes.map((n) => n.label)).toEqual([
      'Affine1',
      'Sigmoid1',
      'Affine2',
      'Sigmoid2',
      'Affine3',
      'Sigmoid3',
      'Affine4',
      'SoftmaxWithLoss',
    ]);
    // Every step names a line of the listing.
    for (const n of def.graph.nodes) {
      expect(def.code.forwardLine[n.id], n.id).toBeGreaterThanOrEqual(0);
      expect(def.code.backwardLine[n.id], n.id).toBeGreaterThanOrEqual(0);
    }
  });

  it('forward: the scores and the loss of MultiLayerNetExtend in test mode (train_flg=False)', () => {
    const { snap, x, inputs } = setup(ARCH);
    const r = run(MATRIX, netGraphDef(ARCH).graph, inputs);
    const ref = referenceNetFrom(snap);
    const scores = ref.predict(x, false);
    const got = r.values.a3.m.data;
    for (let i = 0; i < 10; i++) expect(got[i]).toBeCloseTo(scores.data[i], 12);
    expect(r.values.a3.shape).toEqual([1, 10]);
    expect(r.values.n1.shape).toEqual([1, 6]);
    expect(r.values.loss.m.data[0]).toBeCloseTo(ref.loss(x, [3], false), 6);
  });

  it('backward: every gradient is the derivative of the test-mode loss (central differences)', () => {
    const { snap, x, inputs } = setup(ARCH);
    const r = run(MATRIX, netGraphDef(ARCH).graph, inputs);
    const h = 1e-5;
    for (const [name, idx] of [
      ['W3', 7],
      ['b2', 2],
      ['gamma1', 4],
      ['beta2', 1],
      ['W1', 784 * 0 + 3 + 6 * Array.from(x.data).findIndex((v) => v > 0)],
    ] as const) {
      const f = (d: number) => {
        const p = { ...snap, tensors: { ...snap.tensors, [name]: Float64Array.from(snap.tensors[name]) } };
        p.tensors[name][idx] += d;
        const ref = referenceNetFrom(p);
        ref.lastLayer.loss = 0;
        return ref.loss(x, [3], false);
      };
      const numerical = (f(h) - f(-h)) / (2 * h);
      expect(r.grads[name].m.data[idx], name).toBeCloseTo(numerical, 6);
    }
  });
});
