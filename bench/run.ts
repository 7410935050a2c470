/**
 * npm run bench [-- --full] [-- --compare] [-- --profile]: the trainer's speed in Node on real
 * MNIST, printed as one JSON object on the last line.
 *
 *   stepMs          one step of the book's two-layer run at batch 100 (gradient, update, the loss
 *                   after it), median, on both cores (the split step, its helper a worker thread);
 *                   stepMs1 on one core
 *   evalAllMs       accuracy on all 70,000 images, both cores (evalAllMs1: one core)
 *   --compare       adds the step at hidden sizes 200 and 500, and the book's chapter 6 net
 *                   (784-100-100-100-100-10, He, batch 128, Adam) with and without batch norm
 *                   and dropout 0.2: ch6StepMs{Adam,AdamBn,AdamDropout,AdamBnDropout}, both cores
 *   --full          the book's whole run (10,000 iterations, 17 evaluations plus the final one)
 *                   on both cores: bookRunS, bookRunFinalTest
 *   --profile       one core's 128-bit multiply-add peak (a WebAssembly loop) and each chapter 6
 *                   step's useful GFLOP/s as a share of the two cores' peak
 *
 * Node 20 runs plain SIMD; `node --experimental-wasm-relaxed-simd --import tsx bench/run.ts`
 * runs the relaxed (fused multiply-add) kernels that Chromium runs.
 */
import { Worker } from 'node:worker_threads';
import { rangeOf, batchOf, type Mnist } from '../src/data/mnist';
import { gradientCheck } from '../src/net/gradcheck';
import { BOOK_CONFIG, Trainer, type TrainConfig } from '../src/net/trainer';
import { archOf } from '../src/net/config';
import { TwoLayerNet } from '../src/net/twoLayerNet';
import { FastNet } from '../src/net/fastNet';
import { FastOptimizer } from '../src/net/fastOptimizer';
import { SplitTrainer, splitLayout, splitMemory } from '../src/net/splitStep';
import { layerSizes } from '../src/net/arch';
import { listsOf } from '../src/worker/share';
import type { StepHelperIn } from '../src/worker/split';
import { wasmSupport, type WasmKind } from '../src/kernels/wasmKernels';
import { mulberry32, randInt } from '../src/tensor/random';
import { realMnist } from '../src/testing/realMnist';
import { peakGflops } from './peak';

const has = (flag: string) => process.argv.includes(flag);
const found = wasmSupport();
if (!found) throw new Error('this Node runs no WebAssembly SIMD: nothing fast to measure');
const kind: WasmKind = found;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = realMnist();
const toShared = (a: Uint8Array) => {
  const out = new Uint8Array(new SharedArrayBuffer(a.length));
  out.set(a);
  return out;
};
/** The images in shared memory, for the helper thread. */
const mnist: Mnist = {
  train: {
    images: { ...plain.train.images, pixels: toShared(plain.train.images.pixels) },
    labels: toShared(plain.train.labels),
  },
  test: {
    images: { ...plain.test.images, pixels: toShared(plain.test.images.pixels) },
    labels: toShared(plain.test.labels),
  },
};
const { pixels, labels } = { pixels: mnist.train.images.pixels, labels: mnist.train.labels };

