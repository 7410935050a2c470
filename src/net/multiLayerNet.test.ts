import { afterAll, describe, expect, it } from 'vitest';
import { MultiLayerNetExtend, weightScale, type Activation, type WeightInit } from './multiLayerNet';
import { expectBook, loadCh6, mat, replay, reportWorst, type Arr } from '../testing/ch6Fixtures';
import { zeros } from '../tensor/matrix';
import { mulberry32, normalSampler } from '../tensor/random';

interface BookOptions {
  activation?: Activation;
  weight_init_std?: WeightInit;
  weight_decay_lambda?: number;
  use_dropout?: boolean;
  dropout_ration?: number;
  use_batchnorm?: boolean;
}
interface NetCase {
  options: BookOptions;
  sizes: number[];
  x: Arr;
  t: number[];
  params: Record<string, Arr>;
  gradientDraws: number[];
  grads: Record<string, Arr>;
  lossTest: number;
  accuracy: number;
  lossTrain: number;
  lossTrainDraws: number[];
}

const CASES = [
  'relu-he',
  'sigmoid-xavier-decay',
  'relu-bn',
  'relu-bn-decay',
  'sigmoid-bn-dropout',
  'relu-dropout-decay',
];

function bookNet(c: NetCase, draws: number[]): MultiLayerNetExtend {
  const o = c.options;
  return new MultiLayerNetExtend(c.sizes[0], c.sizes.slice(1, -1), c.sizes[c.sizes.length - 1], {
    activation: o.activation,
    weightInitStd: o.weight_init_std,
    weightDecayLambda: o.weight_decay_lambda,
    useDropout: o.use_dropout,
    dropoutRatio: o.dropout_ration,
    useBatchnorm: o.use_batchnorm,
    rng: mulberry32(1),
    dropoutRng: replay(draws),
  });
}

afterAll(reportWorst);

describe("MultiLayerNetExtend against the book's class (Float64, 1e-10)", () => {
  for (const name of CASES) {
    it(`${name}: gradient, then the test-mode loss and accuracy, then a training-mode loss`, () => {
      const c = loadCh6<NetCase>(`net-${name}.json`);
      const net = bookNet(c, [...c.gradientDraws, ...c.lossTrainDraws]);
      expect(Object.keys(net.params).sort()).toEqual(Object.keys(c.params).sort());
      net.setParams(Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, mat(v).data])));
      const x = mat(c.x);
      const grads = net.gradient(x, c.t);
      expect(Object.keys(grads)).toEqual(Object.keys(c.grads));
      for (const k of Object.keys(c.grads)) expectBook(`net ${name} grad`, grads[k], c.grads[k]);
      expectBook(`net ${name} loss`, net.loss(x, c.t), c.lossTest);
      expect(net.accuracy(x, c.t)).toBe(c.accuracy);
      expectBook(`net ${name} loss`, net.loss(x, c.t, true), c.lossTrain);
    });
  }

  it("lays out the book's layers: Affine → BatchNorm → Activation → Dropout, then Affine", () => {
    const net = new MultiLayerNetExtend(6, [5, 4], 3, { useBatchnorm: true, useDropout: true, rng: mulberry32(1) });
    expect(net.layers.map(([n]) => n)).toEqual([
      'Affine1',
      'BatchNorm1',
      'Activation_function1',
      'Dropout1',
      'Affine2',
      'BatchNorm2',
      'Activation_function2',
      'Dropout2',
      'Affine3',
    ]);
  });

  it('draws He, Xavier or a given standard deviation from the seeded RNG', () => {
    expect(weightScale('he', 50)).toBe(0.2);
    expect(weightScale('sigmoid', 100)).toBe(0.1);
    expect(weightScale(0.01, 784)).toBe(0.01);
    for (const [init, want] of [
      ['relu', Math.sqrt(2 / 400)],
      ['xavier', Math.sqrt(1 / 400)],
      [0.01, 0.01],
    ] as const) {
      const W = new MultiLayerNetExtend(400, [100], 10, { weightInitStd: init, rng: mulberry32(3) }).params.W1.data;
      const std = Math.sqrt(Array.from(W).reduce((s, v) => s + v * v, 0) / W.length);
      expect(Math.abs(std / want - 1)).toBeLessThan(0.02);
    }
    const a = new MultiLayerNetExtend(6, [5], 3, { rng: mulberry32(9) });
    const b = new MultiLayerNetExtend(6, [5], 3, { rng: mulberry32(9) });
    expect(Array.from(a.params.W2.data)).toEqual(Array.from(b.params.W2.data));
  });
});

