import { describe, expect, it } from 'vitest';
import { PIXELS } from '../constants';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import { zeros } from '../tensor/matrix';
import { mulberry32 } from '../tensor/random';
import type { NetArch } from './arch';
import { BOOK_CONFIG, type TrainConfig } from './config';
import { FastNet, hash4 } from './fastNet';
import { FastOptimizer } from './fastOptimizer';
import { MultiLayerNetExtend } from './multiLayerNet';
import { createOptimizer, type OptimizerName } from './optimizers';

const kind = (wasmSupport() ?? 'wasm-simd') as WasmKind;

/** n images of MNIST-like bytes (about 20% non-zero) and labels. */
function images(n: number, seed = 7) {
  const rng = mulberry32(seed);
  const pixels = new Uint8Array(n * PIXELS);
  for (let i = 0; i < pixels.length; i++) if (rng() < 0.2) pixels[i] = 1 + Math.floor(rng() * 255);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = Math.floor(rng() * 10);
  return { pixels, labels };
}

function reference(net: FastNet, arch: NetArch, dropoutRng?: () => number, lambda = 0): MultiLayerNetExtend {
  const ref = new MultiLayerNetExtend(PIXELS, arch.hidden, 10, {
    activation: arch.activation,
    useBatchnorm: arch.batchNorm,
    useDropout: arch.dropout > 0,
    dropoutRatio: arch.dropout,
    weightDecayLambda: lambda,
    rng: mulberry32(1),
    dropoutRng,
  });
  const s = net.snapshot();
  ref.setParams(s.tensors);
  return ref;
}

const xOf = (pixels: Uint8Array, rows: Int32Array) => {
  const x = zeros(rows.length, PIXELS);
  rows.forEach((r, i) => {
    for (let p = 0; p < PIXELS; p++) x.data[i * PIXELS + p] = pixels[r * PIXELS + p] / 255;
  });
  return x;
};