/** A split trainer with its helper running in a worker thread, its net initialised as a run's. */
async function split(cfg: TrainConfig) {
  const layout = splitLayout(cfg, archOf(cfg));
  const memory = splitMemory(layout);
  const worker = new Worker(new URL('./stepHelper.node.mjs', import.meta.url));
  worker.postMessage({ memory, layout, kind, cfg, data: mnist, lists: listsOf(mnist) } satisfies StepHelperIn);
  await new Promise((r) => worker.once('message', r));
  const tr = new SplitTrainer(memory, layout, kind as WasmKind, cfg);
  tr.net.init(cfg, mulberry32(1));
  return {
    tr,
    close: async () => {
      tr.close();
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

function timeSteps(step: (rows: Int32Array, s: number) => void, batch = 100, steps = 400): number {
  const rng = mulberry32(5);
  const rows = () => Int32Array.from({ length: batch }, () => randInt(rng, 60000));
  for (let i = 0; i < 50; i++) step(rows(), i); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = rows();
    const t0 = performance.now();
    step(r, 50 + i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The step on one core: the fast net and its optimizer, as a one-core run trains. */
function stepMs1(cfg: TrainConfig): number {
  const net = new FastNet(archOf(cfg), kind as WasmKind, splitLayout(cfg, archOf(cfg)).rows);
  net.init(cfg, mulberry32(1));
  const opt = new FastOptimizer(net, cfg);
  const n = cfg.batchSize;
  return timeSteps((rows, s) => {
    net.gradient(0, pixels, labels, rows, n, n, s);
    opt.begin();
    opt.apply(0, net.L.paramFloats, false);
    net.lossSum(0, pixels, labels, rows, n);
  }, n);
}

async function stepMs2(cfg: TrainConfig): Promise<{ ms: number; helped: number; stolen: number }> {
  const s = await split(cfg);
  const ms = timeSteps((rows, i) => s.tr.step(pixels, labels, rows, rows.length, i), cfg.batchSize);
  const c = { ...s.tr.counts };
  await s.close();
  return { ms, ...c };
}

function evalAll(net: FastNet, offload?: ReturnType<SplitTrainer['evalOffload']>): number {
  let correct = 0;
  const halves = { train: [30000, 60000] as [number, number], test: [5000, 10000] as [number, number] };
  if (offload) offload.start(halves);
  correct += net.countRange(0, mnist.train.images.pixels, mnist.train.labels, 0, offload ? 30000 : 60000);
  correct += net.countRange(0, mnist.test.images.pixels, mnist.test.labels, 0, offload ? 5000 : 10000);
  if (offload) {
    let r = offload.result();
    while (!r) r = offload.result();
    correct += r.train + r.test;
  }
  return correct;
}

function bestOf(n: number, f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function evalAllMs1(): number {
  const net = new FastNet(archOf(BOOK_CONFIG), kind as WasmKind, 1000);
  net.init(BOOK_CONFIG, mulberry32(1));
  evalAll(net);
  return bestOf(3, () => evalAll(net));
}

async function evalAllMs2(): Promise<number> {
  const s = await split(BOOK_CONFIG);
  const off = s.tr.evalOffload(mnist);
  evalAll(s.tr.net, off);
  const ms = bestOf(3, () => evalAll(s.tr.net, off));
  await s.close();
  return ms;
}

function gradientBatch3Us(): number {
  const net = new TwoLayerNet(784, 50, 10, 0.01, mulberry32(2), 'float64');
  const { x, t } = batchOf(mnist.train, [0, 1, 2], 'float64');
  for (let i = 0; i < 200; i++) net.gradient(x, t);
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    net.gradient(x, t);
    times.push(performance.now() - t0);
  }
  return median(times) * 1000;
}

function numericalGradientBatch3S(): number {
  const { x, t } = rangeOf(mnist.train, 0, 3, 'float64');
  const it = gradientCheck(x, t, 1);
  let r = it.next();
  while (!r.done) r = it.next();
  return r.value.numericalMs / 1000;
}

async function bookRun(): Promise<{ seconds: number; finalTest: number; cores: number }> {
  const s = await split(BOOK_CONFIG);
  const tr = new Trainer(BOOK_CONFIG, mnist, { split: s.tr });
  tr.offload = s.tr.evalOffload(mnist);
  let finalTest = 0;
  const t0 = performance.now();
  while (!tr.finished)
    tr.work(
      () => false,
      (e) => {
        if (e.type === 'eval') finalTest = e.row.test;
      },
    );
  const seconds = (performance.now() - t0) / 1000;
  await s.close();
  return { seconds, finalTest, cores: 2 };
}

/** The book's chapter 6 net (optimizer_compare_mnist.py's), Adam, batch 128. */
const CH6: TrainConfig = {
  ...BOOK_CONFIG,
  hidden: [100, 100, 100, 100],
  weightInit: 'he',
  optimizer: 'Adam',
  learningRate: 0.001,
  batchSize: 128,
};
const CH6_CASES: [string, Partial<TrainConfig>][] = [
  ['Adam', {}],
  ['AdamBn', { batchNorm: true }],
  ['AdamDropout', { dropout: 0.2 }],
  ['AdamBnDropout', { batchNorm: true, dropout: 0.2 }],
];

/**
 * Multiply-adds of one step, counted as 2 flops each: the forward (the first Affine over the
 * batch's non-zero pixels, then the dense ones), the backward (each dense Affine's dW and dX,
 * the first one's dW over the pixels), and the forward again for the loss after the update.
 */
function stepFlop(cfg: TrainConfig, nnz: number): number {
  const sizes = layerSizes(archOf(cfg));
  const n = cfg.batchSize;
  let dense = 0;
  for (let k = 2; k < sizes.length; k++) dense += n * sizes[k - 1] * sizes[k];
  const first = nnz * sizes[1];
  return 2 * (2 * (first + dense) + (first + 2 * dense));
}

const result: Record<string, number | string> = { kernel: kind };
result.stepMs1 = Number(stepMs1(BOOK_CONFIG).toFixed(3));
{
  const s = await stepMs2(BOOK_CONFIG);
  result.stepMs = Number(s.ms.toFixed(3));
  result.stepTasksStolen = Number((s.stolen / (s.helped + s.stolen)).toFixed(3));
}
if (has('--compare') || has('--profile')) {
  if (has('--compare')) {
    result.stepMsH200 = Number((await stepMs2({ ...BOOK_CONFIG, hidden: [200] })).ms.toFixed(3));
    result.stepMsH500 = Number((await stepMs2({ ...BOOK_CONFIG, hidden: [500] })).ms.toFixed(3));
  }
  const peak = has('--profile') ? peakGflops() : 0;
  if (peak) result.peakGflops = Number(peak.toFixed(1));
  // The batches' non-zero pixels, on average (what the first Affine multiplies).
  const rng = mulberry32(5);
  let nnz = 0;
  for (let b = 0; b < 50; b++)
    for (let i = 0; i < 128; i++) {
      const r = randInt(rng, 60000);
      for (let p = 0; p < 784; p++) if (pixels[r * 784 + p]) nnz++;
    }
  nnz /= 50;
  for (const [name, over] of CH6_CASES) {
    const cfg = { ...CH6, ...over };
    const s = await stepMs2(cfg);
    result[`ch6StepMs${name}`] = Number(s.ms.toFixed(3));
    result[`ch6StepMs1${name}`] = Number(stepMs1(cfg).toFixed(3));
    if (peak) {
      const g = stepFlop(cfg, nnz) / s.ms / 1e6;
      result[`ch6Gflops${name}`] = Number(g.toFixed(1));
      result[`ch6PeakShare${name}`] = Number((g / (2 * peak)).toFixed(3));
    }
  }
}
result.evalAllMs1 = Number(evalAllMs1().toFixed(1));
result.evalAllMs = Number((await evalAllMs2()).toFixed(1));
if (!has('--compare')) {
  result.stepMsF64 = Number(
    timeSteps(
      (() => {
        const tr = new Trainer({ ...BOOK_CONFIG, dtype: 'float64' }, mnist);
        return () => tr.step();
      })(),
      100,
      100,
    ).toFixed(3),
  );
  result.gradientBatch3Us = Number(gradientBatch3Us().toFixed(1));
  result.numericalGradientBatch3S = Number(numericalGradientBatch3S().toFixed(2));
}
console.log(
  `one step, batch 100: ${result.stepMs} ms on both cores, ${result.stepMs1} ms on one; accuracy on all 70,000: ${result.evalAllMs} ms on both cores, ${result.evalAllMs1} ms on one`,
);
if (has('--full')) {
  const b = await bookRun();
  result.bookRunS = Number(b.seconds.toFixed(2));
  result.bookRunFinalTest = Number(b.finalTest.toFixed(4));
  console.log(
    `the book's whole run: ${result.bookRunS} s on ${b.cores} core(s), final test accuracy ${result.bookRunFinalTest}`,
  );
}
console.log(JSON.stringify(result));