describe('gradient check with batch norm (batch_norm_gradient_check.py)', () => {
  it('backprop agrees with central differences (h = 1e-4) to 1e-6, relative', () => {
    const rng = mulberry32(20);
    const normal = normalSampler(rng);
    // logEps 0: backward is the derivative of −log y, while the book's loss takes
    // −log(y + 1e-7), whose derivative is smaller by y/(y + 1e-7): up to 1e-5 apart here.
    const net = new MultiLayerNetExtend(6, [5, 4], 3, { useBatchnorm: true, weightDecayLambda: 0.1, rng, logEps: 0 });
    for (const [k, p] of Object.entries(net.params)) {
      if (k.startsWith('W')) continue;
      for (let i = 0; i < p.data.length; i++) p.data[i] = (k.startsWith('gamma') ? 1 : 0) + 0.2 * normal();
    }
    const x = zeros(4, 6);
    for (let i = 0; i < x.data.length; i++) x.data[i] = normal();
    const t = [0, 2, 1, 2];
    const backprop = net.gradient(x, t);
    const numerical = net.numericalGradient(x, t);
    expect(Object.keys(backprop).sort()).toEqual(Object.keys(numerical).sort());
    for (const k of Object.keys(numerical)) {
      const a = backprop[k].data,
        n = numerical[k].data;
      let worst = 0,
        scale = 0;
      for (let i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i] - n[i]));
        scale = Math.max(scale, Math.abs(a[i]), Math.abs(n[i]));
      }
      // Batch norm takes the batch mean out, so b1 and b2's gradients are 0 up to rounding:
      // measure those against a floor instead of their own size.
      const rel = worst / Math.max(scale, 1e-3);
      if (process.env.CH6_REPORT) console.log(`gradcheck ${k}\t${rel.toExponential(2)}`);
      expect(rel, k).toBeLessThan(1e-6);
    }
  });
});

describe('a whole net by its export names (tensor, loadTensors)', () => {
  it('reads params and running averages (zeros before the first forward), and loads them into a fresh net', () => {
    const opts = { useBatchnorm: true, useDropout: true, dropoutRatio: 0.3 };
    const net = new MultiLayerNetExtend(6, [5, 4], 3, { ...opts, rng: mulberry32(4) });
    expect(Array.from(net.tensor('running_var2')!)).toEqual([0, 0, 0, 0]);
    expect(net.tensor('running_mean3')).toBeUndefined();
    expect(net.tensor('gamma9')).toBeUndefined();
    const normal = normalSampler(mulberry32(8));
    const x = zeros(7, 6);
    for (let i = 0; i < x.data.length; i++) x.data[i] = normal();
    net.gradient(x, [0, 1, 2, 0, 1, 2, 0]); // a training forward moves the running averages
    expect(Array.from(net.tensor('running_mean1')!).some((v) => v !== 0)).toBe(true);
    const names = [...Object.keys(net.params), 'running_mean1', 'running_mean2', 'running_var1', 'running_var2'];
    const copy = new MultiLayerNetExtend(6, [5, 4], 3, { ...opts, rng: mulberry32(99) });
    copy.loadTensors(Object.fromEntries(names.map((k) => [k, Float64Array.from(net.tensor(k)!)])));
    for (const k of names) expect(Array.from(copy.tensor(k)!), k).toEqual(Array.from(net.tensor(k)!));
    expect(Array.from(copy.predict(x, false).data)).toEqual(Array.from(net.predict(x, false).data));
    const { running_var2: _v, ...short } = Object.fromEntries(names.map((k) => [k, net.tensor(k)!]));
    expect(() => copy.loadTensors(short)).toThrow(/running_var2/);
  });
});