/** Largest |a − b| relative to b's largest entry. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  // A floor for arrays that are 0 in exact arithmetic (b before batch norm: Σ dx = 0).
  let scale = 1e-4;
  for (let i = 0; i < b.length; i++) {
    max = Math.max(max, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return max / scale;
}

const ARCHS: [string, NetArch, number][] = [
  ['784-50-10 ReLU', { hidden: [50], activation: 'relu', batchNorm: false, dropout: 0 }, 0],
  ['ReLU ×3, weight decay', { hidden: [30, 17, 40], activation: 'relu', batchNorm: false, dropout: 0 }, 0.1],
  ['Sigmoid ×2', { hidden: [21, 13], activation: 'sigmoid', batchNorm: false, dropout: 0 }, 0],
  ['ReLU + batch norm ×3', { hidden: [24, 24, 9], activation: 'relu', batchNorm: true, dropout: 0 }, 0.05],
  ['Sigmoid + batch norm + dropout', { hidden: [20, 18], activation: 'sigmoid', batchNorm: true, dropout: 0.3 }, 0],
  ['ReLU + dropout 0.5 ×4', { hidden: [16, 16, 16, 16], activation: 'relu', batchNorm: false, dropout: 0.5 }, 0],
];

describe('FastNet against the book-exact Float64 MultiLayerNetExtend', () => {
  for (const [name, arch, lambda] of ARCHS) {
    it(`${name}: gradient of every param, loss and predictions`, () => {
      const n = 37;
      const { pixels, labels } = images(n);
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      const net = new FastNet(arch, kind, 64);
      net.init({ weightInit: 'he', weightInitStd: 0.01 }, mulberry32(3));
      const step = 5;
      // The reference draws its dropout masks as the fast net hashes them, layer by layer.
      const draws: number[] = [];
      for (let k = 0; k < arch.hidden.length; k++)
        for (let r = 0; r < n; r++)
          for (let j = 0; j < arch.hidden[k]; j++)
            draws.push(hash4(net.dropoutSeed, step, (k << 20) | r, j) / 4294967296);
      let at = 0;
      const ref = reference(net, arch, () => draws[at++], lambda);
      const x = xOf(pixels, rows);
      const grads = ref.gradient(x, labels);
      const loss = net.gradient(0, pixels, labels, rows, n, n, step);
      expect(loss / n).toBeCloseTo(ref.lastLayer.loss ?? ref.loss(x, labels, false), 4);
      // The fast net's gradient gains λW in the optimizer; compare the bare gradient here.
      const fast = net.snapshot();
      for (const [k, g] of Object.entries(grads)) {
        const t = net.tensor(k);
        const v = net.view(t, net.L.grads[0]);
        const got = new Float64Array(t.rows * t.cols);
        for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) got[i * t.cols + j] = v[i * t.stride + j];
        const want = Float64Array.from(g.data);
        if (t.kind === 'W') for (let i = 0; i < want.length; i++) want[i] -= lambda * fast.tensors[k][i];
        // A bias that batch norm follows has the gradient 0 in exact arithmetic (Σ_batch dx = 0):
        // both paths give rounding noise, Float64's ~1e-18, Float32's ~1e-9.
        if (arch.batchNorm && t.kind === 'b' && t.layer <= arch.hidden.length)
          expect(Math.max(...got.map(Math.abs)), k).toBeLessThan(1e-6);
        else expect(relErr(got, want), k).toBeLessThan(2e-5);
      }
      // Test mode: the same loss and the same ranking (running averages after one batch).
      net.lossSum(0, pixels, labels, rows, n);
      const scores = ref.predict(x, false);
      const ours = new Float64Array(n * 10);
      const buf = new Float32Array(net.memory.buffer, net.L.scores, n * 12);
      for (let r = 0; r < n; r++) for (let c = 0; c < 10; c++) ours[r * 10 + c] = buf[r * 12 + c];
      expect(relErr(ours, scores.data)).toBeLessThan(1e-4);
      if (lambda > 0) {
        let wd = 0;
        for (const [k, p] of Object.entries(ref.params))
          if (k.startsWith('W')) for (const v of p.data) wd += 0.5 * lambda * v * v;
        expect(net.weightDecayLoss(lambda)).toBeCloseTo(wd, 5);
      }
      const preds = new Uint8Array(n);
      net.countCorrect(0, pixels, labels, 0, n, preds);
      let agree = 0;
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let c = 1; c < 10; c++) if (scores.data[r * 10 + c] > scores.data[r * 10 + best]) best = c;
        if (best === preds[r]) agree++;
      }
      expect(agree).toBe(n);
    });
  }
});

describe('FastOptimizer against the book-exact optimizers', () => {
  const names: OptimizerName[] = ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSprop', 'Adam'];
  for (const o of names) {
    it(`${o}: three updates with weight decay`, () => {
      // No batch norm here: the bias before it has a gradient of pure rounding noise, which
      // AdaGrad, RMSprop and Adam scale up to a full step (in NumPy as much as here).
      const arch: NetArch = { hidden: [12, 8], activation: 'relu', batchNorm: false, dropout: 0 };
      const n = 20;
      const { pixels, labels } = images(n, 11);
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      const net = new FastNet(arch, kind, 32);
      net.init({ weightInit: 'he', weightInitStd: 0.01 }, mulberry32(5));
      const cfg: TrainConfig = { ...BOOK_CONFIG, optimizer: o, learningRate: 0.05, weightDecay: 0.1 };
      const ref = reference(net, arch, undefined, cfg.weightDecay);
      const refOpt = createOptimizer(o, { lr: 0.05 });
      const opt = new FastOptimizer(net, cfg);
      const x = xOf(pixels, rows);
      for (let s = 0; s < 3; s++) {
        refOpt.update(ref.params, ref.gradient(x, labels));
        net.gradient(0, pixels, labels, rows, n, n, s);
        opt.begin();
        opt.apply(0, net.L.paramFloats, false);
      }
      const fast = net.snapshot();
      // RMSprop's first step divides by √(0.01·g²): ten times the rounding of g.
      for (const [k, p] of Object.entries(ref.params)) expect(relErr(fast.tensors[k], p.data), k).toBeLessThan(1e-4);
    });
  }
});
